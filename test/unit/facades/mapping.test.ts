/** The facades' pure mapping: free windows, error shapes, and the host's glob over function files. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appFiles } from "../../../dev/host/host.js";
import { botsErrorFormat } from "../../../shared/api/bots/errors.js";
import { mergeIntervals as mergeWindows } from "../../../shared/slots/intervals.js";
import { meetergoErrorFormat } from "../../../shared/api/meetergo/errors.js";
import { problem } from "../../../shared/api/edge/problem.js";
import { meetergoPayload } from "../../../shared/events/meetergo-payload.js";

describe("mergeWindows", () => {
  it("joins overlapping and touching times and keeps gaps", () => {
    expect(
      mergeWindows([
        { start: 30, end: 60 },
        { start: 0, end: 30 },
        { start: 45, end: 75 },
        { start: 90, end: 120 },
      ]),
    ).toEqual([
      { start: 0, end: 75 },
      { start: 90, end: 120 },
    ]);
    expect(mergeWindows([])).toEqual([]);
  });
});

describe("meetergo's error shape", () => {
  it("a taken slot and an unqualified time are 400 'The selected time slot is no longer available'", () => {
    for (const code of ["slot_taken", "outside_working_hours"] as const) {
      const reply = meetergoErrorFormat(problem(code === "slot_taken" ? 409 : 422, code, "x"), { "retry-after": "5" });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ statusCode: 400, message: "The selected time slot is no longer available", error: "Bad Request" });
      expect(reply.headers?.["retry-after"]).toBe("5");
    }
  });

  it("an allowed_values rule is meetergo's duration message; anything else keeps status and detail", () => {
    expect(
      meetergoErrorFormat(
        problem(400, "validation_failed", "endDate: ...", { errors: [{ field: "endDate", rule: "allowed_values", message: "..." }] }),
        {},
      ).body,
    ).toMatchObject({ message: "Duration must match one of the allowed durations for this meeting type" });
    expect(meetergoErrorFormat(problem(404, "not_found", "meeting 'a' was not found"), {}).body).toEqual({
      statusCode: 404,
      message: "meeting 'a' was not found",
      error: "Not Found",
    });
  });
});

describe("the bots' error shape", () => {
  it("a missing contact field is missing_field; another required field stays validation_failed", () => {
    const missing = botsErrorFormat(
      problem(400, "validation_failed", "contact_name: is required", {
        errors: [{ field: "contact_name", rule: "required", message: "is required" }],
      }),
      {},
    );
    expect(missing.body).toMatchObject({ error: { code: "missing_field" } });
    const question = botsErrorFormat(
      problem(400, "validation_failed", "answers.budget: is required", {
        errors: [{ field: "answers.budget", rule: "required", message: "is required" }],
      }),
      {},
    );
    expect(question.body).toMatchObject({ error: { code: "validation_failed" } });
  });

  it("slot_taken is 409; routing_rejected 403", () => {
    expect(botsErrorFormat(problem(409, "slot_taken", "taken"), {}).status).toBe(409);
    expect(botsErrorFormat(problem(422, "outside_working_hours", "no"), {})).toMatchObject({
      status: 409,
      body: { error: { code: "slot_taken" } },
    });
    expect(botsErrorFormat(problem(403, "routing_rejected", "no"), {})).toMatchObject({
      status: 403,
      body: { error: { code: "routing_rejected" } },
    });
  });
});

describe("the local host's function files", () => {
  it("reads package.json main as a glob: ** any folder depth, * within a name, .js only", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "appfiles-"));
    for (const f of [
      "dist/functions/a.js",
      "dist/functions/a.js.map",
      "dist/functions/meetergo/b.js",
      "dist/functions/bots/deep/c.js",
      "dist/other/d.js",
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), "");
    }
    const rel = (main: string) => {
      fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ main }));
      return appFiles(root).map((f) => path.relative(root, f).split(path.sep).join("/"));
    };
    expect(rel("dist/functions/**/*.js")).toEqual(["dist/functions/a.js", "dist/functions/bots/deep/c.js", "dist/functions/meetergo/b.js"]);
    expect(rel("dist/functions/*.js")).toEqual(["dist/functions/a.js"]);
  });
});

describe("meetergo's webhook payload", () => {
  const event = (type: "meeting.created" | "meeting.updated" | "meeting.cancelled", extra: Record<string, unknown> = {}) => ({
    id: "evt_meeting_m1_1",
    type,
    timestamp: "2027-01-11T08:00:00.000Z",
    aggregate: "meeting:m1",
    seq: 1,
    data: {
      id: "m1",
      startDate: "2027-01-11T08:00:00.000Z",
      endDate: "2027-01-11T08:30:00.000Z",
      employeeId: "h1",
      meetingTypeId: "t1",
      externalAttendees: [{ name: "Ann Marie Berg", email: "ann@example.com" }],
      customFields: [],
      ...extra,
    },
  });

  it("booking_created without emails unless personal data is allowed; names split at the first space", () => {
    expect(meetergoPayload(event("meeting.created"), false)).toEqual({
      webhookType: "booking_created",
      id: "m1",
      start: "2027-01-11T08:00:00.000Z",
      end: "2027-01-11T08:30:00.000Z",
      attendees: [{ firstname: "Ann", lastname: "Marie Berg" }],
      hostIds: ["h1"],
      meetingTypeId: "t1",
    });
    expect(meetergoPayload(event("meeting.created"), true).attendees).toEqual([
      { email: "ann@example.com", firstname: "Ann", lastname: "Marie Berg" },
    ]);
  });

  it("a move is booking_rescheduled, another change booking_updated, a cancel booking_cancelled", () => {
    expect(meetergoPayload(event("meeting.updated", { previous: { startDate: "x" } }), false).webhookType).toBe("booking_rescheduled");
    expect(meetergoPayload(event("meeting.updated", { previous: null }), false).webhookType).toBe("booking_updated");
    expect(meetergoPayload(event("meeting.cancelled"), false).webhookType).toBe("booking_cancelled");
  });
});
