/**
 * The console's calls to the BookMe API, made by its back end with the signed-in person's access
 * token (from the sealed session cookie) and the gateway's subscription key: the API decides what
 * they may see and change, exactly as for any other client of theirs. Only paths below the API's
 * base are reachable (no "..", no other host); the answer (status, body, ETag, paging headers)
 * goes back as the API gave it.
 */
import { DomainError } from "../../kernel/errors.js";
import type { ConsoleConfig } from "../../kernel/settings.js";
import type { Reply } from "../edge/endpoint.js";
import type { Session } from "./session.js";

/** One or more path segments of letters, digits, '-', '_', '.', none of them "." or "..". */
const API_PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;
const PASSED_BACK = ["content-type", "etag", "link", "x-continuation-token", "retry-after", "location", "x-bookme-degraded"];

export interface ProxyRequest {
  method: string;
  path: string;
  /** The API's query string, without '?'. */
  query?: string;
  body?: unknown;
  ifMatch?: string | null;
  idempotencyKey?: string | null;
  correlationId: string;
}

export async function callApi(config: ConsoleConfig, session: Session, request: ProxyRequest): Promise<Reply> {
  if (!config.apiBaseUrl) throw new DomainError("service_unavailable", "the console is not configured: CONSOLE_API_BASE_URL is not set");
  if (!API_PATH.test(request.path)) throw new DomainError("not_found", "no such API path");
  const url = `${config.apiBaseUrl.replace(/\/+$/, "")}/${request.path}${request.query ? `?${request.query}` : ""}`;
  const headers: Record<string, string> = {
    authorization: `Bearer ${session.accessToken}`,
    accept: "application/json",
    "x-correlation-id": request.correlationId,
  };
  if (config.apiSubscriptionKey) headers["ocp-apim-subscription-key"] = config.apiSubscriptionKey;
  if (request.ifMatch) headers["if-match"] = request.ifMatch;
  if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(30_000),
      redirect: "manual",
    });
  } catch {
    throw new DomainError("service_unavailable", "the BookMe API did not answer; retry shortly");
  }
  const out: Record<string, string> = { "cache-control": "no-store" };
  for (const name of PASSED_BACK) {
    const value = response.headers.get(name);
    if (value) out[name] = value;
  }
  const text = await response.text();
  return { status: response.status, headers: out, ...(text ? { body: text } : {}) };
}
