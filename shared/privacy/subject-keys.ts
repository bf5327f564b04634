/**
 * The subject index: which data subject a stored record concerns, as keyed hashes (HMAC-SHA256 under
 * PRIVACY_INDEX_KEY) of the customer id, normalised e-mails and phone numbers. A record carries its
 * keys (`subjects`), so a person's data is found by a query on them; the index itself holds no plain
 * e-mail, phone or customer id, and without the key the hashes cannot be checked against guesses.
 */
import { createHmac } from "node:crypto";

/** Who a privacy request is about: exactly one of these. */
export type SubjectRef = { customerId: string } | { email: string } | { phone: string };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Digits with a leading + (00 becomes +); 8 digits alone are a Danish number (+45). */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/[^\d]/g, "");
  if (trimmed.startsWith("+")) return `+${digits}`;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.length === 8) digits = `45${digits}`;
  return `+${digits}`;
}

export interface SubjectKeyer {
  /** The key of one identifier: sk1_ and the base64url HMAC of kind:normalised value. */
  keyOf(ref: SubjectRef): string;
  /** The keys of a meeting-like record (customer id, attendee e-mails, phone custom fields), distinct. */
  keysOf(record: SubjectFields): string[];
}

export interface SubjectFields {
  customerId?: string | null;
  externalAttendees?: readonly { email?: string }[];
  customFields?: readonly { key: string; value: string }[];
}

/** Custom fields holding a phone number (the page's phone, the facades' phone and contact_phone). */
const PHONE_FIELDS = new Set(["phone", "contact_phone", "mobile"]);

/** When no PRIVACY_INDEX_KEY is set: still no plain values in the index, but the keys can be tested against guesses. */
const UNSET_KEY = "bookme-subject-index-unkeyed";

export function subjectKeyer(secret: string | undefined): SubjectKeyer {
  const hmac = (text: string) =>
    `sk1_${createHmac("sha256", secret ?? UNSET_KEY)
      .update(text, "utf8")
      .digest("base64url")}`;
  const keyOf = (ref: SubjectRef) => {
    if ("customerId" in ref) return hmac(`customer:${ref.customerId.trim()}`);
    if ("email" in ref) return hmac(`email:${normaliseEmail(ref.email)}`);
    return hmac(`phone:${normalisePhone(ref.phone)}`);
  };
  return {
    keyOf,
    keysOf(record) {
      const keys = new Set<string>();
      if (record.customerId) keys.add(keyOf({ customerId: record.customerId }));
      for (const a of record.externalAttendees ?? []) if (a.email?.trim()) keys.add(keyOf({ email: a.email }));
      for (const f of record.customFields ?? [])
        if (PHONE_FIELDS.has(f.key) && /\d{4,}/.test(f.value.replace(/[^\d]/g, ""))) keys.add(keyOf({ phone: f.value }));
      // The facades use the attendee's e-mail as the customer id: it is found as an e-mail too.
      if (record.customerId?.includes("@")) keys.add(keyOf({ email: record.customerId }));
      return [...keys];
    },
  };
}
