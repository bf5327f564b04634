import { describe, expect, it } from "vitest";
import type { SealedValue } from "../../../shared/booking/model/personal-data.js";
import { ShreddedValueError, shreddingCipher, type ShredKeyStore } from "../../../shared/privacy/shredding-cipher.js";
import { testCipher } from "../../support/personal-data.js";

function memoryKeys(): ShredKeyStore & { size(): number } {
  const keys = new Map<string, SealedValue>();
  return {
    put: async (context, key) => void keys.set(context, key),
    get: async (context) => keys.get(context),
    delete: async (context) => keys.delete(context),
    size: () => keys.size,
  };
}

describe("crypto-shredding", () => {
  it("a sealed value opens while its shred key exists; once destroyed, no copy of it opens (a snapshot taken before)", async () => {
    const envelope = testCipher();
    const keys = memoryKeys();
    const cipher = shreddingCipher(envelope, keys);
    const sealed = await cipher.seal("0101901234", "meeting:m-1:cpr");
    const snapshot = structuredClone(sealed);
    expect(await cipher.open(sealed, "meeting:m-1:cpr")).toBe("0101901234");
    // The outer envelope alone (what the KEK opens) does not reveal it.
    expect(await envelope.open(sealed, "meeting:m-1:cpr")).not.toContain("0101901234");
    expect(keys.size()).toBe(1);
    expect(await keys.delete("meeting:m-1:cpr")).toBe(true);
    await expect(cipher.open(snapshot, "meeting:m-1:cpr")).rejects.toBeInstanceOf(ShreddedValueError);
  });

  it("values sealed before the shred layer still open; a value does not open under another context", async () => {
    const envelope = testCipher();
    const cipher = shreddingCipher(envelope, memoryKeys());
    expect(await cipher.open(await envelope.seal("0101901234", "meeting:m-2:cpr"), "meeting:m-2:cpr")).toBe("0101901234");
    const sealed = await cipher.seal("0101901234", "meeting:m-3:cpr");
    await expect(cipher.open(sealed, "meeting:m-4:cpr")).rejects.toThrow();
  });
});
