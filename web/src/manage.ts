/**
 * The manage page (/book/manage/{id}#secret=...): the secret stays in the URL fragment (never
 * sent to a server log) and goes to the API in the BookMe-Manage-Secret header. Move or cancel.
 */
import { call, downloadText, isOutage, type Problem, type Time } from "./api.js";
import { focusLater, h } from "./dom.js";
import { fieldMessage, t } from "./i18n.js";
import { meetingFacts, type MeetingView } from "./booking.js";
import { noticeView, type Notice } from "./notice.js";
import { customerZone, startOfDay, whenText } from "./times.js";
import { weekView } from "./week.js";

const DAY_MS = 86_400_000;

const state = {
  id: "",
  secret: "",
  meeting: null as MeetingView | null,
  invalid: false,
  mode: "view" as "view" | "move" | "cancel",
  week: 0,
  times: null as Time[] | null,
  picked: null as Time | null,
  reason: "",
  reasonError: "",
  notice: null as Notice | null,
  done: "" as "" | "moved" | "cancelled",
  busy: false,
};

let root: HTMLElement;

export async function startManage(main: HTMLElement, id: string, secret: string) {
  root = main;
  state.id = id;
  state.secret = secret;
  render();
  await load();
}

const headers = () => ({ "bookme-manage-secret": state.secret });

async function load(): Promise<void> {
  const res = await call<MeetingView>("GET", `/manage/${encodeURIComponent(state.id)}`, undefined, headers());
  if (!res.ok) {
    if (res.problem.status === 404 || res.problem.status === 400) {
      state.invalid = true;
      return render();
    }
    return outage(res.problem, load);
  }
  state.meeting = res.value;
  state.notice = null;
  render();
  focusLater("manage-title");
}

function outage(p: Problem, retry: () => unknown) {
  state.busy = false;
  state.notice = isOutage(p)
    ? { kind: "outage", rateLimitedFor: p.status === 429 ? (p.retryAfter ?? 5) : undefined, retry: () => void retry() }
    : { kind: "error", detail: p.detail ?? p.code, retry: () => void retry() };
  render();
  focusLater("notice");
}

async function loadTimes(): Promise<void> {
  const m = state.meeting!;
  state.times = null;
  render();
  const from = startOfDay(Date.now() + state.week * 7 * DAY_MS, customerZone());
  const q = new URLSearchParams({
    topicId: m.topicId ?? "",
    customerTypeId: m.customerTypeId ?? "",
    meetingType: m.meetingType,
    branch: m.branch ?? "",
    startDate: new Date(from).toISOString(),
    days: "7",
  });
  const res = await call<{ times: Time[] }>("GET", `/availability?${q}`);
  if (!res.ok) return outage(res.problem, loadTimes);
  state.times = res.value.times;
  render();
}

async function move(): Promise<void> {
  if (!state.picked) return;
  state.busy = true;
  render();
  const res = await call<MeetingView>("POST", `/manage/${encodeURIComponent(state.id)}/reschedule`, state.picked, headers());
  state.busy = false;
  if (!res.ok) {
    if (res.problem.code === "slot_taken") {
      state.picked = null;
      state.notice = { kind: "taken", alternatives: res.problem.alternatives ?? [], onPick: (alt) => choose(alt) };
      void loadTimes().then(() => focusLater("notice"));
      return;
    }
    return outage(res.problem, move);
  }
  state.meeting = res.value;
  state.done = "moved";
  state.mode = "view";
  state.notice = null;
  render();
  focusLater("done");
}

async function cancel(): Promise<void> {
  state.reasonError = "";
  state.busy = true;
  render();
  const res = await call<unknown>("POST", `/manage/${encodeURIComponent(state.id)}/cancel`, { reason: state.reason }, headers());
  state.busy = false;
  if (!res.ok) {
    const reason = res.problem.errors?.find((e) => e.field === "reason");
    if (reason) {
      state.reasonError = reason.message;
      render();
      return focusLater("cancel-reason");
    }
    return outage(res.problem, cancel);
  }
  state.meeting = { ...state.meeting!, status: "Cancelled" };
  state.done = "cancelled";
  state.mode = "view";
  render();
  focusLater("done");
}

function choose(time: Time) {
  state.picked = time;
  state.notice = null;
  render();
  focusLater("confirm-move");
}

function setMode(mode: typeof state.mode) {
  state.mode = mode;
  state.done = "";
  state.notice = null;
  state.picked = null;
  if (mode === "move") {
    state.week = 0;
    void loadTimes().then(() => focusLater("move-title"));
  } else {
    render();
    focusLater(mode === "cancel" ? "cancel-reason" : "manage-title");
  }
}

