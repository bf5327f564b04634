/**
 * Endpoint shapes shared by the directory functions: admin create-or-replace / get / delete
 * and public list / get. Each function file names its route, kind, schemas and view.
 */
import { z } from "zod";
import { NotFoundError } from "../../kernel/errors.js";
import { IdParams } from "../../kernel/fields.js";
import type { DirectoryEntities, DirectoryKind, DirectoryRepository } from "../../booking/model/ports.js";
import type { ApiVersion, EndpointSpec, Reply } from "../edge/endpoint.js";
import type { Permission } from "../edge/auth.js";

const LABEL: Record<DirectoryKind, string> = {
  employee: "employee",
  room: "room",
  topic: "topic",
  customerType: "customer type",
  meetingType: "meeting type",
  bookingLink: "booking link",
  client: "client registration",
  closure: "closure",
  holidayCalendar: "holiday calendar",
  customerAdvisor: "customer relationship",
};
const problemDoc = (description: string) => ({ description });

interface Common<K extends DirectoryKind> {
  name: string;
  /** Default: both. */
  versions?: ApiVersion[];
  route: string;
  kind: K;
  tags: string[];
  summary: string;
  view: (entity: DirectoryEntities[K]) => unknown;
  viewSchema: z.ZodType;
}

async function findOrThrow<K extends DirectoryKind>(directory: DirectoryRepository, kind: K, id: string): Promise<DirectoryEntities[K]> {
  const entity = await directory.get(kind, id);
  if (!entity) throw new NotFoundError(LABEL[kind], id);
  return entity;
}

export function adminPut<K extends DirectoryKind>(spec: Common<K> & { body: z.ZodType }): EndpointSpec {
  return {
    name: spec.name,
    method: "PUT",
    route: spec.route,
    versions: spec.versions ?? ["v2", "v1"],
    permission: "BookMe.Admin",
    summary: spec.summary,
    tags: spec.tags,
    params: IdParams,
    body: spec.body,
    responses: {
      200: { description: "Replaced", schema: spec.viewSchema },
      201: { description: "Created", schema: spec.viewSchema },
      400: problemDoc("A field is missing or malformed"),
    },
    async handle({ params, body }, _ctx, { directory }): Promise<Reply> {
      const entity = { ...(body as object), id: params.id } as DirectoryEntities[K];
      const { created } = await directory.put(spec.kind, entity);
      return { status: created ? 201 : 200, body: spec.view(entity) };
    },
  };
}

export function getOne<K extends DirectoryKind>(spec: Common<K> & { permission: Permission }): EndpointSpec<typeof IdParams> {
  return {
    name: spec.name,
    method: "GET",
    route: spec.route,
    versions: spec.versions ?? ["v2", "v1"],
    permission: spec.permission,
    summary: spec.summary,
    tags: spec.tags,
    params: IdParams,
    responses: { 200: { description: "Found", schema: spec.viewSchema }, 404: problemDoc("No such id") },
    async handle({ params }, _ctx, { directory }): Promise<Reply> {
      return { status: 200, body: spec.view(await findOrThrow(directory, spec.kind, params.id)) };
    },
  };
}

export function listAll<K extends DirectoryKind>(spec: Common<K> & { permission: Permission }): EndpointSpec {
  return {
    name: spec.name,
    method: "GET",
    route: spec.route,
    versions: spec.versions ?? ["v2", "v1"],
    permission: spec.permission,
    summary: spec.summary,
    tags: spec.tags,
    responses: { 200: { description: "All of them, sorted by id", schema: z.array(spec.viewSchema) } },
    async handle(_input, _ctx, { directory }): Promise<Reply> {
      const all = await directory.list(spec.kind);
      return { status: 200, body: all.map(spec.view) };
    },
  };
}

export function adminDelete(spec: {
  name: string;
  route: string;
  kind: DirectoryKind;
  tags: string[];
  summary: string;
  versions?: ApiVersion[];
}): EndpointSpec<typeof IdParams> {
  return {
    name: spec.name,
    method: "DELETE",
    route: spec.route,
    versions: spec.versions ?? ["v2", "v1"],
    permission: "BookMe.Admin",
    summary: spec.summary,
    tags: spec.tags,
    params: IdParams,
    responses: { 204: { description: "Deleted" }, 404: problemDoc("No such id") },
    async handle({ params }, _ctx, { directory }): Promise<Reply> {
      const deleted = await directory.delete(spec.kind, params.id);
      if (!deleted) throw new NotFoundError(LABEL[spec.kind], params.id);
      return { status: 204 };
    },
  };
}
