/** The directory (employees, rooms, topics, customer types) in one container partitioned by kind. */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { CustomerTypeBody, EmployeeBody, RoomBody, TopicBody, type CustomerType, type Employee, type Room, type Topic } from "../schemas/directory.js";
import { isNotFound } from "./cosmos-errors.js";

export interface DirectoryEntities {
  employee: Employee;
  room: Room;
  topic: Topic;
  customerType: CustomerType;
}
export type DirectoryKind = keyof DirectoryEntities;

/** Documents are parsed on read: unknown and system fields (_rid, _etag, kind) are dropped. */
const DOCUMENT_SCHEMAS: { [K in DirectoryKind]: z.ZodType<DirectoryEntities[K]> } = {
  employee: EmployeeBody.extend({ id: z.string() }),
  room: RoomBody.extend({ id: z.string() }),
  topic: TopicBody.extend({ id: z.string() }),
  customerType: CustomerTypeBody.extend({ id: z.string() }) as z.ZodType<CustomerType>,
};

export interface DirectoryRepository {
  get<K extends DirectoryKind>(kind: K, id: string): Promise<DirectoryEntities[K] | undefined>;
  list<K extends DirectoryKind>(kind: K): Promise<DirectoryEntities[K][]>;
  /** Create or replace; tells which. */
  put<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]): Promise<{ created: boolean }>;
  /** Create only; false when the id exists. */
  create<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]): Promise<boolean>;
  delete(kind: DirectoryKind, id: string): Promise<boolean>;
  count(): Promise<number>;
}

export class CosmosDirectoryRepository implements DirectoryRepository {
  constructor(private readonly container: Container) {}

  private parse<K extends DirectoryKind>(kind: K, doc: unknown): DirectoryEntities[K] {
    return DOCUMENT_SCHEMAS[kind].parse(doc);
  }

  async get<K extends DirectoryKind>(kind: K, id: string) {
    try {
      const { resource } = await this.container.item(id, kind).read();
      return resource ? this.parse(kind, resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list<K extends DirectoryKind>(kind: K) {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.kind = @kind", parameters: [{ name: "@kind", value: kind }] }, { partitionKey: kind })
      .fetchAll();
    return resources.map((doc) => this.parse(kind, doc)).sort((a, b) => a.id.localeCompare(b.id));
  }

  async put<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    const existed = (await this.get(kind, entity.id)) !== undefined;
    await this.container.items.upsert({ ...entity, kind });
    return { created: !existed };
  }

  async create<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    try {
      await this.container.items.create({ ...entity, kind });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 409) return false;
      throw err;
    }
  }

  async delete(kind: DirectoryKind, id: string) {
    try {
      await this.container.item(id, kind).delete();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async count() {
    const { resources } = await this.container.items.query<number>("SELECT VALUE COUNT(1) FROM c").fetchAll();
    return resources[0] ?? 0;
  }
}
