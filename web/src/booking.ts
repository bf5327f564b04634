/**
 * The booking flow: what and how -> a week of free times -> a 5-minute hold -> details -> booked.
 * The whole view is rebuilt from `state` on each change (focus is put back by element id); what
 * the customer types lives in `state.details`, so a failure or a language switch never loses it.
 */
import { call, downloadText, isOutage, newToken, type Problem, type Time } from "./api.js";
import { focusLater, h } from "./dom.js";
import { t } from "./i18n.js";
import { customerZone, startOfDay, whenText, zoneLabel } from "./times.js";
import { weekView } from "./week.js";
import { detailsForm, type Consent, type Details } from "./details-form.js";
import { noticeView, type Notice } from "./notice.js";
import { deepLink, waitlistView } from "./waitlist.js";
import {
  CUSTOMER_MEETING_TYPES as MEETING_TYPES,
  emptyWeekView,
  nextFreeLine,
  nothingFreeView,
  type Alternative,
  type CustomerMeetingType as MeetingType,
  type NextFree,
} from "./next-free.js";

interface CustomerType {
  id: string;
  name: string;
}
interface Topic {
  id: string;
  name: string;
  description: string | null;
  durationMinutes: number;
}
/** GET /options: the ways to meet a qualified advisor offers for the topic, each with its branches. */
interface Options {
  meetingTypes: { meetingType: MeetingType; branches: string[] }[];
}
interface Hold {
  reservationId: string;
  token: string;
  start: string;
  end: string;
  expiresAt: string;
}
export interface MeetingView {
  id: string;
  status: string;
  start: string;
  end: string;
  meetingType: string;
  topicId: string | null;
  topicName: string | null;
  customerTypeId: string | null;
  branch: string | null;
  advisorName: string | null;
}
interface Booked {
  meeting: MeetingView;
  manage: { id: string; secret: string };
}

const DAY_MS = 86_400_000;

const state = {
  customerTypes: [] as CustomerType[],
  topics: [] as Topic[],
  options: null as Options | null,
  customerTypeId: "",
  topicId: "",
  meetingType: "Physical" as MeetingType,
  branch: "",
  showTimes: false,
  week: 0,
  times: null as Time[] | null,
  /** The first free time the picker opened on (said above the week). */
  nextFree: null as Time | null,
  /** The next-free answer for the shown week when it is empty, or for the choice when nothing is free. */
  later: null as NextFree | null,
  nothingFree: null as NextFree | null,
  picked: null as Time | null,
  hold: null as Hold | null,
  holdExpired: false,
  token: newToken(),
  details: { name: "", email: "", phone: "", cpr: "", notes: "" } satisfies Details,
  /** The privacy notice to accept (PRIVACY_NOTICE_URL); null: none is asked for. */
  consent: null as Consent | null,
  fieldErrors: {} as Record<string, string>,
  notice: null as Notice | null,
  busy: false,
  booked: null as Booked | null,
};

let root: HTMLElement;
let timer: number | undefined;

export async function startBooking(main: HTMLElement) {
  root = main;
  // A waitlist offer's link names the choice and the time (waitlist.ts).
  const link = deepLink();
  if (link) Object.assign(state, link.choice);
  render();
  await loadChoices();
  if (link) await openAt(link.at);
}

/** A waitlist offer's link: its week, the time held at once if still free; else the notice that it is gone, with the nearest free times. */
async function openAt(at: string): Promise<void> {
  history.replaceState(null, "", location.pathname);
  if (!state.topicId || !state.options) return;
  const wanted = Date.parse(at);
  Object.assign(state, { showTimes: true, week: weekOf(wanted), nextFree: null, nothingFree: null, notice: null });
  await loadTimes();
  const time = state.times?.find((x) => Date.parse(x.start) === wanted);
  if (time) return pick(time);
  const nearest = [...(state.times ?? [])].sort((a, b) => Math.abs(Date.parse(a.start) - wanted) - Math.abs(Date.parse(b.start) - wanted));
  state.notice = { kind: "taken", alternatives: nearest.slice(0, 3), onPick: (alt) => void pick(alt) };
  render();
  focusLater("notice");
}

/* ---------------- loading ---------------- */

async function loadChoices(): Promise<void> {
  const [types, notice] = await Promise.all([
    call<CustomerType[]>("GET", "/customer-types"),
    call<{ url: string | null }>("GET", "/privacy-notice"),
  ]);
  if (!types.ok) return outage(types.problem, loadChoices);
  if (!notice.ok) return outage(notice.problem, loadChoices);
  state.consent = notice.value.url ? { url: notice.value.url, accepted: false } : null;
  state.customerTypes = types.value;
  state.customerTypeId ||= types.value[0]?.id ?? "";
  state.notice = null;
  await loadTopics();
}

