/**
 * The days a holiday calendar closes: the country's (and region's) public holidays from
 * date-holidays, plus the bank's own closing days (date-holidays rules). Local dates, no zone:
 * who a date applies to decides its zone. Results are memoised per calendar and year (pure
 * computations of the calendar's content, not state anything depends on).
 */
import Holidays from "date-holidays";

/** What of a holiday calendar (closures.ts HolidayCalendarBody) decides its closed dates. */
export interface HolidayRules {
  country: string;
  region?: string;
  publicHolidays: boolean;
  bankClosingDays: readonly { rule: string; name: string }[];
}

export interface NamedDate {
  /** yyyy-MM-dd */
  date: string;
  name: string;
}

const MAX_MEMO = 200;
const memo = new Map<string, NamedDate[]>();

/** Whether a closing-day rule is one date-holidays understands. */
export function isClosingDayRule(rule: string): boolean {
  const silent = new Holidays();
  const report = console.error;
  console.error = () => undefined; // date-holidays reports a rule it cannot parse on stderr (synchronously)
  try {
    return silent.setHoliday(rule, { name: "check", type: "bank" });
  } finally {
    console.error = report;
  }
}

/** Whether date-holidays knows the country (and the region in it). */
export function isKnownCountry(country: string, region?: string): boolean {
  const known = new Holidays();
  if (!Object.prototype.hasOwnProperty.call(known.getCountries() ?? {}, country)) return false;
  if (region === undefined) return true;
  return Object.prototype.hasOwnProperty.call(known.getStates(country) ?? {}, region);
}

/** The calendar's closed dates in one year, sorted, one entry per date (a public holiday wins over a closing day). */
export function closedDatesOf(calendar: HolidayRules, year: number): { date: string; name: string; kind: "public" | "bank" }[] {
  const key = JSON.stringify([calendar.country, calendar.region, calendar.publicHolidays, calendar.bankClosingDays, year]);
  const cached = memo.get(key) as { date: string; name: string; kind: "public" | "bank" }[] | undefined;
  if (cached) return cached;
  const out = new Map<string, { date: string; name: string; kind: "public" | "bank" }>();
  if (calendar.publicHolidays) {
    const country = calendar.region ? new Holidays(calendar.country, calendar.region) : new Holidays(calendar.country);
    for (const h of country.getHolidays(year) || [])
      if (h.type === "public") {
        const date = h.date.slice(0, 10);
        if (!out.has(date)) out.set(date, { date, name: h.name, kind: "public" });
      }
  }
  const bank = new Holidays();
  for (const d of calendar.bankClosingDays) bank.setHoliday(d.rule, { name: d.name, type: "bank" });
  for (const h of bank.getHolidays(year) || []) {
    const date = h.date.slice(0, 10);
    if (!out.has(date)) out.set(date, { date, name: h.name, kind: "bank" });
  }
  const list = [...out.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, list);
  return list;
}
