import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { endpoints, type ApiVersion, type Reply } from "../../shared/api/edge/endpoint.js";
import { buildOpenApi } from "../../shared/api/edge/openapi.js";

/** Built on first request, from every endpoint the host loaded (each version once per process). */
const documents = new Map<ApiVersion, { count: number; text: string }>();

function documentText(version: ApiVersion): string {
  const cached = documents.get(version);
  if (cached && cached.count === endpoints.length) return cached.text;
  const text = JSON.stringify(buildOpenApi(endpoints, version));
  documents.set(version, { count: endpoints.length, text });
  return text;
}

export const openapi = registerEndpoint({
  name: "openapi",
  method: "GET",
  route: "openapi.json",
  versions: ["v2", "v1"],
  permission: "anonymous",
  summary: "This API's OpenAPI 3.1 document, generated from the request and response schemas",
  tags: ["Operations"],
  responses: {
    200: {
      description: "The OpenAPI document",
      schema: z.looseObject({
        openapi: z.string(),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  },
  async handle(_input, ctx): Promise<Reply> {
    return {
      status: 200,
      body: documentText(ctx.version),
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
    };
  },
});