async function loadTopics(): Promise<void> {
  const res = await call<Topic[]>("GET", `/topics?customerTypeId=${encodeURIComponent(state.customerTypeId)}`);
  if (!res.ok) return outage(res.problem, loadTopics);
  state.topics = res.value;
  if (!state.topics.some((x) => x.id === state.topicId)) state.topicId = state.topics[0]?.id ?? "";
  await loadOptions();
}

/** The ways to meet and branches for the topic; a choice no qualified advisor offers moves to one that is offered. */
async function loadOptions(): Promise<void> {
  state.options = null;
  if (!state.topicId) return render();
  const q = new URLSearchParams({ customerTypeId: state.customerTypeId, topicId: state.topicId });
  const res = await call<Options>("GET", `/options?${q}`);
  if (!res.ok) return outage(res.problem, loadOptions);
  state.options = res.value;
  const ways = res.value.meetingTypes;
  if (!ways.some((w) => w.meetingType === state.meetingType)) state.meetingType = ways[0]?.meetingType ?? "Physical";
  fitBranch();
  render();
}

const offeredBranches = (): string[] => state.options?.meetingTypes.find((w) => w.meetingType === state.meetingType)?.branches ?? [];

/** A meeting at a branch is at an offered branch (the first by default); online and phone keep an offered preference or none. */
function fitBranch() {
  const branches = offeredBranches();
  if (branches.includes(state.branch)) return;
  state.branch = state.meetingType === "Physical" ? (branches[0] ?? "") : "";
}

function weekStart(): number {
  return startOfDay(Date.now() + state.week * 7 * DAY_MS, customerZone());
}

function choice() {
  return { topicId: state.topicId, customerTypeId: state.customerTypeId, meetingType: state.meetingType, branch: state.branch };
}

async function loadTimes(): Promise<void> {
  state.times = null;
  state.later = null;
  render();
  const q = new URLSearchParams({ ...choice(), startDate: new Date(weekStart()).toISOString(), days: "7" });
  const res = await call<{ times: Time[] }>("GET", `/availability?${q}`);
  if (!res.ok) {
    if (res.problem.status === 400) return fieldProblems(res.problem);
    return outage(res.problem, loadTimes);
  }
  // An empty week: where the next free time is after it (or, if none, why and what else).
  if (res.value.times.length === 0) {
    const later = await nextFreeFrom(weekStart());
    if (!later) return;
    state.later = later;
  }
  state.times = res.value.times;
  render();
}

async function nextFreeFrom(from?: number): Promise<NextFree | undefined> {
  const q = new URLSearchParams({ ...choice(), ...(from ? { from: new Date(from).toISOString() } : {}) });
  const res = await call<NextFree>("GET", `/next-free?${q}`);
  if (res.ok) return res.value;
  if (res.problem.status === 400) fieldProblems(res.problem);
  else outage(res.problem, () => (from ? loadTimes() : showTimes()));
  return undefined;
}

/** The week (0 = this one) holding an instant, in the customer's zone. */
function weekOf(ms: number): number {
  const days = Math.round((startOfDay(ms, customerZone()) - startOfDay(Date.now(), customerZone())) / DAY_MS);
  return Math.max(0, Math.floor(days / 7));
}

/* ---------------- hold ---------------- */

async function pick(time: Time): Promise<void> {
  state.picked = time;
  state.notice = null;
  state.busy = true;
  render();
  const res = await call<Hold>("POST", "/reservations", { ...choice(), token: state.token, start: time.start, end: time.end });
  state.busy = false;
  if (!res.ok) {
    if (res.problem.code === "slot_taken") {
      // The previous hold (if any) still stands server-side only if it was another time; show what is free now.
      state.picked = state.hold ? { start: state.hold.start, end: state.hold.end } : null;
      state.notice = { kind: "taken", alternatives: res.problem.alternatives ?? [], onPick: (alt) => void pick(alt) };
      render();
      focusLater("notice");
      void refreshTimes();
      return;
    }
    return outage(res.problem, () => pick(time));
  }
  state.hold = res.value;
  state.holdExpired = false;
  startCountdown();
  render();
  focusLater("hold-status");
}

async function refreshTimes() {
  const q = new URLSearchParams({ ...choice(), startDate: new Date(weekStart()).toISOString(), days: "7" });
  const res = await call<{ times: Time[] }>("GET", `/availability?${q}`);
  if (res.ok) {
    state.times = res.value.times;
    render();
  }
}

