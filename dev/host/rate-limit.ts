/**
 * The local stand-in for API Management's rate-limit-by-key: a token bucket per key (burst, then a
 * steady refill), answering 429 with Retry-After. One mechanism, two uses in the host: per client
 * address on the public channel, per client application (client-key.ts) on the API and facades.
 */
export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
}

export const DEFAULT_PUBLIC_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 2 };

/**
 * Generous, well above what one host process can serve on a 2-core machine: load tests and
 * benchmarks drive the host hard with one client. A test sets a tighter one (CLIENT_RATE_LIMIT).
 */
export const DEFAULT_CLIENT_RATE_LIMIT: RateLimit = { burst: 100_000, perSecond: 20_000 };

/** "burst/perSecond", e.g. "60/1". */
export function parseRateLimit(text: string | undefined): RateLimit | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(text ?? "");
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? { burst: Number(m[1]), perSecond: Number(m[2]) } : undefined;
}

const MAX_CLIENTS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go ahead (and takes a token); else the seconds until a token is back. */
  take(key: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    // Refilled buckets are forgotten first, so the map stays bounded under many addresses.
    if (!this.buckets.has(key) && this.buckets.size >= MAX_CLIENTS) this.evictFull();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private evictFull() {
    const now = this.clock();
    for (const [k, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(k);
    if (this.buckets.size >= MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
