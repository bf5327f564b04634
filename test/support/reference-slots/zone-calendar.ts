/**
 * Local days of one IANA zone as UTC epoch-ms ranges. luxon is asked for offsets a few times
 * per zone and local date (cached in the instance); everything after that is integer arithmetic.
 * Create instances per request (ZoneCalendars); there are no module-level caches here.
 */
import { IANAZone } from "luxon";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A piece of time with one UTC offset: local wall time = t + offsetMs. */
export interface OffsetSpan {
  start: number;
  end: number;
  offsetMs: number;
}

export interface LocalDay {
  /** Days since 1970-01-01 of the local date. */
  dayNum: number;
  /** 0 = Monday ... 6 = Sunday. */
  weekday: number;
  /** "YYYY-MM-DD". */
  isoDate: string;
  /** First instant of the local date (local 00:00, or the end of a gap covering it). */
  startUtc: number;
  /** First instant of the next local date. */
  endUtc: number;
  /** The day's offset when it is constant over the whole 24-hour day, else null (transition day). */
  offsetMs: number | null;
  /** Constant-offset pieces covering [startUtc, endUtc). */
  segments: OffsetSpan[];
}

export class ZoneCalendar {
  private readonly days = new Map<number, LocalDay>();
  private readonly dayStarts = new Map<number, number>();
  private readonly noonOffsets = new Map<number, number>();
  private readonly spanCache = new Map<string, OffsetSpan[]>();
  /** Most recently sampled offset: a good first guess for localDayNum and noon sampling. */
  private lastOffsetMs: number;

  private constructor(
    readonly name: string,
    private readonly zone: IANAZone,
  ) {
    this.lastOffsetMs = 0;
  }

  /** null when `name` is not a known IANA zone. */
  static create(name: string): ZoneCalendar | null {
    if (typeof name !== "string" || name === "") return null;
    const zone = IANAZone.create(name); // luxon caches zones and their validity
    return zone.isValid ? new ZoneCalendar(name, zone) : null;
  }

  /** UTC offset in ms at instant t. */
  offsetAt(t: number): number {
    return Math.round(this.zone.offset(t) * MINUTE_MS);
  }

  /** Local date (days since epoch) of instant t; uses cached days after the first lookup nearby. */
  localDayNum(t: number): number {
    let d = Math.floor((t + this.lastOffsetMs) / DAY_MS);
    for (let guard = 0; guard < 4; guard++) {
      const day = this.day(d);
      if (t < day.startUtc) d--;
      else if (t >= day.endUtc) d++;
      else return d;
    }
    return Math.floor((t + this.offsetAt(t)) / DAY_MS);
  }

  day(dayNum: number): LocalDay {
    let day = this.days.get(dayNum);
    if (day === undefined) {
      day = this.buildDay(dayNum);
      this.days.set(dayNum, day);
    }
    return day;
  }

  /**
   * The instant of local wall time `minuteOfDay` on `day`. 1440 ("24:00") is the day's end.
   * A time skipped by a forward change maps to the instant of the change (the first existing
   * time after it); a repeated time maps to its first occurrence.
   */
  wallToUtc(day: LocalDay, minuteOfDay: number): number {
    if (minuteOfDay >= 1440) return day.endUtc;
    if (day.offsetMs !== null) return day.startUtc + minuteOfDay * MINUTE_MS;
    const wall = day.dayNum * DAY_MS + minuteOfDay * MINUTE_MS;
    let best = Infinity;
    for (const seg of day.segments) {
      const t = wall - seg.offsetMs;
      if (t >= seg.start && t < seg.end && t < best) best = t;
    }
    if (best !== Infinity) return best;
    for (const seg of day.segments) if (seg.start + seg.offsetMs > wall) return seg.start;
    return day.endUtc;
  }

  /** Constant-offset spans (adjacent equal offsets merged) covering every local day touching [from, to]. */
  spans(from: number, to: number): OffsetSpan[] {
    const key = `${from}:${to}`;
    let out = this.spanCache.get(key);
    if (out !== undefined) return out;
    out = [];
    const last = this.localDayNum(to);
    for (let d = this.localDayNum(from); d <= last; d++) {
      for (const seg of this.day(d).segments) {
        const prev = out[out.length - 1];
        if (prev !== undefined && prev.offsetMs === seg.offsetMs && prev.end === seg.start) prev.end = seg.end;
        else out.push({ ...seg });
      }
    }
    this.spanCache.set(key, out);
    return out;
  }

