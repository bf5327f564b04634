/** Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, heaviest first. */
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  fn: string;
  selfMs: number;
  share: number;
}

function where(url: string, line: number): string {
  if (!url) return "";
  const clean = url.replace(/^file:\/\//, "");
  const nm = clean.lastIndexOf("node_modules/");
  const short = nm >= 0 ? clean.slice(nm + "node_modules/".length) : path.relative(process.cwd(), clean);
  return `${short}:${line + 1}`;
}

export function summariseProfile(file: string, top = 25): { totalMs: number; idleMs: number; rows: ProfileRow[]; byPackage: ProfileRow[] } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  let idleMs = 0;
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || "(anonymous)";
    if (name === "(idle)") {
      idleMs += t;
      continue;
    }
    const key = `${name} ${where(n.callFrame.url, n.callFrame.lineNumber)}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    const url = n.callFrame.url;
    const pkg = url.includes("node_modules/")
      ? url
          .slice(url.lastIndexOf("node_modules/") + 13)
          .split("/")
          .slice(0, url.slice(url.lastIndexOf("node_modules/") + 13).startsWith("@") ? 2 : 1)
          .join("/")
      : url.includes("/dist/")
        ? `app:${url
            .slice(url.indexOf("/dist/") + 6)
            .split("/")
            .slice(0, 2)
            .join("/")}`
        : url
          ? "node:internal"
          : name.startsWith("(")
            ? name
            : "(native)";
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  const busy = totalMs - idleMs;
  const rows = [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, selfMs]) => ({ fn, selfMs, share: selfMs / busy }));
  const byPackage = [...byPkg]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, selfMs]) => ({ fn, selfMs, share: selfMs / busy }));
  return { totalMs, idleMs, rows, byPackage };
}

export function latestProfiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
}
