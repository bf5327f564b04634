/** Self-service secrets: shown once, stored as SHA-256 only. */
import { createHash, randomBytes } from "node:crypto";

export const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

export function newSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashSecret(secret) };
}
