/**
 * The personal data the tests use, collected as they send it: every JSON body leaving a test process
 * (fetch, hence call() and Api; the dev Graph client) is walked for fields that hold personal data
 * (CPR, emails, names of people, phone numbers, titles, subjects, descriptions, notes), and values a
 * test types elsewhere (the browser) are noted with notePersonal(). They go to values-<pid>.jsonl in
 * the run directory; the global teardown looks for each of them in every host log.
 */
import fs from "node:fs";
import path from "node:path";
import { runLogDir } from "./run-dir.js";

export type PersonalKind = "cpr" | "email" | "name" | "phone" | "subject" | "description";

/** Field names (lower case) whose string values are personal data, and what kind. */
const FIELD_KINDS: Record<string, PersonalKind> = {
  cpr: "cpr",
  email: "email",
  contact_email: "email",
  mailbox: "email",
  address: "email",
  phone: "phone",
  contact_phone: "phone",
  firstname: "name",
  lastname: "name",
  contact_name: "name",
  title: "subject",
  subject: "subject",
  description: "description",
  notes: "description",
  reason: "description",
};
/** Objects whose `name` is a person's: attendees, contacts, guests, the booking page's customer. */
const PERSON_HOLDERS = /^(externalAttendees|attendees?|contacts?|guests?|customer|person|booker|invitees?)$/i;
/** Shorter values (a name "Jo", a title "x") would match unrelated log text; they are not looked for. */
export const MIN_LENGTH = 5;
const MAX_DEPTH = 20;

export interface PersonalValue {
  kind: PersonalKind;
  value: string;
}

export function personalValuesOf(body: unknown, holder = ""): PersonalValue[] {
  const out: PersonalValue[] = [];
  const visit = (v: unknown, key: string, parentKey: string, depth = 0) => {
    if (depth > MAX_DEPTH) return; // hostile bodies nest thousands deep; fixtures never do
    if (typeof v === "string") {
      const lower = key.toLowerCase();
      const kind =
        FIELD_KINDS[lower] ?? (lower === "name" && PERSON_HOLDERS.test(parentKey) ? "name" : lower.endsWith("email") ? "email" : undefined);
      if (kind) out.push(...forms(kind, v));
    } else if (Array.isArray(v)) v.forEach((item) => visit(item, key, key || parentKey, depth + 1));
    else if (v && typeof v === "object") for (const [k, child] of Object.entries(v)) visit(child, k, key || parentKey, depth + 1);
  };
  visit(body, "", holder);
  return out;
}

/** A CPR is looked for with and without its hyphen; every value trimmed. */
function forms(kind: PersonalKind, raw: string): PersonalValue[] {
  const value = raw.trim();
  const all = kind === "cpr" ? [value, value.replace("-", ""), value.replace(/^(\d{6})(\d{4})$/, "$1-$2")] : [value];
  return [...new Set(all)].filter((v) => v.length >= MIN_LENGTH && shaped(kind, v)).map((v) => ({ kind, value: v }));
}

/** An email has an @; a lone lower-case word ("changed", "subject") is test filler that log keys and messages share. */
function shaped(kind: PersonalKind, value: string): boolean {
  if (kind === "email") return value.includes("@");
  if (kind === "cpr" || kind === "phone") return true;
  return !/^[a-z]+$/.test(value);
}

const seen = new Set<string>();
let enabled = true;

/**
 * For a test file whose bodies are generated hostile input (the fuzz suite), not fixtures' personal data:
 * its values would be noise. Its host logs are still scanned for email and CPR shapes and other files' values.
 */
export function stopRecording(): void {
  enabled = false;
}

function record(values: PersonalValue[]) {
  const dir = runLogDir();
  if (!enabled || !dir || values.length === 0) return;
  const key = (v: PersonalValue) => `${dir}\u0000${v.kind}\u0000${v.value}`;
  const fresh = values.filter((v) => !seen.has(key(v)));
  if (fresh.length === 0) return;
  for (const v of fresh) seen.add(key(v));
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, `values-${process.pid}.jsonl`), fresh.map((v) => JSON.stringify(v)).join("\n") + "\n");
}

/** Records the personal fields of a request body (JSON text or an object). */
export function recordBody(body: unknown): void {
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return;
    }
  }
  try {
    if (body && typeof body === "object") record(personalValuesOf(body));
  } catch {
    // recording must never change what a test sends or sees
  }
}

/** Values a test uses outside a JSON body (typed into the booking page, put in a query string). */
export function notePersonal(kind: PersonalKind, ...values: string[]): void {
  record(values.flatMap((v) => forms(kind, v)));
}

/** Every value recorded in the run directory. */
export function recordedValues(dir: string): PersonalValue[] {
  const values = new Map<string, PersonalValue>();
  for (const file of fs.readdirSync(dir).filter((f) => /^values-.*\.jsonl$/.test(f)))
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean)) {
      const v = JSON.parse(line) as PersonalValue;
      values.set(`${v.kind}\u0000${v.value}`, v);
    }
  return [...values.values()];
}
