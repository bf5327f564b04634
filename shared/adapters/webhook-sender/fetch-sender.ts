/** The webhook sender over fetch: one POST, bounded in time, redirects not followed (a 3xx is a failed try). */
import type { WebhookResponse, WebhookSender } from "../../events/ports.js";

function errorKind(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timeout";
  if (e?.cause?.code === "ECONNREFUSED") return "connection_refused";
  if (e?.cause?.code === "ECONNRESET" || e?.cause?.code === "UND_ERR_SOCKET") return "connection_reset";
  return "network_error";
}

export const fetchSender: WebhookSender = {
  async post(url, headers, body, timeoutMs): Promise<WebhookResponse> {
    const started = performance.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "BookMe-Webhooks/2", ...headers },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      return {
        status: res.status,
        error: null,
        retryAfter: res.headers.get("retry-after"),
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (err) {
      return { status: null, error: errorKind(err), retryAfter: null, latencyMs: Math.round(performance.now() - started) };
    }
  },
};
