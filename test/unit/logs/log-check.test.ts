/**
 * The run's log check (test/support/logs) can fail: values planted in a host log are found and named by
 * file, line and kind without being printed, and the global teardown then fails the run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../../support/logs/global-setup.js";
import { personalValuesOf, recordBody } from "../../support/logs/personal-values.js";
import { RUN_LOG_DIR_ENV } from "../../support/logs/run-dir.js";
import { lineKindOf, report, scanLines } from "../../support/logs/scan.js";

describe("personal values taken from request bodies", () => {
  it("CPRs (both forms), attendee names and emails, titles, descriptions, contacts; not ids, not room names", () => {
    const values = personalValuesOf({
      employeeId: "00000000-0000-4000-8000-000000000001",
      cpr: "010190-1234",
      title: "Pension meeting",
      description: "About the loan",
      externalAttendees: [{ name: "Kirsten Holm", email: "kirsten@partner.example" }],
      attendee: { firstname: "Jane", lastname: "Smithson", email: "jane@example.com", notes: { text: "x" } },
      contact_name: "Ole Olsen",
      room: { name: "Room Copenhagen" },
      customerTypes: [{ name: "Private customers" }],
      reason: "changed",
      timeSlotId: "slot-1",
    });
    expect(values.map((v) => `${v.kind}:${v.value}`).sort()).toEqual(
      [
        "cpr:010190-1234",
        "cpr:0101901234",
        "subject:Pension meeting",
        "description:About the loan",
        "name:Kirsten Holm",
        "email:kirsten@partner.example",
        "name:Smithson",
        "email:jane@example.com",
        "name:Ole Olsen",
      ].sort(),
    );
  });

  it("a body nested thousands deep is walked to a bounded depth, and recording it never throws", () => {
    let deep: unknown = { cpr: "0101901234" };
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(personalValuesOf(deep)).toEqual([]);
    expect(() => recordBody(`${"[".repeat(50_000)}${"]".repeat(50_000)}`)).not.toThrow();
  });

  it("a Graph event's subject and attendee addresses", () => {
    const values = personalValuesOf({
      subject: "Secret board meeting",
      attendees: [{ emailAddress: { address: "anna@bank.example", name: "Anna" } }],
    });
    expect(values).toEqual([
      { kind: "subject", value: "Secret board meeting" },
      { kind: "email", value: "anna@bank.example" },
    ]);
  });
});

describe("scanning host log lines", () => {
  const values = [
    { kind: "cpr" as const, value: "0101901234" },
    { kind: "name" as const, value: "Kirsten Holm" },
    { kind: "subject" as const, value: "Project Falcon" },
  ];
  const lines = [
    "host listening on 7071",
    "POST /api/v2/bookme/meetings -> 201 12.0 ms [meetings-create]",
    '{"level":"info","message":"meeting booked","meetingId":"m1","note":"cpr 0101901234"}',
    "[warning] meetings-create: attendee Kirsten Holm has no email",
    "GET /api/v2/bookme/meetings?title=Project%20Falcon -> 200 1 ms [meetings-list]",
    "[info] calendar-sync: synced Project Falcon for anna.jensen@bank.example",
    "[error] webhooks-deliver: receiver said 311299-0000",
    "[info] events-dispatch: 42 events, epoch 1701234567, order 2026-12-01",
  ];

  it("finds planted values and the shapes of emails and hyphenated CPRs, by line and kind", () => {
    const findings = scanLines("host-1.log", lines, values);
    expect(findings.map((f) => `${f.line} ${f.kind} ${f.lineKind}`)).toEqual([
      '3 cpr log "meeting booked"',
      "4 name [warning] meetings-create",
      "6 subject [info] calendar-sync",
      "6 email [info] calendar-sync",
      "7 cpr [error] webhooks-deliver",
    ]);
  });

  it("values are matched as printed: a percent-encoded one is not decoded (the access log prints no query string)", () => {
    expect(scanLines("h", [lines[4]], values)).toEqual([]);
    expect(lineKindOf(lines[1])).toBe("access log");
  });

  it("the report names file, line and kinds, never the value, not even inside a log message", () => {
    const leaky = [...lines, '{"message":"booked for Kirsten Holm (kirsten@partner.example, 010190-1234)"}'];
    const text = report(scanLines("host-1.log", leaky, values));
    expect(text).toContain('host-1.log:9: name on a line of kind log "booked for <name> (<email>, <cpr>)"');
    expect(text).toContain('host-1.log:3: cpr on a line of kind log "meeting booked"');
    for (const secret of [
      "0101901234",
      "010190-1234",
      "Kirsten Holm",
      "kirsten@partner.example",
      "Project Falcon",
      "anna.jensen@bank.example",
      "311299-0000",
    ])
      expect(text).not.toContain(secret);
  });
});

describe("the global teardown", () => {
  const saved = process.env[RUN_LOG_DIR_ENV];
  const savedExitCode = process.exitCode;
  afterEach(() => {
    process.env[RUN_LOG_DIR_ENV] = saved;
    process.exitCode = savedExitCode;
  });

  function runIn(dir: string, hostLog: string) {
    process.env[RUN_LOG_DIR_ENV] = dir;
    const teardown = setup();
    recordBody(JSON.stringify({ externalAttendees: [{ name: "Planted Person", email: "planted@example.org" }] }));
    fs.writeFileSync(path.join(dir, "host-1-a.log"), hostLog);
    return teardown;
  }

  it("fails the run when a host log holds a recorded value", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-logcheck-"));
    const teardown = runIn(dir, "host listening\n[info] meetings-create: guest Planted Person\n");
    expect(() => teardown()).toThrow(/personal data in 1 host log lines/);
    expect(process.exitCode).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("passes a clean log", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-logcheck-"));
    const teardown = runIn(dir, "host listening\nPOST /api/v2/bookme/meetings -> 201 3 ms [meetings-create]\n");
    expect(() => teardown()).not.toThrow();
    expect(process.exitCode).toBe(savedExitCode);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