function startCountdown() {
  window.clearInterval(timer);
  const tick = () => {
    if (!state.hold) return window.clearInterval(timer);
    const left = Date.parse(state.hold.expiresAt) - Date.now();
    const el = document.getElementById("countdown");
    if (el) el.textContent = formatLeft(left);
    if (left <= WARN_MS && left > 0) warnOnce();
    if (left <= 0) {
      window.clearInterval(timer);
      state.holdExpired = true;
      render();
      focusLater("hold-status");
    }
  };
  timer = window.setInterval(tick, 1000);
}

const WARN_MS = 60_000;

/** A minute before the hold ends: say so (a live region, no focus move) and offer to keep holding (WCAG 2.2.1). */
function warnOnce() {
  const box = document.getElementById("hold-warning");
  if (!box || box.childElementCount > 0 || !state.hold) return;
  const time = { start: state.hold.start, end: state.hold.end };
  box.append(
    h("p", {}, t().holdWarning),
    h("button", { type: "button", id: "keep-holding", onclick: () => void pick(time) }, t().keepHolding),
  );
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/* ---------------- book ---------------- */

async function book(): Promise<void> {
  if (!state.hold) return;
  state.fieldErrors = {};
  state.notice = null;
  state.busy = true;
  render();
  const res = await call<Booked>("POST", "/meetings", {
    ...choice(),
    token: state.token,
    reservationId: state.hold.reservationId,
    ...state.details,
    language: document.documentElement.lang === "da" ? "da" : "en",
    ...(state.consent ? { privacyNoticeAccepted: state.consent.accepted } : {}),
  });
  state.busy = false;
  if (!res.ok) {
    const p = res.problem;
    if (p.code === "validation_failed" || p.code === "consent_required") return fieldProblems(p);
    if (p.code === "reservation_expired") {
      state.holdExpired = true;
      render();
      return focusLater("hold-status");
    }
    if (p.code === "slot_taken") {
      state.hold = null;
      state.picked = null;
      state.notice = { kind: "taken", alternatives: p.alternatives ?? [], onPick: (alt) => void pick(alt) };
      render();
      return focusLater("notice");
    }
    return outage(p, book);
  }
  window.clearInterval(timer);
  state.booked = res.value;
  render();
  focusLater("booked-title");
}

function fieldProblems(p: Problem) {
  state.fieldErrors = Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));
  // The notice not accepted is said with the other fields' errors at once (the API checks it after them).
  if (state.consent && !state.consent.accepted) state.fieldErrors.privacyNoticeAccepted ??= t().fieldErrors.privacyNoticeAccepted;
  state.notice = null;
  render();
  focusLater("error-summary");
}

function outage(p: Problem, retry: () => unknown) {
  state.busy = false;
  state.notice = { kind: "outage", rateLimitedFor: p.status === 429 ? (p.retryAfter ?? 5) : undefined, retry: () => void retry() };
  if (!isOutage(p)) state.notice = { kind: "error", detail: p.detail ?? p.code, retry: () => void retry() };
  render();
  focusLater("notice");
}

function reset() {
  window.clearInterval(timer);
  Object.assign(state, {
    showTimes: false,
    week: 0,
    times: null,
    nextFree: null,
    later: null,
    nothingFree: null,
    picked: null,
    hold: null,
    holdExpired: false,
    token: newToken(),
    booked: null,
    notice: null,
    fieldErrors: {},
  });
  state.details = { name: "", email: "", phone: "", cpr: "", notes: "" };
  if (state.consent) state.consent.accepted = false;
  render();
  focusLater("choose-title");
}

/* ---------------- view ---------------- */

export function render() {
  const texts = t();
  document.title = texts.title;
  const active = document.activeElement?.id;
  root.replaceChildren(
    h("h1", {}, texts.title),
    state.booked
      ? bookedView(state.booked)
      : h("div", {}, h("p", { className: "intro" }, texts.intro), chooseSection(), timesSection(), holdSection(), detailsSection()),
  );
  if (active) document.getElementById(active)?.focus();
}

