/**
 * vitest global setup: a fresh run directory for host logs and recorded personal values; after the
 * last test file, every host log of the run is scanned and the run fails on any personal data found.
 */
import fs from "node:fs";
import { recordedValues } from "./personal-values.js";
import { DEFAULT_RUN_LOG_DIR, RUN_LOG_DIR_ENV } from "./run-dir.js";
import { report, scanRunDir } from "./scan.js";

export function setup() {
  const dir = process.env[RUN_LOG_DIR_ENV] || DEFAULT_RUN_LOG_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  process.env[RUN_LOG_DIR_ENV] = dir; // test workers and the host processes they start inherit it

  return function teardown() {
    const values = recordedValues(dir);
    const { files, lines, findings } = scanRunDir(dir, values);
    if (files === 0) return; // no test started a host (a unit-only run)
    if (findings.length === 0) {
      console.log(
        `log check: ${lines} lines of ${files} host logs hold none of ${values.length} personal values, no email, no CPR (${dir})`,
      );
      return;
    }
    console.error(`log check: personal data in host logs (${findings.length} lines, in ${dir}):\n${report(findings)}`);
    process.exitCode = 1;
    throw new Error(`personal data in ${findings.length} host log lines`);
  };
}
