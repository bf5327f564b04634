/** The public booking channel's choices: customer types, the topics a customer type may book, and the branches. */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { TopicsQuery } from "../../shared/api/public/schemas.js";

const PREFIX = "public/booking";
const CHOICES = ["Public booking"];

export const publicCustomerTypes = registerEndpoint({
  name: "public-customer-types",
  prefix: PREFIX,
  method: "GET",
  route: "customer-types",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Customer types a customer chooses from",
  tags: CHOICES,
  responses: { 200: { description: "Customer types by name", schema: z.array(z.object({ id: z.string(), name: z.string() })) } },
  async handle(_input, _ctx, deps): Promise<Reply> {
    const types = await deps.directory.list("customerType");
    return {
      status: 200,
      body: types.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name)),
      headers: { "cache-control": "public, max-age=60" },
    };
  },
});

export const publicTopics = registerEndpoint({
  name: "public-topics",
  prefix: PREFIX,
  method: "GET",
  route: "topics",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Customer-visible topics, for one customer type when given",
  tags: CHOICES,
  query: TopicsQuery,
  responses: {
    200: {
      description: "Topics by name",
      schema: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), durationMinutes: z.number() })),
    },
  },
  async handle({ query }, _ctx, deps): Promise<Reply> {
    const topics = (await deps.directory.list("topic")).filter(
      (t) =>
        t.isCustomerVisible &&
        (!query.customerTypeId || t.customerTypeIds.length === 0 || t.customerTypeIds.includes(query.customerTypeId)),
    );
    const body = topics
      .map((t) => ({ id: t.id, name: t.name, description: t.description ?? null, durationMinutes: t.durationMinutes ?? 60 }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body, headers: { "cache-control": "public, max-age=60" } };
  },
});

export const publicBranches = registerEndpoint({
  name: "public-branches",
  prefix: PREFIX,
  method: "GET",
  route: "branches",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Branches: the locations advisors serve, with whether a room there takes meetings",
  tags: CHOICES,
  responses: { 200: { description: "Branches by name", schema: z.array(z.object({ name: z.string(), hasRooms: z.boolean() })) } },
  async handle(_input, _ctx, deps): Promise<Reply> {
    const [employees, rooms] = await Promise.all([deps.directory.list("employee"), deps.directory.list("room")]);
    const key = (s: string) => s.trim().toLowerCase();
    const names = new Map<string, string>();
    for (const e of employees) for (const l of e.locations) if (!names.has(key(l))) names.set(key(l), l.trim());
    const withRooms = new Set(rooms.map((r) => key(r.location)));
    const body = [...names.entries()]
      .map(([k, name]) => ({ name, hasRooms: withRooms.has(k) }))
      .sort((a, b) => a.name.localeCompare(b.name, "da"));
    return { status: 200, body, headers: { "cache-control": "public, max-age=60" } };
  },
});
