import { loadDirectory } from "../data.js";
import { loadPlan } from "../../test/load/workload.js";
import { checkConsistency, formatReport } from "./consistency.js";
import { stackRepositories, startStack } from "./stack.js";

const stack = await startStack({ hosts: 1 });
try {
  const plan = loadPlan();
  const repos = await stackRepositories(stack);
  await loadDirectory(repos.directory, plan.dir);
  const h = await stack.headers();
  const [emp, slots] = [...plan.slots.entries()][0];
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = stack.hosts[0].base;
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(base + path, { method, headers: h, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: r.status === 204 ? undefined : await r.json() };
  };
  const b = await call("POST", "/meetings", { employeeId: emp, customerId: "c", salesforceId: "s", startDate: iso(slots[0].start), endDate: iso(slots[0].end), type: "Online" });
  console.log("book", b.status);
  const same = await call("PUT", `/meetings/${b.json.id}`, { startDate: iso(slots[0].start), endDate: iso(slots[0].end) });
  console.log("PUT same time", same.status);
  const moved = await call("PUT", `/meetings/${b.json.id}`, { startDate: iso(slots[4].start), endDate: iso(slots[4].end) });
  console.log("PUT new time", moved.status, moved.json.startDate);
  const again = await call("POST", "/meetings", { employeeId: emp, customerId: "c2", salesforceId: "s2", startDate: iso(slots[0].start), endDate: iso(slots[0].end), type: "Online" });
  console.log("book the old (now free) time again:", again.status, again.json.code ?? "");
  console.log(formatReport(await checkConsistency({ endpoint: stack.cosmosEndpoint, key: stack.cosmosKey })));
  repos.dispose();
} finally {
  await stack.stop();
}