function chooseSection(): HTMLElement {
  const texts = t();
  const radio = (name: string, value: string, label: string, checked: boolean, onChange: () => void) =>
    h(
      "label",
      { className: "choice" },
      h("input", { type: "radio", name, value, checked, id: `${name}-${value}`, onchange: onChange }),
      h("span", {}, label),
    );
  const ways = state.options?.meetingTypes ?? [];
  const physical = state.meetingType === "Physical";
  return h(
    "section",
    { "aria-labelledby": "choose-title", className: "card" },
    h("h2", { id: "choose-title", tabindex: "-1" }, texts.stepChoose),
    state.notice && !state.showTimes ? noticeView(state.notice) : null,
    h(
      "fieldset",
      {},
      h("legend", {}, texts.customerType),
      state.customerTypes.map((c) =>
        radio("customerType", c.id, c.name, c.id === state.customerTypeId, () =>
          changeChoice(() => {
            state.customerTypeId = c.id;
            void loadTopics();
          }),
        ),
      ),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, texts.topic),
      state.topics.length === 0 ? h("p", { className: "muted" }, texts.noTopics) : null,
      state.topics.map((x) =>
        radio("topic", x.id, `${x.name} (${x.durationMinutes} ${texts.minutes})`, x.id === state.topicId, () =>
          changeChoice(() => {
            state.topicId = x.id;
            void loadOptions();
          }),
        ),
      ),
    ),
    state.options && ways.length === 0
      ? h("p", { className: "notice warn", id: "no-ways" }, texts.noWays)
      : h(
          "fieldset",
          {},
          h("legend", {}, texts.howToMeet),
          ways.map(({ meetingType: m }) =>
            radio("meetingType", m, texts[m], m === state.meetingType, () =>
              changeChoice(() => {
                state.meetingType = m;
                fitBranch();
              }),
            ),
          ),
        ),
    ways.length ? branchField(physical) : null,
    h(
      "button",
      {
        type: "button",
        id: "show-times",
        className: "primary",
        disabled: !state.topicId || !ways.length || (physical && !state.branch),
        onclick: () => void showTimes(),
      },
      texts.showTimes,
    ),
  );
}

/** The branch: where to meet (required, only branches with a qualified advisor and a room), or a preference for online and phone. */
function branchField(physical: boolean): HTMLElement {
  const texts = t();
  const branches = offeredBranches();
  return h(
    "div",
    { className: "field" },
    h("label", { for: "branch" }, physical ? texts.branch : texts.preferredBranch),
    h("p", { id: "branch-hint", className: "hint" }, physical ? texts.branchHintPhysical : texts.branchHintRemote),
    h(
      "select",
      {
        id: "branch",
        "aria-describedby": "branch-hint",
        onchange: (e: Event) => changeChoice(() => (state.branch = (e.target as HTMLSelectElement).value)),
      },
      physical ? null : h("option", { value: "", selected: state.branch === "" }, texts.noPreference),
      branches.map((b) => h("option", { value: b, selected: b === state.branch }, b)),
    ),
  );
}

/** Another topic, type or branch: the week view starts over (the hold stays until it is replaced or runs out). */
function changeChoice(apply: () => void) {
  apply();
  Object.assign(state, { showTimes: false, times: null, nextFree: null, later: null, nothingFree: null, notice: null });
  render();
}

/** Opens the picker on the week of the first free time (one next-free call), or says why nothing is free. */
async function showTimes(): Promise<void> {
  Object.assign(state, { showTimes: true, week: 0, times: null, nextFree: null, later: null, nothingFree: null, notice: null });
  render();
  const found = await nextFreeFrom();
  if (!found) return;
  if (!found.next) {
    state.nothingFree = found;
    render();
    return focusLater("nothing-free");
  }
  state.nextFree = found.next;
  state.week = weekOf(Date.parse(found.next.start));
  await loadTimes();
  focusLater("times-title");
}

/** An alternative from the nothing-free notice: that way to meet (and branch), then its first free week. */
function takeAlternative(a: Alternative) {
  state.meetingType = a.meetingType;
  if (a.branch) state.branch = a.branch;
  fitBranch();
  void showTimes();
}

function timesSection(): HTMLElement | null {
  if (!state.showTimes) return null;
  const texts = t();
  return h(
    "section",
    { "aria-labelledby": "times-title", className: "card" },
    h("h2", { id: "times-title", tabindex: "-1" }, texts.stepTimes),
    state.notice && !state.hold ? noticeView(state.notice) : null,
    state.nothingFree ? nothingFreeView(state.nothingFree, takeAlternative) : timesPicker(),
  );
}