export function render() {
  const texts = t();
  document.title = texts.manageHeading;
  const active = document.activeElement?.id;
  root.replaceChildren(h("h1", {}, texts.manageHeading), body());
  if (active) document.getElementById(active)?.focus();
}

function body(): HTMLElement {
  const texts = t();
  if (state.invalid) return h("p", { className: "notice error", role: "alert" }, texts.invalidLink);
  const m = state.meeting;
  if (!m) return h("div", {}, state.notice ? noticeView(state.notice) : h("p", { role: "status" }, texts.loading));
  const cancelled = m.status === "Cancelled";
  return h(
    "div",
    {},
    h(
      "section",
      { className: "card", "aria-labelledby": "manage-title" },
      h("h2", { id: "manage-title", tabindex: "-1" }, m.topicName ?? texts.manageHeading),
      state.done
        ? h(
            "p",
            { id: "done", tabindex: "-1", role: "status", className: "notice ok" },
            state.done === "moved" ? texts.moved(whenText(m)) : texts.cancelled,
          )
        : null,
      h(
        "dl",
        { className: "facts" },
        h("dt", {}, texts.status),
        h("dd", { id: "status" }, texts[m.status as "Booked" | "Cancelled"] ?? m.status),
      ),
      meetingFacts(m),
      state.mode === "view" && state.notice ? noticeView(state.notice) : null,
      cancelled
        ? null
        : h(
            "div",
            { className: "actions" },
            h(
              "button",
              {
                type: "button",
                id: "download-ics",
                onclick: () => void downloadText(`/manage/${m.id}/ical`, headers(), `meeting-${m.id}.ics`),
              },
              texts.downloadIcs,
            ),
            h("button", { type: "button", id: "reschedule", onclick: () => setMode("move") }, texts.reschedule),
            h("button", { type: "button", id: "cancel", onclick: () => setMode("cancel") }, texts.cancel),
          ),
    ),
    !cancelled && state.mode === "move" ? moveSection() : null,
    !cancelled && state.mode === "cancel" ? cancelSection() : null,
  );
}

function moveSection(): HTMLElement {
  const texts = t();
  return h(
    "section",
    { className: "card", "aria-labelledby": "move-title" },
    h("h2", { id: "move-title", tabindex: "-1" }, texts.reschedule),
    state.notice ? noticeView(state.notice) : null,
    state.picked
      ? h(
          "div",
          { className: "confirm" },
          h("p", {}, texts.moveTo(whenText(state.picked))),
          h(
            "button",
            { type: "button", id: "confirm-move", className: "primary", disabled: state.busy, onclick: () => void move() },
            texts.confirmMove,
          ),
          " ",
          h("button", { type: "button", id: "keep-time", onclick: () => setMode("view") }, texts.keepTime),
        )
      : null,
    weekView({
      from: startOfDay(Date.now() + state.week * 7 * DAY_MS, customerZone()),
      times: state.times,
      selected: state.picked,
      canGoBack: state.week > 0,
      onPick: choose,
      onWeek: (delta) => {
        state.week = Math.max(0, state.week + delta);
        void loadTimes();
      },
    }),
  );
}

function cancelSection(): HTMLElement {
  const texts = t();
  return h(
    "form",
    { className: "card", "aria-labelledby": "cancel-title", novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void cancel()) },
    h("h2", { id: "cancel-title" }, texts.cancel),
    state.notice ? noticeView(state.notice) : null,
    h(
      "div",
      { className: state.reasonError ? "field invalid" : "field" },
      h("label", { for: "cancel-reason" }, texts.cancelReason, h("span", { "aria-hidden": "true" }, " *")),
      state.reasonError ? h("p", { className: "error", id: "cancel-reason-error" }, fieldMessage("reason", state.reasonError)) : null,
      h(
        "textarea",
        {
          id: "cancel-reason",
          rows: 3,
          required: true,
          "aria-required": "true",
          "aria-invalid": state.reasonError ? "true" : undefined,
          "aria-describedby": state.reasonError ? "cancel-reason-error" : undefined,
          oninput: (e: Event) => (state.reason = (e.target as HTMLTextAreaElement).value),
        },
        state.reason,
      ),
    ),
    h("button", { type: "submit", id: "confirm-cancel", className: "danger", disabled: state.busy }, texts.confirmCancel),
    " ",
    h("button", { type: "button", id: "keep-meeting", onclick: () => setMode("view") }, texts.keep),
  );
}
