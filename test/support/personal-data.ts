/** Personal-data fixtures: a cipher over a fresh local key, and a sealed CPR as a meeting document stores it. */
import { randomBytes } from "node:crypto";
import type { SealedValue } from "../../shared/booking/model/personal-data.js";
import { envelopeCipher } from "../../shared/crypto/envelope.js";
import { localKeyWrapper } from "../../shared/crypto/local-key-wrapper.js";

/** A dev-keys setting value with fresh keys, the first one current. */
export const devKeysSetting = (...names: string[]) => names.map((n) => `${n}:${randomBytes(32).toString("base64")}`).join(",");

export const testCipher = (keys: Map<string, Buffer> = new Map([["local:test", randomBytes(32)]])) => envelopeCipher(localKeyWrapper(keys));

/** What a stored meeting's cpr looks like; its ciphertext must never show up in a view, event or invitation. */
export const SEALED_CPR: SealedValue = {
  alg: "A256GCM",
  kid: "local:test",
  wrapAlg: "A256KW",
  wrappedKey: "d3JhcHBlZC1kYXRhLWtleS1mb3ItdGVzdHMtb25seQ",
  iv: "c2VhbGVkLWl2LTE",
  tag: "c2VhbGVkLXRhZy0xMjM0NTY",
  ciphertext: "U0VBTEVELUNQUi1DSVBIRVJURVhU",
};
