import { z } from "zod";
import { APP_VERSION } from "../../shared/kernel/settings.js";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { problem } from "../../shared/api/edge/problem.js";

export const HealthSchema = z.object({
  status: z.enum(["ok"]),
  cosmos: z.enum(["ok"]),
  storage: z.enum(["ok", "unreachable", "identity-based"]),
  version: z.string(),
});

export const health = registerEndpoint({
  name: "health",
  method: "GET",
  route: "health",
  versions: ["v2", "v1"],
  permission: "anonymous",
  summary: "Liveness and dependency check",
  tags: ["Operations"],
  responses: {
    200: { description: "The app reaches Cosmos DB", schema: HealthSchema },
    503: { description: "Cosmos DB cannot be reached" },
  },
  async handle(_input, ctx, { probes }): Promise<Reply> {
    const [cosmos, storage] = await Promise.all([
      probes.database().then(
        () => true,
        () => false,
      ),
      probes.storage(),
    ]);
    if (!cosmos) {
      ctx.log.warn("health: cosmos unreachable");
      return {
        status: 503,
        headers: { "retry-after": "5" },
        body: {
          ...problem(503, "service_unavailable", "Cosmos DB cannot be reached"),
          cosmos: "unreachable",
          storage,
          version: APP_VERSION,
        },
      };
    }
    return { status: 200, headers: { "cache-control": "no-store" }, body: { status: "ok", cosmos: "ok", storage, version: APP_VERSION } };
  },
});
