/**
 * The local key-encryption key for personal data (PERSONAL_DATA_DEV_KEYS): generated once into the
 * data folder (git-ignored, like the dev token key), so a restart still opens what it sealed. It is
 * a dev key only: Azure wraps with Key Vault (PERSONAL_DATA_KEY_ID).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The setting's value for this data folder: "dev-1:<base64 key>". */
export function ensureDevPersonalDataKeys(dataDir: string): string {
  const file = path.join(dataDir, "dev-personal-data", "keys.txt");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const value = `dev-1:${randomBytes(32).toString("base64")}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}
