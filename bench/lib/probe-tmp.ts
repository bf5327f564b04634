import { performance } from "node:perf_hooks";
import { repositories } from "../../shared/store/repositories.js";
import { availableSlots } from "../../shared/booking/availability.js";
import { availableQuery } from "../../shared/schemas/time-slots.js";
import { BENCH_DIRECTORY, buildDirectory, inBatches, loadDirectory, meetingBody, planMeetings, startOfUtcDay } from "../data.js";
import { createMeeting } from "../../shared/booking/meetings.js";
import { MeetingCreateV2 } from "../../shared/schemas/meetings.js";
import { startStack, useStackInProcess } from "./stack.js";

const stack = await startStack({ hosts: 1 });
try {
  useStackInProcess(stack);
  const repos = await repositories();
  const now = Date.now();
  const dir = buildDirectory(BENCH_DIRECTORY, now);
  const from = startOfUtcDay(now) + 86_400_000;
  await loadDirectory(repos.directory, dir);
  const plan = planMeetings(dir, from, from + 14 * 86_400_000, 6);
  let n = 0;
  await inBatches(plan.meetings, 16, (m) => createMeeting(repos, MeetingCreateV2.parse(meetingBody(m, n++)), "v2", Date.now()));
  const headers = await stack.headers();
  const ids = dir.byBranch.get("Aarhus")!.map((id) => `employee:${id}:${new Date(from).toISOString().slice(0, 7)}`);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await repos.schedules.entriesOf(ids);
    const t1 = performance.now();
    await repos.directory.list("employee");
    const t2 = performance.now();
    console.log(`${ids.length} calendar point reads ${(t1 - t0).toFixed(1)} ms; directory list ${(t2 - t1).toFixed(1)} ms`);
  }
  for (const types of ["", "&meetingTypes=Physical"]) {
    const qs = `requireEmployeeParticipation=false&employeeTypes=Local&customerLocation=Aarhus&requireRoom=true&startDate=${encodeURIComponent(new Date(from).toISOString())}&lookForwardTime=14.00:00:00${types}`;
    const q = availableQuery("v2").parse(Object.fromEntries(new URLSearchParams(qs)));
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const slots = await availableSlots(repos, q, Date.now());
      const t1 = performance.now();
      const body = slots.map((s) => ({ id: s.id, startDate: new Date(s.start).toISOString(), endDate: new Date(s.end).toISOString(), meetingType: s.meetingType, employeeId: s.employeeId, ...(s.roomId ? { roomId: s.roomId } : {}) }));
      const t2 = performance.now();
      const text = JSON.stringify(body);
      const t3 = performance.now();
      const h0 = performance.now();
      const res = await fetch(`${stack.hosts[0].base}/time-slots/available?${qs}`, { headers });
      const buf = await res.arrayBuffer();
      const h1 = performance.now();
      console.log(`${types || "all types"}: slots ${slots.length} engine+reads ${(t1 - t0).toFixed(1)} ms, map ${(t2 - t1).toFixed(1)} ms, stringify ${(t3 - t2).toFixed(1)} ms (${(text.length / 1024).toFixed(0)} KB); over HTTP ${(h1 - h0).toFixed(1)} ms (${buf.byteLength} bytes)`);
    }
  }
} finally {
  await stack.stop();
}
