/** Friendly failures: a time taken meanwhile (with alternatives), an outage (retry, typed text kept), other errors. */
import type { Time } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { whenText } from "./times.js";

export type Notice =
  | { kind: "taken"; alternatives: Time[]; onPick(time: Time): void }
  | { kind: "outage"; rateLimitedFor?: number; retry(): void }
  | { kind: "error"; detail: string; retry(): void };

export function noticeView(n: Notice): HTMLElement {
  const texts = t();
  if (n.kind === "taken") {
    return h(
      "div",
      { className: "notice warn", id: "notice", tabindex: "-1", role: "alert" },
      h("p", {}, texts.taken),
      n.alternatives.length
        ? [
            h("p", {}, texts.alternatives),
            h(
              "ul",
              { className: "alternatives" },
              n.alternatives.map((alt) =>
                h("li", {}, h("button", { type: "button", className: "time alt", onclick: () => n.onPick(alt) }, whenText(alt))),
              ),
            ),
          ]
        : h("p", {}, texts.noAlternatives),
    );
  }
  const message = n.kind === "outage" ? (n.rateLimitedFor ? texts.rateLimited(String(n.rateLimitedFor)) : texts.outage) : n.detail;
  return h(
    "div",
    { className: "notice error", id: "notice", tabindex: "-1", role: "alert" },
    h("p", {}, message),
    h("button", { type: "button", id: "retry", onclick: () => n.retry() }, texts.retry),
  );
}
