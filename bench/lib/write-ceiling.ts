/**
 * The write ceiling: one conditional point write (a create-if-absent of a ~1 KB document with a
 * fresh id, the kind of write every booking step makes) driven from the bench process through the
 * app's own Cosmos client (createCosmosClient: same SDK, options and request-charge plugin) against
 * the same embedded server, `connections` writes in flight for `durationSeconds`. No host and no
 * HTTP in front: what the database and the SDK alone sustain, the fair ceiling a booking (several
 * such writes, plus reads, behind the API) is compared with. The documents go to the idempotency
 * container (partition /id, 24 h TTL), which nothing in the bench reads.
 */
import { randomUUID } from "node:crypto";
import { createCosmosClient, ensureContainers } from "../../shared/adapters/cosmos/cosmos.js";
import { cpuDelta, sampleCpu, type CpuDelta } from "./cpu.js";

export interface WriteCeiling {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU of the bench process (the SDK's side of the write, what a host would spend) and of the Cosmos process. */
  cpu: CpuDelta;
  clientCpuMsPerWrite: number;
  cosmosCpuMsPerWrite?: number;
}

const PADDING = "x".repeat(900);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;

export async function measureWriteCeiling(
  target: { cosmosEndpoint: string; cosmosKey: string; cosmosPid(): number | undefined },
  connections: number,
  durationSeconds: number,
): Promise<WriteCeiling> {
  const client = createCosmosClient({ cosmosEndpoint: target.cosmosEndpoint, cosmosKey: target.cosmosKey });
  try {
    const container = (await ensureContainers(client, "bookme")).idempotency;
    const write = () =>
      container.items.create({ id: `bench-write-${randomUUID()}`, kind: "bench-write", padding: PADDING, at: Date.now() });
    for (let i = 0; i < 50; i++) await write(); // warm-up: connections, the container cache, JIT
    const latencies: number[] = [];
    let errors = 0;
    const before = sampleCpu([target.cosmosPid()]);
    const started = performance.now();
    const until = started + durationSeconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          try {
            await write();
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const cpu = cpuDelta(before, sampleCpu([target.cosmosPid()]));
    latencies.sort((a, b) => a - b);
    const n = latencies.length;
    return {
      requests: n,
      errors,
      rps: n / wall,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? 0,
      cpu,
      clientCpuMsPerWrite: n ? cpu.self / n : 0,
      cosmosCpuMsPerWrite: n && cpu.processes[0] !== undefined ? cpu.processes[0] / n : undefined,
    };
  } finally {
    client.dispose();
  }
}
