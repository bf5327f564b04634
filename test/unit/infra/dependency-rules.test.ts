/**
 * The house's import rules (.dependency-cruiser.cjs, checked by `npm run deps` in npm test) catch
 * what they promise: a planted cycle and a planted upward import fail, the same files without them pass.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "./repo.js";

const rules = (createRequire(import.meta.url)(repoPath(".dependency-cruiser.cjs")) as { forbidden: IForbiddenRuleType[] }).forbidden;
const dirs: string[] = [];

/** A throwaway tree with the project's folder names, cruised with the project's rules. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deps-"));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(["shared"], { ruleSet: { forbidden: rules }, tsPreCompilationDeps: true, validate: true });
    const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
    return output.summary.violations.map((v) => v.rule.name).sort();
  } finally {
    process.chdir(cwd);
  }
}

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("dependency rules", () => {
  it("a planted cycle between two files fails no-circular", async () => {
    expect(
      await violations({
        "shared/booking/model/a.js": 'import { b } from "./b.js";\nexport const a = () => b;\n',
        "shared/booking/model/b.js": 'import { a } from "./a.js";\nexport const b = () => a;\n',
      }),
    ).toContain("no-circular");
  });

  it("an import against the folder direction fails its layer rule", async () => {
    expect(
      await violations({
        "shared/kernel/clock.js": 'import { book } from "../booking/commands/book.js";\nexport const clock = () => book;\n',
        "shared/booking/commands/book.js": "export const book = 1;\n",
      }),
    ).toEqual(["kernel"]);
  });

  it("the same files in the allowed direction pass", async () => {
    expect(
      await violations({
        "shared/kernel/clock.js": "export const clock = 1;\n",
        "shared/booking/commands/book.js": 'import { clock } from "../../kernel/clock.js";\nexport const book = () => clock;\n',
      }),
    ).toEqual([]);
  });
});
