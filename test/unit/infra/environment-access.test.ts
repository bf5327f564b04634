/**
 * Only shared/kernel/settings.ts reads the environment, so config/app-settings.json stays the one list of
 * settings the app reads (and the drift tests can hold Bicep and local settings to it).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, repoPath } from "./repo.js";

const ENV_ACCESS = /\bprocess\s*(?:\.\s*env\b|\[\s*["'`]env["'`]\s*\])|\bimport\.meta\.env\b/;

describe("environment access", () => {
  it("no code under functions/ or shared/ outside shared/kernel/settings.ts reads process.env", () => {
    const settingsFile = repoPath("shared", "kernel", "settings.ts");
    const files = [...listFiles(repoPath("functions"), [".ts"]), ...listFiles(repoPath("shared"), [".ts"])].filter(
      (file) => file !== settingsFile,
    );
    const offenders: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, "utf8")
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (ENV_ACCESS.test(line)) offenders.push(`${path.relative(repoPath(), file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, "read settings through shared/kernel/settings.ts (names listed in config/app-settings.json)").toEqual([]);
  });
});
