/**
 * Crypto-shredding of sealed personal data (the CPR): each value is encrypted under its own shred key
 * (AES-256-GCM, the value's context as AAD) before the envelope cipher seals it; the shred key is kept
 * apart, itself sealed by the envelope cipher, in the `privacy` container (shred:{context}). An erasure
 * deletes the shred key: every copy of the value (a backup, a restored snapshot, an old export of the
 * database) still opens its outer envelope under the KEK but not the inner layer.
 * Values sealed before this layer existed have no prefix and open as before.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { PersonalDataCipher, SealedValue } from "../booking/model/personal-data.js";

export interface ShredKeyStore {
  /** Stores (or replaces) the sealed shred key of a context. */
  put(context: string, sealedKey: SealedValue): Promise<void>;
  get(context: string): Promise<SealedValue | undefined>;
  /** Destroys it; true when there was one. */
  delete(context: string): Promise<boolean>;
}

const PREFIX = "shred1:";
const keyContext = (context: string) => `shred:${context}`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** The value was erased: its shred key is gone, so no copy of it opens any more. */
export class ShreddedValueError extends Error {
  constructor() {
    super("the value was erased: its shred key is destroyed");
  }
}

export function shreddingCipher(inner: PersonalDataCipher, keys: ShredKeyStore): PersonalDataCipher {
  return {
    async seal(plaintext, context) {
      const key = randomBytes(32);
      try {
        await keys.put(context, await inner.seal(b64(key), keyContext(context)));
        const iv = randomBytes(12);
        const cipher = createCipheriv("aes-256-gcm", key, iv);
        cipher.setAAD(Buffer.from(context, "utf8"));
        const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
        return await inner.seal(`${PREFIX}${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ciphertext)}`, context);
      } finally {
        key.fill(0);
      }
    },

    async open(sealed, context) {
      const layered = await inner.open(sealed, context);
      if (!layered.startsWith(PREFIX)) return layered;
      const sealedKey = await keys.get(context);
      if (!sealedKey) throw new ShreddedValueError();
      const key = Buffer.from(await inner.open(sealedKey, keyContext(context)), "base64url");
      try {
        const [iv, tag, ciphertext] = layered
          .slice(PREFIX.length)
          .split(".")
          .map((p) => Buffer.from(p, "base64url"));
        const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } finally {
        key.fill(0);
      }
    },
  };
}
