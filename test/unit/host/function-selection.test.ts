/** The local host's instance layout: HOST_FUNCTIONS picks the functions an instance runs; app settings override host.json as in Azure. */
import { describe, expect, it } from "vitest";
import { selectFunctions, withAppSettingOverrides } from "../../../dev/host/host.js";

const fns = ["meetings-create", "events-dispatch", "messages-send", "webhooks-deliver"].map((name) => ({ name }));
const names = (selection: string | undefined) => selectFunctions(fns, selection).map((f) => f.name);

describe("HOST_FUNCTIONS", () => {
  it("runs every function when unset or empty", () => {
    expect(names(undefined)).toEqual(fns.map((f) => f.name));
    expect(names(" ")).toEqual(fns.map((f) => f.name));
  });

  it("runs only the named functions, or all but the ones named with a leading '-'", () => {
    expect(names("messages-send")).toEqual(["messages-send"]);
    expect(names("messages-send, webhooks-deliver")).toEqual(["messages-send", "webhooks-deliver"]);
    expect(names("-messages-send")).toEqual(["meetings-create", "events-dispatch", "webhooks-deliver"]);
  });

  it("refuses a name the app does not register (a typo would start an instance that runs nothing)", () => {
    expect(() => names("messages-sent")).toThrow(/no such function: messages-sent/);
    expect(() => names("-nope")).toThrow(/no such function: nope/);
  });
});

describe("app settings over host.json", () => {
  const hostJson = { version: "2.0", extensions: { queues: { batchSize: 16, maxPollingInterval: "00:00:01" } } };

  it("AzureFunctionsJobHost__a__b sets a.b; numbers stay numbers; host.json itself is not changed", () => {
    const merged = withAppSettingOverrides(hostJson, {
      AzureFunctionsJobHost__extensions__queues__batchSize: "1",
      AzureFunctionsJobHost__extensions__queues__visibilityTimeout: "00:00:05",
      AzureFunctionsJobHost__concurrency__dynamicConcurrencyEnabled: "true",
      UNRELATED: "x",
    });
    expect(merged).toEqual({
      version: "2.0",
      extensions: { queues: { batchSize: 1, maxPollingInterval: "00:00:01", visibilityTimeout: "00:00:05" } },
      concurrency: { dynamicConcurrencyEnabled: "true" },
    });
    expect(hostJson.extensions.queues.batchSize).toBe(16);
  });
});
