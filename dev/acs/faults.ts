/** The dev ACS's fault switch: answer sends with 429/500/503 for a count of calls or some seconds (an outage). */

export interface AcsFaultSpec {
  status: 429 | 500 | 503;
  count?: number;
  seconds?: number;
  retryAfter?: number;
}

export function parseAcsFault(body: unknown): AcsFaultSpec | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (![429, 500, 503].includes(Number(b.status))) return "status must be 429, 500 or 503";
  for (const f of ["count", "seconds", "retryAfter"]) if (b[f] !== undefined && !(Number(b[f]) >= 0)) return `${f} must be a number >= 0`;
  return {
    status: Number(b.status) as AcsFaultSpec["status"],
    count: b.count as number | undefined,
    seconds: b.seconds as number | undefined,
    retryAfter: b.retryAfter as number | undefined,
  };
}

export interface FaultReply {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string } };
}

export class AcsFaultSwitch {
  private faults: { spec: AcsFaultSpec; left: number; until: number }[] = [];
  injected = 0;

  set(spec: AcsFaultSpec) {
    const until = spec.seconds !== undefined ? Date.now() + spec.seconds * 1000 : Infinity;
    const left = spec.count ?? (spec.seconds !== undefined ? Infinity : 1);
    this.faults.push({ spec, left, until });
  }

  clear() {
    this.faults = [];
  }

  take(): FaultReply | undefined {
    this.faults = this.faults.filter((f) => f.left > 0 && f.until > Date.now());
    const fault = this.faults[0];
    if (!fault) return undefined;
    fault.left--;
    this.injected++;
    const headers: Record<string, string> = fault.spec.retryAfter !== undefined ? { "retry-after": String(fault.spec.retryAfter) } : {};
    const code = fault.spec.status === 429 ? "TooManyRequests" : fault.spec.status === 503 ? "ServiceUnavailable" : "InternalServerError";
    return { status: fault.spec.status, headers, body: { error: { code, message: `dev ACS: injected ${fault.spec.status}` } } };
  }
}
