/**
 * vitest setup file: every JSON body a test process sends with fetch (call(), Api, plain fetch) has its
 * personal fields recorded for the run's log check (personal-values.ts). The request itself is unchanged.
 */
import { recordBody } from "./personal-values.js";

const MARK = Symbol.for("bookme.personal-values.fetch");
const current = globalThis.fetch as typeof fetch & { [MARK]?: true };
if (!current[MARK]) {
  const recording = Object.assign(
    (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      if (typeof init?.body === "string") recordBody(init.body);
      return current(input, init);
    },
    { [MARK]: true as const },
  );
  globalThis.fetch = recording;
}
