/** `npm run reset`: empties the local data folder (database snapshot, Azurite files, dev signing key). */
import fs from "node:fs";
import { dataDir } from "./data-dir.js";

const dir = dataDir();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`emptied ${dir}`);