  /**
   * Fast path: the offset sampled near local noon of the day before, the day and the day after
   * is the same, so (at most one change per 24 hours, as in tzdb) the day is a plain 24 hours
   * at that offset: one Intl-backed luxon call per day. Otherwise the exact slow path.
   */
  private buildDay(dayNum: number): LocalDay {
    const weekday = (((dayNum + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const isoDate = new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
    const o = this.noonOffset(dayNum);
    if (this.noonOffset(dayNum - 1) === o && this.noonOffset(dayNum + 1) === o) {
      const startUtc = dayNum * DAY_MS - o;
      const endUtc = startUtc + DAY_MS;
      return { dayNum, weekday, isoDate, startUtc, endUtc, offsetMs: o, segments: [{ start: startUtc, end: endUtc, offsetMs: o }] };
    }
    const startUtc = this.dayStart(dayNum);
    const endUtc = this.dayStart(dayNum + 1);
    const segments = this.segmentsOf(startUtc, endUtc);
    const constant = segments.length === 1 && endUtc - startUtc === DAY_MS;
    return { dayNum, weekday, isoDate, startUtc, endUtc, offsetMs: constant ? segments[0].offsetMs : null, segments };
  }

  /** Offset near local noon of a date (cached). */
  private noonOffset(dayNum: number): number {
    let o = this.noonOffsets.get(dayNum);
    if (o === undefined) {
      o = this.offsetAt(dayNum * DAY_MS + DAY_MS / 2 - this.lastOffsetMs);
      this.lastOffsetMs = o;
      this.noonOffsets.set(dayNum, o);
    }
    return o;
  }

  /** First instant whose local date is `dayNum` (the offsets sampled at the noons around it bracket it). */
  private dayStart(dayNum: number): number {
    let t = this.dayStarts.get(dayNum);
    if (t === undefined) {
      t = this.firstInstantAtOrAfterWall(dayNum * DAY_MS, [this.noonOffset(dayNum - 1), this.noonOffset(dayNum)]);
      this.dayStarts.set(dayNum, t);
    }
    return t;
  }

  /**
   * Earliest instant showing local wall time `wall` (as epoch ms), or the end of the gap that
   * skips it. `offsets`: the offsets in effect shortly before and after it.
   */
  private firstInstantAtOrAfterWall(wall: number, offsets: number[]): number {
    let best = Infinity;
    for (const o of offsets) {
      const t = wall - o;
      if (t < best && this.offsetAt(t) === o) best = t;
    }
    if (best !== Infinity) return best;
    // `wall` lies in a gap: the change happens in (wall - maxOffset, wall - minOffset].
    return this.firstChange(wall - Math.max(...offsets), wall - Math.min(...offsets));
  }

  /**
   * Smallest t in (a, b] whose offset differs from the offset at a (assumes one change in
   * between). Bisects on whole minutes first (tzdb changes fall on them), then to the ms.
   */
  private firstChange(a: number, b: number): number {
    const oa = this.offsetAt(a);
    if (this.offsetAt(b) === oa) return b;
    while (b - a > 1) {
      if (b - a <= 2 * MINUTE_MS && b % MINUTE_MS === 0 && this.offsetAt(b - 1) === oa) return b;
      let mid = Math.floor((a + b) / 2);
      if (b - a > 2 * MINUTE_MS) mid = Math.floor(mid / MINUTE_MS) * MINUTE_MS;
      if (this.offsetAt(mid) === oa) a = mid;
      else b = mid;
    }
    return b;
  }

  /** Constant-offset pieces of [start, end) (transition days only): bisect each change. */
  private segmentsOf(start: number, end: number): OffsetSpan[] {
    const segs: OffsetSpan[] = [];
    let from = start;
    while (from < end) {
      const o = this.offsetAt(from);
      const probes = [end - 1, Math.floor((from + end) / 2)];
      const differing = probes.find((p) => p > from && this.offsetAt(p) !== o);
      if (differing === undefined) break;
      const change = this.firstChange(from, differing);
      segs.push({ start: from, end: change, offsetMs: o });
      from = change;
    }
    segs.push({ start: from, end, offsetMs: this.offsetAt(Math.min(from, end - 1)) });
    return segs;
  }
}

/** One ZoneCalendar per zone name, for the life of one computation. */
export class ZoneCalendars {
  private readonly byName = new Map<string, ZoneCalendar | null>();

  get(name: string): ZoneCalendar | null {
    let cal = this.byName.get(name);
    if (cal === undefined) {
      cal = ZoneCalendar.create(name);
      this.byName.set(name, cal);
    }
    return cal;
  }
}

/** True when `name` is a time zone luxon (Intl) knows. */
export function isValidTimeZone(name: string): boolean {
  return typeof name === "string" && name !== "" && IANAZone.create(name).isValid;
}
