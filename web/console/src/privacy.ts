/**
 * Privacy requests (back office): export everything held about a person (POST privacy/exports) or
 * erase it (POST privacy/erasures, with a reason and an explicit confirmation), identified by exactly
 * one of customer id, e-mail or phone, as the API demands. Below the forms, the past requests of both
 * kinds from the API (GET privacy/exports and privacy/erasures), merged newest first, a page of each at
 * a time ("Load more" follows the continuation tokens): status, who asked and when, an erasure's
 * per-store counts. A finished export downloads as JSON (its document comes from GET by id, not the
 * list); a request not finished can be canceled. Unfinished ones, and those started in this tab, are
 * polled by id until they finish; one the API no longer knows (an export an erasure removed, or past
 * its retention) stays listed as gone. Errors show at their fields and the form keeps its input.
 */
import { api, ApiError, me } from "./api.js";
import { fieldErrors, h } from "./dom.js";

type Kind = "export" | "erasure";

interface Operation {
  id: string;
  kind: Kind;
  status: "NotStarted" | "Running" | "Succeeded" | "Failed" | "Canceled";
  identifiedBy: string;
  createdDateTime: string;
  lastActionDateTime: string;
  requestedBy?: { channel: string; tenantId: string; clientId: string; userId?: string };
  stores?: Record<string, { done: boolean; count: number }>;
  meetings: number;
  error: { code: string; message: string } | null;
  expiresDateTime: string | null;
  result?: unknown;
}

interface Feed {
  items: Operation[];
  token: string | null;
}

const KINDS: Kind[] = ["export", "erasure"];
const FINISHED = new Set(["Succeeded", "Failed", "Canceled"]);
const POLL_MS = 1500;
const PAGE_SIZE = "20";
/** Requests started in this tab (polled by id even once the list no longer has them). */
const started: { kind: Kind; id: string }[] = [];
/** The last status seen per id (list, poll or action): what a row shows. */
const known = new Map<string, Operation>();
let feeds: Record<Kind, Feed> | undefined;
let myUserId: string | undefined;

export async function renderPrivacy(root: HTMLElement, status: (s: string) => void): Promise<void> {
  const list = h("section", { id: "privacy-requests", "aria-labelledby": "privacy-requests-h" });
  root.replaceChildren(
    h("h2", {}, "Privacy requests"),
    h(
      "p",
      {},
      "Export or erase what BookMe holds about a person (GDPR Art. 15 and 17). Identify them by exactly one of customer id, e-mail or phone.",
    ),
    requestForm("export", list, status),
    requestForm("erasure", list, status),
    list,
  );
  myUserId = (await me().catch(() => undefined))?.oid;
  try {
    const pages = await Promise.all(KINDS.map((kind) => fetchPage(kind, null)));
    feeds = { export: pages[0], erasure: pages[1] };
  } catch (err) {
    feeds = undefined;
    list.replaceChildren(h("p", {}, `Past requests unavailable: ${err instanceof Error ? err.message : String(err)}`));
    return;
  }
  await refresh(list, status);
}

async function fetchPage(kind: Kind, token: string | null): Promise<Feed> {
  const query: Record<string, string> = { limit: PAGE_SIZE, ...(token ? { continuationToken: token } : {}) };
  const { data } = await api<{ items: Operation[]; continuationToken: string | null }>(`privacy/${kind}s`, query);
  for (const o of data.items) if (!known.get(o.id)?.result) known.set(o.id, o);
  return { items: data.items, token: data.continuationToken };
}

