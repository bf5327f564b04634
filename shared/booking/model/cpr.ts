/** Danish CPR numbers: DDMMYY[-]SSSS whose date exists (century from the first serial digit). */
const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

function century(yy: number, serial: number): number {
  if (serial <= 3) return 1900;
  if (serial === 4 || serial === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

export function isValidCpr(text: string): boolean {
  const m = CPR.exec(text);
  if (!m) return false;
  const [day, month, yy, serial] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const year = century(yy, serial) + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Stored form: digits only. */
export const normaliseCpr = (text: string) => text.replace("-", "");
