/**
 * Per-scenario sums of the Server-Timing header every API response carries (cosmos calls, time,
 * request units, RU per container): the bench's "RU/req" columns and the figures `npm run capacity` reads.
 */
import { parseServerTiming } from "../../shared/kernel/request-meter.js";

export interface CostSummary {
  /** Responses that carried a readable Server-Timing header. */
  responses: number;
  ruPerRequest: number;
  /** True when the figures are estimates (the embedded server), false when Cosmos DB reported them. */
  estimated: boolean;
  dbCallsPerRequest: number;
  dbMsPerRequest: number;
  ruByContainer: Record<string, number>;
}

export class CostCollector {
  private n = 0;
  private ru = 0;
  private calls = 0;
  private ms = 0;
  private estimated = false;
  private byContainer: Record<string, number> = {};

  add(header: string | undefined): void {
    const t = parseServerTiming(header);
    if (!t) return;
    this.n++;
    this.ru += t.ru;
    this.calls += t.calls;
    this.ms += t.dbMs;
    this.estimated ||= t.estimated;
    for (const [name, ru] of Object.entries(t.ruByContainer)) this.byContainer[name] = (this.byContainer[name] ?? 0) + ru;
  }

  summary(): CostSummary | undefined {
    if (!this.n) return undefined;
    const per = (v: number) => v / this.n;
    return {
      responses: this.n,
      ruPerRequest: per(this.ru),
      estimated: this.estimated,
      dbCallsPerRequest: per(this.calls),
      dbMsPerRequest: per(this.ms),
      ruByContainer: Object.fromEntries(Object.entries(this.byContainer).map(([k, v]) => [k, per(v)])),
    };
  }
}
