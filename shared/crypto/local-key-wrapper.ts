/**
 * Local key-encryption keys (dev and tests): AES-256 key wrap (RFC 3394, A256KW) with keys from the
 * PERSONAL_DATA_DEV_KEYS setting, "name:base64key,..." — the first wraps new data keys, all unwrap
 * (the local form of a Key Vault rotation). npm start and the test stack generate them into their
 * data folder; they never protect production data (Azure uses Key Vault, see key-vault-wrapper.ts).
 */
import { createCipheriv, createDecipheriv } from "node:crypto";
import type { KeyWrapper } from "./key-wrapper.js";

const RFC3394_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex");
const KID_PREFIX = "local:";

export function parseDevKeys(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf(":");
    const name = part.slice(0, at);
    const key = Buffer.from(part.slice(at + 1), "base64");
    if (at <= 0 || key.length !== 32) throw new Error("PERSONAL_DATA_DEV_KEYS: each entry is name:<32 bytes in base64>");
    keys.set(`${KID_PREFIX}${name}`, key);
  }
  if (keys.size === 0) throw new Error("PERSONAL_DATA_DEV_KEYS names no key");
  return keys;
}

export function localKeyWrapper(keys: Map<string, Buffer>): KeyWrapper {
  const [currentKid, current] = [...keys][0];
  return {
    async wrap(dataKey) {
      const cipher = createCipheriv("id-aes256-wrap", current, RFC3394_IV);
      return { kid: currentKid, wrapAlg: "A256KW", wrappedKey: Buffer.concat([cipher.update(dataKey), cipher.final()]) };
    },
    async unwrap({ kid, wrapAlg, wrappedKey }) {
      const kek = keys.get(kid);
      if (!kek || wrapAlg !== "A256KW") throw new Error(`no local key-encryption key ${kid} (${wrapAlg})`);
      const decipher = createDecipheriv("id-aes256-wrap", kek, RFC3394_IV);
      return Buffer.concat([decipher.update(wrappedKey), decipher.final()]); // throws when the integrity check fails
    },
  };
}
