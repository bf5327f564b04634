import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { facadeDocument } from "../../shared/api/facades/openapi-docs.js";

export const meetergoOpenapi = registerEndpoint({
  name: "meetergo-openapi",
  method: "GET",
  route: "meetergo/openapi.json",
  prefix: "",
  versions: ["v2"],
  permission: "anonymous",
  facade: "meetergo-docs",
  summary: "The OpenAPI 3.1 document of the meetergo facade",
  tags: ["Operations"],
  responses: { 200: { description: "The OpenAPI document", schema: z.looseObject({ openapi: z.string() }) } },
  async handle(): Promise<Reply> {
    return facadeDocument("meetergo");
  },
});
