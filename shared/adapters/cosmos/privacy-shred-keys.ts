/** Shred keys (shredding-cipher.ts) in the `privacy` container, id shred:{context}: sealed by the envelope cipher; deleted by an erasure. */
import type { Container } from "@azure/cosmos";
import { SealedValue } from "../../booking/model/personal-data.js";
import type { ShredKeyStore } from "../../privacy/shredding-cipher.js";
import { deleteIfExists, isNotFound } from "./cosmos-errors.js";

const idOf = (context: string) => `shred:${context}`;

export function cosmosShredKeys(container: Container): ShredKeyStore {
  return {
    async put(context, sealedKey) {
      await container.items.upsert({ id: idOf(context), kind: "shred-key", key: sealedKey });
    },
    async get(context) {
      try {
        const { resource } = await container.item(idOf(context), idOf(context)).read<{ key: unknown }>();
        return resource ? SealedValue.parse(resource.key) : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    delete: (context) => deleteIfExists(container, idOf(context)),
  };
}
