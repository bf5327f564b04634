/**
 * The waitlist on the booking page: a week without free times offers to join its waitlist (name,
 * e-mail, optional phone; POST /waitlist); a time that frees up in it is offered by e-mail with a
 * link back to this page: ?customerTypeId=…&topicId=…&meetingType=…&branch=…&at=… (deepLink), which
 * opens that week and holds the time if it is still free (booking.ts). A meeting type's offer (an
 * entry made through the bots API or V2) links the same way, on the choice derived from the meeting
 * type (shared/messages/offer-choice.ts).
 */
import { call, type Problem } from "./api.js";
import { focusLater, h } from "./dom.js";
import { currentLang, fieldMessage } from "./i18n.js";

export interface Choice {
  topicId: string;
  customerTypeId: string;
  meetingType: "Physical" | "Online" | "Telephone";
  branch: string;
}

const WAYS = ["Physical", "Online", "Telephone"] as const;

/** The choice and time a waitlist offer's link names, if this page was opened by one. */
export function deepLink(search = location.search): { choice: Choice; at: string } | null {
  const q = new URLSearchParams(search);
  const at = q.get("at");
  const topicId = q.get("topicId");
  const customerTypeId = q.get("customerTypeId");
  const meetingType = WAYS.find((w) => w === q.get("meetingType"));
  if (!at || !topicId || !customerTypeId || !meetingType || Number.isNaN(Date.parse(at))) return null;
  return { choice: { topicId, customerTypeId, meetingType, branch: q.get("branch") ?? "" }, at };
}

const TEXTS = {
  da: {
    title: "Skriv dig på ventelisten",
    lead: "Bliver en tid ledig i denne uge, sender vi dig en e-mail med et link til at booke den. Den første, der booker, får tiden.",
    name: "Navn",
    email: "E-mail",
    phone: "Mobilnummer (valgfrit, til SMS)",
    join: "Skriv mig på ventelisten",
    joined: "Du står på ventelisten for denne uge. Vi skriver til dig, hvis en tid bliver ledig.",
    failed: "Det lykkedes ikke at skrive dig på ventelisten. Prøv igen.",
  },
  en: {
    title: "Join the waitlist",
    lead: "If a time frees up this week, we will e-mail you a link to book it. The first to book gets the time.",
    name: "Name",
    email: "E-mail",
    phone: "Mobile number (optional, for SMS)",
    join: "Put me on the waitlist",
    joined: "You are on the waitlist for this week. We will write to you if a time frees up.",
    failed: "We could not put you on the waitlist. Please try again.",
  },
};

/** What was typed and what happened, kept across re-renders (the page rebuilds its view on every change). */
const form = { name: "", email: "", phone: "", busy: false, errors: {} as Record<string, string>, failed: false };
const joined = new Set<string>();

export function waitlistView(input: { choice: Choice; from: number; to: number; rerender: () => void }): HTMLElement {
  const texts = TEXTS[currentLang()];
  const key = JSON.stringify([input.choice, input.from]);
  if (joined.has(key))
    return h("div", { className: "notice", id: "waitlist-joined", role: "status", tabindex: "-1" }, h("p", {}, texts.joined));
  const field = (name: "name" | "email" | "phone", label: string, type: string, autocomplete: string) =>
    h(
      "div",
      { className: "field" },
      h("label", { for: `waitlist-${name}` }, label),
      h("input", {
        id: `waitlist-${name}`,
        name,
        type,
        autocomplete,
        value: form[name],
        "aria-invalid": form.errors[name] ? "true" : undefined,
        "aria-describedby": form.errors[name] ? `waitlist-${name}-error` : undefined,
        oninput: (e: Event) => {
          form[name] = (e.target as HTMLInputElement).value;
        },
      }),
      form.errors[name] ? h("p", { className: "field-error", id: `waitlist-${name}-error` }, form.errors[name]) : null,
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    form.busy = true;
    form.failed = false;
    input.rerender();
    const res = await call<{ id: string }>("POST", "/waitlist", {
      ...input.choice,
      from: new Date(Math.max(input.from, Date.now())).toISOString(),
      to: new Date(input.to).toISOString(),
      name: form.name,
      email: form.email,
      phone: form.phone,
      language: currentLang(),
    });
    form.busy = false;
    if (res.ok) {
      joined.add(key);
      form.errors = {};
      input.rerender();
      return focusLater("waitlist-joined");
    }
    form.errors = errorsOf(res.problem);
    form.failed = Object.keys(form.errors).length === 0;
    input.rerender();
    focusLater(form.failed ? "waitlist-failed" : `waitlist-${Object.keys(form.errors)[0]}`);
  };
  return h(
    "form",
    {
      className: "waitlist",
      id: "waitlist",
      "aria-labelledby": "waitlist-title",
      novalidate: true,
      onsubmit: (e: Event) => void submit(e),
    },
    h("h3", { id: "waitlist-title" }, texts.title),
    h("p", { className: "hint" }, texts.lead),
    field("name", texts.name, "text", "name"),
    field("email", texts.email, "email", "email"),
    field("phone", texts.phone, "tel", "tel"),
    form.failed ? h("p", { className: "field-error", id: "waitlist-failed", role: "alert", tabindex: "-1" }, texts.failed) : null,
    h("button", { type: "submit", id: "waitlist-join", disabled: form.busy }, texts.join),
  );
}

function errorsOf(p: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of p.errors ?? []) if (["name", "email", "phone"].includes(e.field)) out[e.field] ??= fieldMessage(e.field, e.message);
  return out;
}
