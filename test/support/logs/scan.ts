/**
 * The log check: host log lines searched for the personal values the tests used, and for anything
 * shaped like an email address or a hyphenated CPR number whoever sent it. A finding names the file,
 * the line number, what kind of personal data and what kind of line it was on, never the value.
 */
import fs from "node:fs";
import path from "node:path";
import { isValidCpr } from "../../../shared/booking/model/cpr.js";
import type { PersonalKind, PersonalValue } from "./personal-values.js";

export interface Finding {
  file: string;
  line: number;
  kind: PersonalKind;
  /** What the line is: the JSON log's message, "access log", "[level] function", or "other". */
  lineKind: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const CPR_HYPHENATED = /(?<![\d-])(\d{6}-\d{4})(?![\d-])/g;

/** What kind of line this is, in words that carry no personal data (a message holding some shows it redacted). */
export function lineKindOf(line: string, values: readonly PersonalValue[] = []): string {
  const brace = line.indexOf("{");
  if (brace >= 0) {
    try {
      const json = JSON.parse(line.slice(brace)) as { message?: unknown; msg?: unknown };
      const message = json.message ?? json.msg;
      if (typeof message === "string") return `log "${redact(message, values).slice(0, 60)}"`;
    } catch {
      // not a JSON log line
    }
  }
  if (/^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) \//.test(line)) return "access log";
  const level = /^\[(\w+)\] ([\w-]+):/.exec(line);
  return level ? `[${level[1]}] ${level[2]}` : "other";
}

function redact(text: string, values: readonly PersonalValue[]): string {
  let out = text;
  for (const v of values) out = out.split(v.value).join(`<${v.kind}>`);
  return out.replace(new RegExp(EMAIL.source, "g"), "<email>").replace(CPR_HYPHENATED, "<cpr>");
}

/** Findings in one file's lines: each known value, then the shapes of emails and hyphenated CPRs. */
export function scanLines(file: string, lines: readonly string[], values: readonly PersonalValue[]): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((text, i) => {
    const kinds = new Set<PersonalKind>();
    for (const v of values) if (text.includes(v.value)) kinds.add(v.kind);
    if (EMAIL.test(text)) kinds.add("email");
    for (const m of text.matchAll(CPR_HYPHENATED)) if (isValidCpr(m[1])) kinds.add("cpr");
    for (const kind of kinds) findings.push({ file, line: i + 1, kind, lineKind: lineKindOf(text, values) });
  });
  return findings;
}

/** Every host log (host-*.log) in the run directory. */
export function scanRunDir(dir: string, values: readonly PersonalValue[]): { files: number; lines: number; findings: Finding[] } {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^host-.*\.log$/.test(f)) : [];
  let lines = 0;
  const findings: Finding[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    lines += text.length;
    findings.push(...scanLines(file, text, values));
  }
  return { files: files.length, lines, findings };
}

/** The report: one line per finding, without the value found. */
export function report(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.kind} on a line of kind ${f.lineKind}`).join("\n");
}
