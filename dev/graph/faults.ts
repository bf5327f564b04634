/** The dev Graph's fault switch: answer Graph calls with 429/503/403 for a count of calls or some seconds. */
import { graphError, type GraphReply } from "./calendar-api.js";

export interface FaultSpec {
  status: 429 | 503 | 403;
  count?: number;
  seconds?: number;
  retryAfter?: number;
  /** Only calls about this mailbox (a 403 like a mailbox outside the app's RBAC scope). */
  mailbox?: string;
}

export function parseFault(body: unknown): FaultSpec | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (![429, 503, 403].includes(Number(b.status))) return "status must be 429, 503 or 403";
  for (const f of ["count", "seconds", "retryAfter"]) if (b[f] !== undefined && !(Number(b[f]) >= 0)) return `${f} must be a number >= 0`;
  if (b.mailbox !== undefined && typeof b.mailbox !== "string") return "mailbox must be a string";
  return {
    status: Number(b.status) as FaultSpec["status"],
    count: b.count as number | undefined,
    seconds: b.seconds as number | undefined,
    retryAfter: b.retryAfter as number | undefined,
    mailbox: b.mailbox?.toLowerCase(),
  };
}

export class FaultSwitch {
  private faults: { spec: FaultSpec; left: number; until: number }[] = [];
  injected = 0;

  set(spec: FaultSpec) {
    const until = spec.seconds !== undefined ? Date.now() + spec.seconds * 1000 : Infinity;
    const left = spec.count ?? (spec.seconds !== undefined ? Infinity : 1);
    this.faults.push({ spec, left, until });
  }

  clear() {
    this.faults = [];
  }

  /** The fault reply for a call about these mailboxes, if one is switched on. */
  take(mailboxes: string[]): GraphReply | undefined {
    this.faults = this.faults.filter((f) => f.left > 0 && f.until > Date.now());
    const fault = this.faults.find((f) => !f.spec.mailbox || mailboxes.includes(f.spec.mailbox));
    if (!fault) return undefined;
    fault.left--;
    this.injected++;
    const headers: Record<string, string> = fault.spec.retryAfter !== undefined ? { "retry-after": String(fault.spec.retryAfter) } : {};
    if (fault.spec.status === 429) return graphError(429, "TooManyRequests", "Too many requests, please retry later.", headers);
    if (fault.spec.status === 503) return graphError(503, "ServiceNotAvailable", "The service is temporarily unavailable.", headers);
    return graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
  }
}
