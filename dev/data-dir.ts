import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (dist/dev/ or dev/ → two or one levels up, found by package.json). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`) ? "../.." : "..",
);

/** Local data (embedded database snapshot, Azurite files, dev signing key): git-ignored. */
export function dataDir(): string {
  return path.resolve(REPO_ROOT, process.env.BOOKME_DATA_DIR || ".data");
}
