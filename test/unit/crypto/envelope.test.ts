/** AES-256-GCM envelope encryption of personal data: what is stored, what opens, what does not. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cprContext, SealedValue } from "../../../shared/booking/model/personal-data.js";
import { envelopeCipher, rewrap } from "../../../shared/crypto/envelope.js";
import { localKeyWrapper, parseDevKeys } from "../../../shared/crypto/local-key-wrapper.js";
import { personalDataCipher } from "../../../shared/app/personal-data-cipher.js";
import { devKeysSetting } from "../../support/personal-data.js";

const CPR = "0101901234";
const keys = (...entries: [string, Buffer][]) => new Map(entries);
const k1: [string, Buffer] = ["local:k1", randomBytes(32)];
const k2: [string, Buffer] = ["local:k2", randomBytes(32)];
const flip = (b64: string, at = 0) => {
  const bytes = Buffer.from(b64, "base64url");
  bytes[at] ^= 1;
  return bytes.toString("base64url");
};

describe("envelope cipher", () => {
  const cipher = envelopeCipher(localKeyWrapper(keys(k1)));

  it("stores {alg, kid, wrapAlg, wrappedKey, iv, tag, ciphertext} and no plaintext", async () => {
    const sealed = await cipher.seal(CPR, cprContext("m1"));
    expect(SealedValue.parse(sealed)).toEqual(sealed);
    expect(sealed).toMatchObject({ alg: "A256GCM", kid: "local:k1", wrapAlg: "A256KW" });
    expect(Buffer.from(sealed.iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(sealed.tag, "base64url")).toHaveLength(16);
    expect(Buffer.from(sealed.wrappedKey, "base64url")).toHaveLength(40); // a wrapped 256-bit key
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(CPR);
    expect(stored).not.toContain(Buffer.from(CPR).toString("base64url"));
    expect(await cipher.open(sealed, cprContext("m1"))).toBe(CPR);
  });

  it("a fresh data key and IV per value: the same CPR seals differently every time", async () => {
    const [a, b] = [await cipher.seal(CPR, cprContext("m1")), await cipher.seal(CPR, cprContext("m1"))];
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("a ciphertext copied to another meeting does not open there", async () => {
    const sealed = await cipher.seal(CPR, cprContext("m1"));
    await expect(cipher.open(sealed, cprContext("m2"))).rejects.toThrow();
  });

  it.each(["ciphertext", "tag", "iv", "wrappedKey"] as const)("a changed %s does not open", async (field) => {
    const sealed = await cipher.seal(CPR, cprContext("m1"));
    await expect(cipher.open({ ...sealed, [field]: flip(sealed[field]) }, cprContext("m1"))).rejects.toThrow();
  });

  it("a truncated tag does not open (no short-tag forgeries)", async () => {
    const sealed = await cipher.seal(CPR, cprContext("m1"));
    const short = Buffer.from(sealed.tag, "base64url").subarray(0, 4).toString("base64url");
    await expect(cipher.open({ ...sealed, tag: short }, cprContext("m1"))).rejects.toThrow();
  });

  it("a value sealed under a key this process does not have does not open", async () => {
    const sealed = await cipher.seal(CPR, cprContext("m1"));
    await expect(envelopeCipher(localKeyWrapper(keys(k2))).open(sealed, cprContext("m1"))).rejects.toThrow(/no local key-encryption key/);
  });
});

describe("key rotation", () => {
  it("after a new key version: new values use it, values sealed under the old version still open", async () => {
    const before = envelopeCipher(localKeyWrapper(keys(k1)));
    const old = await before.seal(CPR, cprContext("m1"));
    const after = envelopeCipher(localKeyWrapper(keys(k2, k1))); // k2 current, k1 kept for unwrap
    const fresh = await after.seal("1112131234", cprContext("m2"));
    expect(old.kid).toBe("local:k1");
    expect(fresh.kid).toBe("local:k2");
    expect(await after.open(old, cprContext("m1"))).toBe(CPR);
    expect(await after.open(fresh, cprContext("m2"))).toBe("1112131234");
    // a kid moved onto another value does not help: the old key does not unwrap the new data key
    await expect(after.open({ ...fresh, kid: "local:k1" }, cprContext("m2"))).rejects.toThrow();
    // once the old version is gone, its values no longer open: keep versions enabled until re-wrapped
    await expect(envelopeCipher(localKeyWrapper(keys(k2))).open(old, cprContext("m1"))).rejects.toThrow();
  });
});

describe("re-wrap after a rotation", () => {
  it("moves a value to the current version without touching its ciphertext; then the old version can go", async () => {
    const old = await envelopeCipher(localKeyWrapper(keys(k1))).seal(CPR, cprContext("m1"));
    const rotated = localKeyWrapper(keys(k2, k1));
    const moved = (await rewrap(rotated, old))!;
    expect(moved).toMatchObject({ kid: "local:k2", iv: old.iv, tag: old.tag, ciphertext: old.ciphertext });
    expect(moved.wrappedKey).not.toBe(old.wrappedKey);
    expect(await rewrap(rotated, moved)).toBeUndefined(); // already current
    expect(await envelopeCipher(localKeyWrapper(keys(k2))).open(moved, cprContext("m1"))).toBe(CPR);
  });
});

describe("configuration", () => {
  it("PERSONAL_DATA_DEV_KEYS: name:base64 entries, the first current; malformed entries are refused", async () => {
    const setting = devKeysSetting("dev-2", "dev-1");
    expect([...parseDevKeys(setting).keys()]).toEqual(["local:dev-2", "local:dev-1"]);
    expect(() => parseDevKeys("dev-1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseDevKeys("nokey")).toThrow();
    expect(() => parseDevKeys(" , ")).toThrow(/names no key/);
    const sealed = await personalDataCipher({ devKeys: setting })!.seal(CPR, cprContext("m1"));
    expect(sealed.kid).toBe("local:dev-2");
  });

  it("no key configured: no cipher (a CPR is then refused, not stored in the clear)", () => {
    expect(personalDataCipher({})).toBeUndefined();
  });
});
