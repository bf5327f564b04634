/**
 * The directory's deletions document (shared/adapters/cosmos/directory-deletions.ts): which deletes a
 * list applies, what a delete means for a cached copy, and the writer's way out of endless contention.
 */
import type { Container } from "@azure/cosmos";
import { describe, expect, it } from "vitest";
import {
  deletesSince,
  deletionKeyOf,
  recordDeletion,
  verdict,
  type DeletionEntry,
} from "../../../shared/adapters/cosmos/directory-deletions.js";

const entry = (seq: number, ts = 100, etag = `"${seq}"`): DeletionEntry => ({ seq, key: deletionKeyOf("employee", `e${seq}`), ts, etag });

describe("the directory's deletions document", () => {
  it("applies the deletes since a list's last look only while every one of them is still listed", () => {
    const doc = { epoch: "none", seq: 5, entries: [entry(3), entry(4), entry(5)] };
    expect(deletesSince(doc, { epoch: "none", seq: 5 })).toEqual([]);
    expect(deletesSince(doc, { epoch: "none", seq: 3 })?.map((e) => e.seq)).toEqual([4, 5]);
    expect(deletesSince(doc, { epoch: "none", seq: 2 })?.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(deletesSince(doc, { epoch: "none", seq: 1 })).toBeUndefined(); // seq 2 fell off
    expect(deletesSince(doc, { epoch: "other", seq: 5 })).toBeUndefined(); // a new epoch
    expect(deletesSince(doc, { epoch: "none", seq: 6 })).toBeUndefined(); // the document went back
  });

  it("removes the deleted version and older ones, keeps a later one, rechecks another of the same second", () => {
    const deleted = entry(1, 100, '"b"');
    expect(verdict({ ts: 100, etag: '"b"' }, deleted)).toBe("remove");
    expect(verdict({ ts: 99, etag: '"a"' }, deleted)).toBe("remove");
    expect(verdict({ ts: 101, etag: '"c"' }, deleted)).toBe("keep");
    expect(verdict({ ts: 100, etag: '"c"' }, deleted)).toBe("recheck");
  });

  it("a writer that keeps losing the race starts a new epoch without entries (every list refetches in full)", async () => {
    const written: Record<string, unknown>[] = [];
    let replaces = 0;
    const container = {
      item: () => ({
        read: async () => ({ resource: { epoch: "none", seq: 7, entries: [entry(7)] }, etag: '"d"' }),
        replace: async () => {
          replaces++;
          throw Object.assign(new Error("precondition failed"), { code: 412 });
        },
      }),
      items: { upsert: async (doc: Record<string, unknown>) => written.push(doc) },
    } as unknown as Container;
    await recordDeletion(
      container,
      { key: deletionKeyOf("employee", "e8"), ts: 100, etag: '"x"' },
      { changedAt: "2026-12-08T00:00:00.000Z" },
    );
    expect(replaces).toBe(8);
    expect(written).toEqual([expect.objectContaining({ id: "directory-deletions", kind: "meta", seq: 0, entries: [] })]);
    const epoch = written[0].epoch as string;
    expect(epoch).not.toBe("none");
    expect(deletesSince({ epoch, seq: 0, entries: [] }, { epoch: "none", seq: 7 })).toBeUndefined();
  });
});
