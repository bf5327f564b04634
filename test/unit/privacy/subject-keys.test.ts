import { describe, expect, it } from "vitest";
import { normalisePhone, subjectKeyer } from "../../../shared/privacy/subject-keys.js";

describe("the subject index keys", () => {
  const keyer = subjectKeyer("test-key");

  it("one person's e-mail in any spelling and phone in any notation give one key each", () => {
    expect(keyer.keyOf({ email: " Ingrid.P@Example.COM " })).toBe(keyer.keyOf({ email: "ingrid.p@example.com" }));
    const phones = ["+45 12 34 56 78", "12345678", "0045 12345678", "+4512345678", "12 34 56 78"];
    expect(new Set(phones.map((phone) => keyer.keyOf({ phone }))).size).toBe(1);
    expect(normalisePhone("(+46) 70-123 45 67")).toBe("+46701234567");
  });

  it("keys hold no plain value, differ by kind and by index key", () => {
    const key = keyer.keyOf({ email: "ingrid.p@example.com" });
    expect(key).toMatch(/^sk1_[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain("ingrid");
    expect(keyer.keyOf({ customerId: "ingrid.p@example.com" })).not.toBe(key);
    expect(subjectKeyer("another-key").keyOf({ email: "ingrid.p@example.com" })).not.toBe(key);
  });

  it("a meeting's keys: customer id, every attendee e-mail, phone custom fields; a facade's e-mail customer id is an e-mail too", () => {
    const keys = keyer.keysOf({
      customerId: "ingrid.p@example.com",
      externalAttendees: [{ email: "Ingrid.P@example.com" }, { email: "friend@example.com" }],
      customFields: [
        { key: "phone", value: "+45 12 34 56 78" },
        { key: "language", value: "da" },
      ],
    });
    expect(keys).toEqual(
      expect.arrayContaining([
        keyer.keyOf({ customerId: "ingrid.p@example.com" }),
        keyer.keyOf({ email: "ingrid.p@example.com" }),
        keyer.keyOf({ email: "friend@example.com" }),
        keyer.keyOf({ phone: "12345678" }),
      ]),
    );
    expect(keys).toHaveLength(4);
  });
});