function requestForm(kind: "export" | "erasure", list: HTMLElement, status: (s: string) => void): HTMLFormElement {
  const p = kind; // ids: export-customerId, erasure-email, ...
  const field = (name: string, label: string, type: string, extra: Record<string, string> = {}) => [
    h("label", { for: `${p}-${name}` }, label),
    h("input", { id: `${p}-${name}`, name, type, ...extra }),
  ];
  const form = h(
    "form",
    { id: `${p}-form`, class: "privacy-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, kind === "export" ? "Export a person's data" : "Erase a person's data"),
      ...field("customerId", "Customer id", "text", { maxlength: "200" }),
      ...field("email", "E-mail", "email", { maxlength: "320" }),
      ...field("phone", "Phone", "tel", { maxlength: "40" }),
      ...(kind === "erasure"
        ? [
            ...field("reason", "Reason (case reference, no personal data)", "text", { maxlength: "500" }),
            h(
              "label",
              { for: "erasure-confirm", class: "check" },
              h("input", { id: "erasure-confirm", name: "confirm", type: "checkbox" }),
              " I understand this cannot be undone",
            ),
          ]
        : []),
    ),
    h("button", { type: "submit" }, kind === "export" ? "Start export" : "Start erasure"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value.trim() ?? "";
    const body: Record<string, string> = {};
    for (const name of ["customerId", "email", "phone", ...(kind === "erasure" ? ["reason"] : [])])
      if (value(name)) body[name] = value(name);
    if (kind === "erasure" && !form.querySelector<HTMLInputElement>('[name="confirm"]')!.checked) {
      fieldErrors(form, [{ field: "confirm", message: "confirm that the erasure cannot be undone" }]);
      return;
    }
    void api<Operation>(`privacy/${kind}s`, {}, { method: "POST", body }).then(
      async ({ data }) => {
        fieldErrors(form);
        form.reset();
        started.unshift({ kind, id: data.id });
        known.set(data.id, data);
        feeds?.[kind].items.unshift(data);
        status(`${kind === "export" ? "Export" : "Erasure"} started`);
        await refresh(list, status);
      },
      (err: unknown) => {
        const problem = err instanceof ApiError ? err.problem : undefined;
        fieldErrors(form, problem?.errors ?? [{ field: "customerId", message: err instanceof Error ? err.message : String(err) }]);
        status(`The request failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  });
  return form;
}

let polling: ReturnType<typeof setTimeout> | undefined;

/**
 * The rows: both kinds merged newest first. A kind with more pages hides the other's rows older than its
 * oldest loaded one, so "Load more" never fills in rows above ones already shown.
 */
function rows(): Operation[] {
  const listed = KINDS.flatMap((kind) => feeds?.[kind].items ?? []);
  const floor = KINDS.map((kind) => feeds?.[kind])
    .filter((f): f is Feed => !!f?.token && f.items.length > 0)
    .map((f) => f.items[f.items.length - 1].createdDateTime)
    .sort()
    .pop();
  const shown = new Set<string>();
  const out: Operation[] = [];
  for (const o of [...listed.filter((o) => !floor || o.createdDateTime >= floor), ...started]) {
    if (shown.has(o.id)) continue;
    shown.add(o.id);
    const op = known.get(o.id);
    if (op) out.push(op);
  }
  return out.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
}

const gone = (o: Operation): Operation => ({
  ...o,
  status: "Canceled",
  error: { code: "gone", message: "gone (erased, or past its retention)" },
  result: undefined,
});

/** Polls by id what may still change (unfinished rows, and the requests started here), then draws. */
async function refresh(list: HTMLElement, status: (s: string) => void): Promise<void> {
  clearTimeout(polling);
  const watched = new Map<string, Kind>();
  for (const o of rows()) if (!FINISHED.has(o.status)) watched.set(o.id, o.kind);
  for (const s of started) watched.set(s.id, s.kind);
  await Promise.all(
    [...watched].map(([id, kind]) =>
      api<Operation>(`privacy/${kind}s/${encodeURIComponent(id)}`).then(
        (r) => void known.set(id, r.data),
        (err: unknown) => {
          // An export an erasure removed, or one past its retention: the API no longer knows it.
          const before = known.get(id);
          if (err instanceof ApiError && err.problem.status === 404 && before) known.set(id, gone(before));
        },
      ),
    ),
  );
  draw(list, status);
  if (rows().some((o) => !FINISHED.has(o.status)) && list.isConnected) polling = setTimeout(() => void refresh(list, status), POLL_MS);
}

function draw(list: HTMLElement, status: (s: string) => void): void {
  const shown = rows();
  const more = KINDS.some((kind) => feeds?.[kind].token);
  list.replaceChildren(
    h("h3", { id: "privacy-requests-h" }, "Past requests"),
    shown.length
      ? h(
          "table",
          { id: "privacy-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Kind", "Identified by", "Status", "Meetings", "Stores", "Started", "By", "Result"].map((t) =>
                h("th", { scope: "col" }, t),
              ),
            ),
          ),
          h("tbody", {}, ...shown.map((o) => row(o, list, status))),
        )
      : h("p", {}, "None yet."),
    ...(more
      ? [
          h(
            "button",
            {
              type: "button",
              id: "privacy-more",
              onclick: async () => {
                await loadMore().catch((err: unknown) =>
                  status(`Loading more failed: ${err instanceof Error ? err.message : String(err)}`),
                );
                await refresh(list, status);
              },
            },
            "Load more",
          ),
        ]
      : []),
  );
}

async function loadMore(): Promise<void> {
  if (!feeds) return;
  for (const kind of KINDS) {
    const feed = feeds[kind];
    if (!feed.token) continue;
    const next = await fetchPage(kind, feed.token);
    feeds[kind] = { items: [...feed.items, ...next.items.filter((o) => !feed.items.some((i) => i.id === o.id))], token: next.token };
  }
}

const when = (iso: string) => (iso ? new Date(iso).toLocaleString("en-GB") : "");

function requester(o: Operation): string {
  const by = o.requestedBy;
  if (!by) return "";
  if (by.userId && by.userId === myUserId) return "you";
  return by.userId ? `user ${by.userId}` : `client ${by.clientId}`;
}

function row(o: Operation, list: HTMLElement, status: (s: string) => void): HTMLTableRowElement {
  return h(
    "tr",
    { "data-operation": o.id, "data-status": o.status },
    h("td", {}, o.kind),
    h("td", {}, o.identifiedBy),
    h("td", { "data-field": "status" }, o.error ? `${o.status}: ${o.error.message}` : o.status),
    h("td", {}, String(o.meetings)),
    h(
      "td",
      {},
      o.stores
        ? Object.entries(o.stores)
            .map(([store, s]) => `${store} ${s.done ? "done" : "…"} (${s.count})`)
            .join(", ")
        : "",
    ),
    h("td", {}, when(o.createdDateTime)),
    h("td", { title: o.requestedBy ? `client ${o.requestedBy.clientId}` : "" }, requester(o)),
    h("td", {}, ...actions(o, list, status)),
  );
}

function actions(o: Operation, list: HTMLElement, status: (s: string) => void): (Node | string)[] {
  if (o.error?.code === "gone") return [];
  if (!FINISHED.has(o.status))
    return [
      h(
        "button",
        {
          type: "button",
          onclick: () =>
            api<Operation>(`privacy/${o.kind}s/${encodeURIComponent(o.id)}/cancel`, {}, { method: "POST" }).then(
              async ({ data }) => {
                known.set(o.id, data);
                status(`${o.kind === "export" ? "Export" : "Erasure"} canceled`);
                await refresh(list, status);
              },
              (err: unknown) => status(`Cancel failed: ${err instanceof Error ? err.message : String(err)}`),
            ),
        },
        `Cancel ${o.kind}`,
      ),
    ];
  if (o.kind === "export" && o.status === "Succeeded")
    return [
      h("a", { class: "button", href: "#", onclick: (e) => download(e, o, status) }, "Download export (JSON)"),
      o.expiresDateTime ? ` Kept until ${when(o.expiresDateTime)}` : "",
    ];
  return [];
}

/** The list carries no export document: GET by id gives it, then it is saved as a JSON file. */
async function download(e: Event, o: Operation, status: (s: string) => void): Promise<void> {
  e.preventDefault();
  try {
    const { data } = await api<Operation>(`privacy/exports/${encodeURIComponent(o.id)}`);
    const link = h("a", {
      download: `export-${o.id}.json`,
      href: `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(data.result, null, 2))}`,
    });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (err) {
    status(`The download failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
