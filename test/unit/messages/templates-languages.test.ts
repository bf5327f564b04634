/** The templates in Danish, English and German: every kind has its own texts, the date is written the language's way in the advisor's zone, and the unsubscribe link is in every part. */
import { describe, expect, it } from "vitest";
import { languageOf } from "../../../shared/messages/preferences.js";
import { LANGUAGES, MESSAGE_KINDS, type Language } from "../../../shared/messages/ports.js";
import { localTime, render, type TemplateInput } from "../../../shared/messages/templates.js";

const base = (language: Language, over: Partial<TemplateInput> = {}): TemplateInput => ({
  kind: "confirmation",
  language,
  attendeeName: "Karen Kunde",
  advisorName: "Anna Rådgiver",
  // 09:00Z in January is 10:00 in Copenhagen and Berlin (CET); in July 11:00 (CEST).
  startDate: "2027-01-11T09:00:00.000Z",
  endDate: "2027-01-11T09:30:00.000Z",
  timeZone: "Europe/Copenhagen",
  meetingType: "Physical",
  where: "Strøget 1, København",
  reason: null,
  confirmUrl: null,
  expiresAt: null,
  ...over,
});

describe("templates in three languages", () => {
  it("writes the day and time the language's way, in the advisor's zone", () => {
    expect(render(base("da")).text).toContain("mandag den 11. januar 2027, 10:00–10:30");
    expect(render(base("en")).text).toContain("Monday 11 January 2027, 10:00–10:30");
    expect(render(base("de")).text).toContain("Montag, 11. Januar 2027, 10:00–10:30");
    const summer = { startDate: "2027-07-05T09:00:00.000Z", endDate: "2027-07-05T10:00:00.000Z", timeZone: "Europe/Berlin" };
    expect(render(base("de", summer)).text).toContain("Montag, 5. Juli 2027, 11:00–12:00");
    expect(localTime("2027-03-01T16:45:00.000Z", "Europe/Berlin", "de")).toBe("Montag, 1. März 2027 um 17:45 Uhr");
    expect(localTime("2027-03-01T16:45:00.000Z", "Europe/Copenhagen", "da")).toBe("mandag den 1. marts 2027 kl. 17:45");
    expect(localTime("2027-03-01T16:45:00.000Z", "Europe/London", "en")).toBe("Monday 1 March 2027 at 16:45");
  });

  it("German texts for every kind, distinct from the Danish and English ones", () => {
    for (const kind of MESSAGE_KINDS) {
      const [da, en, de] = LANGUAGES.map((l) => render(base(l, { kind })));
      expect(new Set([da.subject, en.subject, de.subject]).size, kind).toBe(3);
      expect(de.html).toContain('<html lang="de">');
      expect(de.text).toContain("Guten Tag Karen Kunde");
      expect(de.text).toContain("Berater: Anna Rådgiver");
      expect(de.text).toContain("Art: Vor Ort: Strøget 1, København");
    }
    expect(render(base("de", { kind: "cancelled", reason: "Krank" })).text).toContain("Grund: Krank");
    const ask = render(base("de", { kind: "confirm_request", confirmUrl: "https://x.example/c", expiresAt: "2027-01-04T09:00:00.000Z" }));
    expect(ask.text).toContain("Termin bestätigen: https://x.example/c");
    expect(ask.text).toContain("Bitte bestätigen Sie bis Montag, 4. Januar 2027 um 10:00 Uhr.");
  });

  it("every part carries the unsubscribe link when there is one, and none without", () => {
    const url = "https://bookme.example/api/messages/unsubscribe?c=sk1_abc&t=tok&l=de";
    for (const language of LANGUAGES) {
      const r = render(base(language, { kind: "reminder", unsubscribeUrl: url }));
      expect(r.text, language).toContain(url);
      expect(r.html, language).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
      expect(r.sms, language).toContain(url);
      const none = render(base(language, { kind: "reminder" }));
      expect(none.text + none.html + none.sms).not.toContain("unsubscribe");
    }
    expect(render(base("de", { unsubscribeUrl: url })).text).toContain(`Hier abmelden: ${url}`);
  });

  it("the language comes from the booking's language field: en… English, de… German, anything else Danish", () => {
    expect(["en", "en-GB", "EN", "de", "de-AT", "da", "", undefined, "fr"].map(languageOf)).toEqual([
      "en",
      "en",
      "en",
      "de",
      "de",
      "da",
      "da",
      "da",
      "da",
    ]);
  });
});
