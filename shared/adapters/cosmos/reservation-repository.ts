/** Reservations and the token pointers that make "same token replaces" work. */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { ReservationDoc } from "../../booking/model/documents.js";
import type { ReservationRepository } from "../../booking/model/ports.js";
import { deleteIfExists, isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

const TokenDoc = z.object({ id: z.string(), kind: z.literal("token"), reservationId: z.string() });
const tokenDocId = (token: string) => `token:${token}`;

export class CosmosReservationRepository implements ReservationRepository {
  /** Token pointers as tokenTarget last read them, for pointToken's first attempt (used once). */
  private readonly tokenReads = new Map<string, { resource?: unknown; etag?: string }>();

  constructor(private readonly container: Container) {}

  private async readRaw(id: string): Promise<{ resource?: unknown; etag?: string }> {
    try {
      const { resource, etag } = await this.container.item(id, id).read<Record<string, unknown>>();
      return { resource, etag };
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
  }

  async get(id: string) {
    const { resource } = await this.readRaw(id);
    const parsed = ReservationDoc.safeParse(resource);
    return parsed.success ? parsed.data : undefined;
  }

  async create(reservation: ReservationDoc) {
    await this.container.items.create(reservation);
  }

  async delete(id: string) {
    await deleteIfExists(this.container, id);
  }

  async tokenTarget(token: string) {
    const id = tokenDocId(token);
    const raw = await this.readRaw(id);
    if (this.tokenReads.size >= 1000) this.tokenReads.clear();
    this.tokenReads.set(id, raw);
    const parsed = TokenDoc.safeParse(raw.resource);
    return parsed.success ? parsed.data.reservationId : undefined;
  }

  async pointToken(token: string, reservationId: string) {
    const id = tokenDocId(token);
    // A reservation reads its token's pointer (tokenTarget) just before it moves it: the first attempt
    // writes conditionally on that read (If-Match, or create-if-absent) instead of reading again; if the
    // pointer changed in between, the write fails and the loop reads it afresh.
    let known = this.tokenReads.get(id);
    this.tokenReads.delete(id);
    for (let attempt = 0; attempt < 20; attempt++) {
      const { resource, etag } = known ?? (await this.readRaw(id));
      known = undefined;
      const previous = TokenDoc.safeParse(resource);
      const doc = { id, kind: "token" as const, reservationId };
      try {
        if (etag) await this.container.item(id, id).replace(doc, { accessCondition: { type: "IfMatch", condition: etag } });
        else await this.container.items.create(doc);
        return previous.success ? previous.data.reservationId : undefined;
      } catch (err) {
        if (!isConflict(err) && !isPreconditionFailed(err) && !isNotFound(err)) throw err;
      }
    }
    throw new Error("token pointer contention");
  }

  async clearToken(token: string, reservationId: string) {
    const id = tokenDocId(token);
    const { resource, etag } = await this.readRaw(id);
    const current = TokenDoc.safeParse(resource);
    if (!current.success || current.data.reservationId !== reservationId || !etag) return;
    try {
      await this.container.item(id, id).delete({ accessCondition: { type: "IfMatch", condition: etag } });
    } catch (err) {
      if (!isNotFound(err) && !isPreconditionFailed(err)) throw err;
    }
  }

  async expired(nowIso: string, limit: number) {
    const { resources } = await this.container.items
      .query(
        { query: "SELECT * FROM c WHERE c.kind = 'reservation' AND c.expiresAt <= @now", parameters: [{ name: "@now", value: nowIso }] },
        { maxItemCount: limit },
      )
      .fetchNext();
    return resources.map((r) => ReservationDoc.parse(r));
  }

  async countLive(holder: string, nowIso: string) {
    const { resources } = await this.container.items
      .query<number>({
        query: "SELECT VALUE COUNT(1) FROM c WHERE c.kind = 'reservation' AND c.holder = @holder AND c.expiresAt > @now",
        parameters: [
          { name: "@holder", value: holder },
          { name: "@now", value: nowIso },
        ],
      })
      .fetchAll();
    return resources.reduce((a, b) => a + b, 0);
  }
}
