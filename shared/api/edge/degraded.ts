/** Names the resources whose Outlook busy times are behind (stale, or their last refresh failed). */
export const DEGRADED_HEADER = "bookme-degraded-calendars";

export function degradedHeader(degraded: readonly string[]): Record<string, string> {
  return degraded.length ? { [DEGRADED_HEADER]: [...new Set(degraded)].join(",") } : {};
}
