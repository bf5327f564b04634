/**
 * Helpers for the infrastructure tests: read repository files and pull simple facts out of
 * Bicep text (no Bicep compiler is available to the tests, so they read the source).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const INFRA = path.join(ROOT, "infra");

export function repoPath(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}

export function readText(...parts: string[]): string {
  return fs.readFileSync(repoPath(...parts), "utf8");
}

export function readJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readText(...parts)) as T;
}

export function exists(...parts: string[]): boolean {
  return fs.existsSync(repoPath(...parts));
}

/** Files below dir (absolute) whose names end with one of the suffixes, recursively. */
export function listFiles(dir: string, suffixes: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...listFiles(full, suffixes));
    } else if (suffixes.some((s) => entry.name.endsWith(s))) {
      out.push(full);
    }
  }
  return out.sort();
}

export function bicepFiles(): string[] {
  return listFiles(INFRA, [".bicep"]);
}

export interface AppSetting {
  name: string;
  scope: "app" | "host" | "local";
  required: boolean;
  local: string;
  description: string;
}

export function appSettings(): AppSetting[] {
  return readJson<{ settings: AppSetting[] }>("config", "app-settings.json").settings;
}

export function settingNames(...scopes: AppSetting["scope"][]): string[] {
  return appSettings()
    .filter((s) => scopes.includes(s.scope))
    .map((s) => s.name);
}

/** A Bicep line with its comment and string literals blanked out (so braces in them don't count). */
function codeOnly(line: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === "'") inString = false;
      out += " ";
    } else if (ch === "'") {
      inString = true;
      out += " ";
    } else if (ch === "/" && line[i + 1] === "/") {
      break;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Keys one level inside the object literal that opens on line `start` (which ends with `{`). */
function objectKeysFrom(lines: string[], start: number): string[] {
  const keys: string[] = [];
  let depth = 1;
  for (let i = start + 1; i < lines.length && depth > 0; i++) {
    const line = lines[i];
    if (depth === 1) {
      const m = /^\s*(?:'([^']+)'|([A-Za-z_][A-Za-z0-9_]*))\s*:/.exec(line);
      if (m) keys.push(m[1] ?? m[2]);
    }
    for (const ch of codeOnly(line)) {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
    }
  }
  if (depth !== 0) throw new Error(`unbalanced braces after line ${start + 1}`);
  return keys;
}

/**
 * Top-level keys of the object literal assigned to `var <name> = {` in Bicep source:
 * `KEY: value` or `'key': value` lines one level inside the braces.
 */
export function bicepObjectKeys(source: string, varName: string): string[] {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^\\s*var\\s+${varName}\\s*=\\s*\\{\\s*(//.*)?$`).test(l));
  if (start < 0) throw new Error(`no "var ${varName} = {" in the Bicep source`);
  return objectKeysFrom(lines, start);
}

export interface BicepModuleCall {
  symbol: string;
  path: string;
  params: string[];
}

/** `module <symbol> '<path>' = ... { ... params: { ... } }` declarations and the params they pass. */
export function bicepModuleCalls(source: string): BicepModuleCall[] {
  const lines = source.split(/\r?\n/);
  const calls: BicepModuleCall[] = [];
  lines.forEach((line, i) => {
    const m = /^module\s+([A-Za-z_][A-Za-z0-9_]*)\s+'([^']+)'/.exec(line);
    if (!m) return;
    const next = lines.findIndex((l, j) => j > i && /^(module|resource|output|var|param)\s/.test(l));
    const end = next < 0 ? lines.length : next;
    const paramsLine = lines.findIndex((l, j) => j > i && j < end && /^\s*params:\s*\{\s*$/.test(l));
    calls.push({ symbol: m[1], path: m[2], params: paramsLine < 0 ? [] : objectKeysFrom(lines, paramsLine) });
  });
  return calls;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

/** `param name type [= default]` declarations of a Bicep file. */
export function bicepParams(source: string): BicepParam[] {
  const params: BicepParam[] = [];
  for (const m of source.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_[\]]*)(\s*=)?/gm)) {
    params.push({ name: m[1], type: m[2], hasDefault: Boolean(m[3]) });
  }
  return params;
}

/** Paths of `module <symbol> '<path>'` references in a Bicep file. */
export function bicepModuleRefs(source: string): string[] {
  return [...source.matchAll(/^\s*module\s+[A-Za-z_][A-Za-z0-9_]*\s+'([^']+)'/gm)].map((m) => m[1]);
}

/** Arguments of loadJsonContent('...') / loadTextContent('...') calls in a Bicep file. */
export function bicepLoadedFiles(source: string): string[] {
  return [...source.matchAll(/load(?:Json|Text|FileAsBase64|Yaml)Content\(\s*'([^']+)'/g)].map((m) => m[1]);
}
