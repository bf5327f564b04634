/** Consent as custom fields (shared/booking/model/consent.ts): one form for V2, the page and bots; meetergo's own field. */
import { describe, expect, it } from "vitest";
import { consentOf, consentRequired, hasConsent, withConsent } from "../../../shared/booking/model/consent.js";

describe("consent on the meeting", () => {
  it("is written as consent.* custom fields with acceptedAt in UTC, replacing a client's own fields under those keys", () => {
    const fields = withConsent(
      [
        { key: "language", value: "da" },
        { key: "consent.channel", value: "forged" },
      ],
      { policyVersion: "7", acceptedAt: "2026-12-01T10:15:00+01:00", channel: "mobile-app" },
    );
    expect(fields).toEqual([
      { key: "language", value: "da" },
      { key: "consent.policyVersion", value: "7" },
      { key: "consent.acceptedAt", value: "2026-12-01T09:15:00.000Z" },
      { key: "consent.channel", value: "mobile-app" },
    ]);
    expect(consentOf(fields)).toEqual({ policyVersion: "7", acceptedAt: "2026-12-01T09:15:00.000Z", channel: "mobile-app" });
    expect(withConsent([{ key: "a", value: "b" }], null)).toEqual([{ key: "a", value: "b" }]);
  });

  it("counts as given with a consent record or meetergo's dataPolicyAccepted=true, not with false or nothing", () => {
    expect(hasConsent(withConsent([], { policyVersion: null, acceptedAt: "2026-12-01T09:00:00Z", channel: "bots" }))).toBe(true);
    expect(hasConsent([{ key: "dataPolicyAccepted", value: "true" }])).toBe(true);
    expect(hasConsent([{ key: "dataPolicyAccepted", value: "false" }])).toBe(false);
    expect(hasConsent([{ key: "consent.channel", value: "app" }])).toBe(false);
  });

  it("when missing, consent_required names the caller's own field", () => {
    const err = consentRequired("attendee.dataPolicyAccepted", "meeting type t-1");
    expect(err.code).toBe("consent_required");
    expect(err.message).toContain("attendee.dataPolicyAccepted");
    expect(err.extra.errors).toEqual([expect.objectContaining({ field: "attendee.dataPolicyAccepted", rule: "consent_required" })]);
  });
});
