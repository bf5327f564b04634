/**
 * Consent to the bank's privacy notice, recorded with the meeting the way meetergo's `dataPolicyAccepted`
 * already was: as custom fields of the meeting (so it travels with its view, its events and its export, and
 * an erasure empties it with the rest). A V2 `consent` object, the booking page's checkbox and the bots API's
 * `consent_accepted` become `consent.policyVersion`, `consent.acceptedAt` (UTC ISO) and `consent.channel`;
 * meetergo's own field stays `dataPolicyAccepted` ("true"/"false"). A meeting type with `consentRequired`
 * refuses a booking without either: 400 `consent_required` naming the request's own field.
 */
import { DomainError, fieldError } from "../../kernel/errors.js";

export const CONSENT_KEYS = {
  policyVersion: "consent.policyVersion",
  acceptedAt: "consent.acceptedAt",
  channel: "consent.channel",
} as const;
/** meetergo's field, stored as it came. */
export const DATA_POLICY_KEY = "dataPolicyAccepted";

export interface ConsentRecord {
  /** The version of the notice accepted (null: the channel does not say). */
  policyVersion: string | null;
  /** When it was accepted, UTC ISO. */
  acceptedAt: string;
  /** Where: booking-page, bots, or what a V2 client names (its app, a branch desk ...). */
  channel: string;
}

type Field = { key: string; value: string };

const CONSENT_KEY_SET = new Set<string>(Object.values(CONSENT_KEYS));

/** The consent as custom fields; a client's own custom fields under these keys give way to it. */
export function withConsent(fields: readonly Field[], consent: ConsentRecord | null | undefined): Field[] {
  if (!consent) return [...fields];
  return [
    ...fields.filter((f) => !CONSENT_KEY_SET.has(f.key)),
    ...(consent.policyVersion !== null ? [{ key: CONSENT_KEYS.policyVersion, value: consent.policyVersion }] : []),
    { key: CONSENT_KEYS.acceptedAt, value: new Date(consent.acceptedAt).toISOString() },
    { key: CONSENT_KEYS.channel, value: consent.channel },
  ];
}

const valueOf = (fields: readonly Field[], key: string) => fields.find((f) => f.key === key)?.value;

/** The consent recorded in these fields (the V2/page/bots form), if any. */
export function consentOf(fields: readonly Field[]): ConsentRecord | undefined {
  const acceptedAt = valueOf(fields, CONSENT_KEYS.acceptedAt);
  if (!acceptedAt) return undefined;
  return {
    policyVersion: valueOf(fields, CONSENT_KEYS.policyVersion) ?? null,
    acceptedAt,
    channel: valueOf(fields, CONSENT_KEYS.channel) ?? "unknown",
  };
}

/** Whether the booking carries an acceptance: a consent record, or meetergo's dataPolicyAccepted = true. */
export const hasConsent = (fields: readonly Field[]) => consentOf(fields) !== undefined || valueOf(fields, DATA_POLICY_KEY) === "true";

/** 400 consent_required, naming the field the caller's request carries consent in. */
export function consentRequired(field: string, requiredBy: string): DomainError {
  const message = `${requiredBy} requires acceptance of the privacy notice: give ${field}`;
  return new DomainError("consent_required", message, {
    errors: [fieldError(field, "the privacy notice must be accepted", "consent_required")],
  });
}
