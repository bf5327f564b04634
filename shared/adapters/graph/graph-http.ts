/**
 * Graph over HTTP: Bearer token, at most 4 requests in flight per mailbox (Graph's Outlook limit),
 * and backoff on 429/503/504 honouring Retry-After, within a total wait budget so a throttling
 * storm ends the call (and the caller marks the mailbox degraded) instead of hanging a timer.
 */
import type { TokenProvider } from "./graph-token.js";
import { CalendarUnavailableError } from "../../calendar/port.js";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { recordGraphCall } from "../../kernel/request-meter.js";

const tracer = trace.getTracer("bookme");

export const MAX_PER_MAILBOX = 4;
const RETRYABLE = new Set([429, 503, 504]);

export interface GraphResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface GraphHttpOptions {
  baseUrl: string;
  token: TokenProvider;
  /** Most time spent waiting between attempts of one request. */
  maxWaitMs?: number;
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Seconds (or an HTTP date) from Retry-After; exponential from 1 s when absent. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return Math.min(2 ** attempt * 1000, 30_000);
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
  get idle() {
    return this.active === 0 && this.waiting.length === 0;
  }
}

export class GraphHttp {
  private readonly perMailbox = new Map<string, Semaphore>();
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphHttpOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 20_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** One Graph request about `mailbox` (a path below the base URL, or an absolute @odata.nextLink). */
  request(
    mailbox: string,
    method: string,
    pathOrUrl: string,
    body?: unknown,
    headers: Record<string, string> = {},
    maxWaitMs = this.maxWaitMs,
  ): Promise<GraphResponse> {
    const key = mailbox.toLowerCase();
    let gate = this.perMailbox.get(key);
    if (!gate) this.perMailbox.set(key, (gate = new Semaphore(MAX_PER_MAILBOX)));
    return gate
      .run(() => this.withRetries(method, pathOrUrl, body, headers, maxWaitMs))
      .finally(() => {
        if (gate.idle) this.perMailbox.delete(key);
      });
  }

  private async withRetries(
    method: string,
    pathOrUrl: string,
    body: unknown,
    headers: Record<string, string>,
    maxWaitMs: number,
  ): Promise<GraphResponse> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let res: GraphResponse;
      try {
        res = await this.once(method, pathOrUrl, body, headers);
      } catch {
        res = { status: 503, body: { error: { code: "network_error" } }, headers: new Headers() };
      }
      if (!RETRYABLE.has(res.status)) return res;
      const retryAfter = res.headers.get("retry-after");
      const delay = retryDelayMs(retryAfter, attempt);
      if (waited + delay > maxWaitMs)
        throw new CalendarUnavailableError(res.status, errorCode(res.body), retryAfter === null ? undefined : delay);
      waited += delay;
      await this.sleep(delay);
    }
  }

  /** One attempt, counted in the request's meter (Server-Timing's graph) and as a client span (no path: it names a mailbox). */
  private once(method: string, pathOrUrl: string, body: unknown, headers: Record<string, string>): Promise<GraphResponse> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.options.baseUrl}${pathOrUrl}`;
    const started = performance.now();
    return tracer.startActiveSpan(
      `Graph ${method}`,
      { kind: SpanKind.CLIENT, attributes: { "http.request.method": method, "server.address": new URL(url).host } },
      async (span) => {
        try {
          const res = await this.attempt(method, url, body, headers);
          span.setAttribute("http.response.status_code", res.status);
          if (res.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          return res;
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw err;
        } finally {
          span.end();
          recordGraphCall(performance.now() - started);
        }
      },
    );
  }

  private async attempt(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<GraphResponse> {
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await this.options.token()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 15_000),
    });
    const text = await res.text();
    return { status: res.status, body: parseJson(text), headers: res.headers };
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function errorCode(body: Record<string, unknown>): string {
  const error = body.error as { code?: unknown } | undefined;
  return typeof error?.code === "string" ? error.code : "unknown";
}