function timesPicker(): HTMLElement[] {
  const later = state.later;
  return [
    state.nextFree && state.times !== null ? nextFreeLine(state.nextFree) : null,
    weekView({
      from: weekStart(),
      times: state.times,
      selected: state.picked,
      canGoBack: state.week > 0,
      onPick: (time) => void pick(time),
      onWeek: (delta) => {
        state.week = Math.max(0, state.week + delta);
        state.nextFree = null;
        void loadTimes();
      },
      empty: h(
        "div",
        {},
        later && later.next === null
          ? nothingFreeView(later, takeAlternative)
          : emptyWeekView(later?.next ?? null, () => {
              state.nextFree = later?.next ?? null;
              state.week = later?.next ? weekOf(Date.parse(later.next.start)) : state.week;
              void loadTimes().then(() => focusLater("times-title"));
            }),
        // No free time this week: the customer may wait for one (waitlist.ts).
        waitlistView({ choice: choice(), from: weekStart(), to: weekStart() + 7 * DAY_MS, rerender: render }),
      ),
    }),
  ].filter((x): x is HTMLElement => x !== null);
}

function holdSection(): HTMLElement | null {
  if (!state.hold) return null;
  const texts = t();
  const time = { start: state.hold.start, end: state.hold.end };
  if (state.holdExpired) {
    return h(
      "section",
      { className: "card hold expired", "aria-labelledby": "hold-status" },
      h("p", { id: "hold-status", tabindex: "-1", role: "alert" }, texts.holdEnded, " ", whenText(time)),
      h("button", { type: "button", id: "hold-again", className: "primary", onclick: () => void pick(time) }, texts.holdAgain),
    );
  }
  return h(
    "section",
    { className: "card hold", "aria-labelledby": "hold-status" },
    h("p", { id: "hold-status", tabindex: "-1" }, texts.held(whenText(time))),
    h(
      "p",
      {},
      `${texts.timeLeft}: `,
      h("strong", { id: "countdown", role: "timer", "aria-live": "off" }, formatLeft(Date.parse(state.hold.expiresAt) - Date.now())),
    ),
    h("p", { className: "hint" }, texts.heldHelp),
    h("div", { id: "hold-warning", role: "alert", className: "hold-warning" }),
    state.notice ? noticeView(state.notice) : null,
  );
}

function detailsSection(): HTMLElement | null {
  if (!state.hold) return null;
  return detailsForm({
    details: state.details,
    consent: state.consent,
    errors: state.fieldErrors,
    busy: state.busy,
    disabled: state.holdExpired,
    onSubmit: () => void book(),
  });
}

function bookedView(b: Booked): HTMLElement {
  const texts = t();
  const m = b.meeting;
  const manageUrl = `${location.origin}/book/manage/${encodeURIComponent(b.manage.id)}#secret=${encodeURIComponent(b.manage.secret)}`;
  return h(
    "section",
    { className: "card", "aria-labelledby": "booked-title" },
    h("h2", { id: "booked-title", tabindex: "-1" }, texts.bookedTitle),
    h("p", {}, texts.bookedText(whenText(m))),
    meetingFacts(m),
    h(
      "p",
      {},
      h(
        "button",
        {
          type: "button",
          id: "download-ics",
          onclick: () => void downloadText(`/manage/${m.id}/ical`, { "bookme-manage-secret": b.manage.secret }, `meeting-${m.id}.ics`),
        },
        texts.downloadIcs,
      ),
    ),
    h("h3", {}, texts.manageTitle),
    h("p", {}, texts.manageText),
    h("p", {}, h("a", { href: manageUrl, id: "manage-link" }, texts.manageLink)),
    h("p", { className: "small" }, h("code", { id: "manage-url" }, manageUrl)),
    h("p", {}, h("button", { type: "button", id: "book-another", onclick: reset }, texts.bookAnother)),
  );
}

export function meetingFacts(m: MeetingView): HTMLElement {
  const texts = t();
  const type = (MEETING_TYPES as readonly string[]).includes(m.meetingType) ? texts[m.meetingType as MeetingType] : m.meetingType;
  return h("div", {}, h("p", { className: "zone" }, texts.zoneNote(zoneLabel())), factList(m, type));
}

function factList(m: MeetingView, type: string): HTMLElement {
  const texts = t();
  return h(
    "dl",
    { className: "facts" },
    h("dt", {}, texts.topicLabel),
    h("dd", {}, m.topicName ?? "–"),
    h("dt", {}, texts.when),
    h("dd", { id: "fact-when" }, whenText(m)),
    h("dt", {}, texts.how),
    h("dd", {}, type),
    m.branch ? [h("dt", {}, texts.branch), h("dd", {}, m.branch)] : null,
    m.advisorName ? [h("dt", {}, texts.with("").replace(/:\s*$/, "")), h("dd", {}, m.advisorName)] : null,
  );
}
