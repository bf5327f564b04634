/** The one place instants cross between the domain's epoch milliseconds and ISO 8601 text (UTC, with Z). */
export const isoOf = (ms: number): string => new Date(ms).toISOString();
export const msOf = (iso: string): number => Date.parse(iso);
