/**
 * NODE_EXTRA_CA_CERTS is read once, when Node starts. A process that hosts the app and must trust
 * the dev Graph's CA (npm start) relaunches itself once with it set; a CA bundle the developer
 * already named is kept, in a combined file. TLS verification stays on.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function caBundleFor(caFile: string, existing = process.env.NODE_EXTRA_CA_CERTS): string {
  if (!existing || existing === caFile || !fs.existsSync(existing)) return caFile;
  const bundle = path.join(path.dirname(caFile), "ca-bundle.pem");
  fs.writeFileSync(bundle, `${fs.readFileSync(existing, "utf8").trim()}\n${fs.readFileSync(caFile, "utf8")}`);
  return bundle;
}

/** True when this process must stop: a child trusting the CA now runs in its place (signals and exit code passed through). */
export function relaunchTrusting(caFile: string): boolean {
  if (process.env.BOOKME_DEV_CA_TRUSTED === caFile) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caBundleFor(caFile), BOOKME_DEV_CA_TRUSTED: caFile },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}
