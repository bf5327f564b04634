/**
 * AES-256-GCM envelope encryption: a fresh 256-bit data key per value, the value encrypted with it
 * (random 96-bit IV, 128-bit tag, the caller's context as additional authenticated data), the data
 * key wrapped by the key-encryption key and stored beside the ciphertext with the KEK's key id, so
 * values sealed under an older key version still open after a rotation.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { PersonalDataCipher, SealedValue } from "../booking/model/personal-data.js";
import type { KeyWrapper } from "./key-wrapper.js";

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const bytesOf = (text: string) => Buffer.from(text, "base64url");

/**
 * A rotation's re-wrap: the same value under the current KEK version. Only the data key is unwrapped
 * and wrapped again; IV, tag and ciphertext stay, so the plaintext is never decrypted. Undefined when
 * the value is already under the current version.
 */
export async function rewrap(kek: KeyWrapper, sealed: SealedValue): Promise<SealedValue | undefined> {
  const dataKey = await kek.unwrap({ kid: sealed.kid, wrapAlg: sealed.wrapAlg, wrappedKey: bytesOf(sealed.wrappedKey) });
  try {
    const wrapped = await kek.wrap(dataKey);
    if (wrapped.kid === sealed.kid) return undefined;
    return { ...sealed, kid: wrapped.kid, wrapAlg: wrapped.wrapAlg, wrappedKey: b64(wrapped.wrappedKey) };
  } finally {
    dataKey.fill(0);
  }
}

export function envelopeCipher(kek: KeyWrapper): PersonalDataCipher {
  return {
    async seal(plaintext, context) {
      const dataKey = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", dataKey, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      const wrapped = await kek.wrap(dataKey);
      dataKey.fill(0);
      return {
        alg: "A256GCM",
        kid: wrapped.kid,
        wrapAlg: wrapped.wrapAlg,
        wrappedKey: b64(wrapped.wrappedKey),
        iv: b64(iv),
        tag: b64(tag),
        ciphertext: b64(ciphertext),
      };
    },

    async open(sealed: SealedValue, context) {
      const dataKey = Buffer.from(await kek.unwrap({ kid: sealed.kid, wrapAlg: sealed.wrapAlg, wrappedKey: bytesOf(sealed.wrappedKey) }));
      try {
        const iv = bytesOf(sealed.iv);
        const tag = bytesOf(sealed.tag);
        if (iv.length !== 12 || tag.length !== 16) throw new Error("sealed value: bad IV or tag length");
        const decipher = createDecipheriv("aes-256-gcm", dataKey, iv, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(bytesOf(sealed.ciphertext)), decipher.final()]).toString("utf8");
      } finally {
        dataKey.fill(0);
      }
    },
  };
}
