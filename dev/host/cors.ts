/**
 * CORS on the local host, as the API Management policy (infra/policies/api-policy.xml) answers it:
 * any origin locally (no credentials), preflights answered by the host, and the response headers a
 * browser client needs (ETag, Location, the paging Link and continuation token, ...) exposed.
 */
import type http from "node:http";

/** Response headers a browser may read; the APIM policy's <expose-headers> lists the same (a test checks). */
export const EXPOSED_HEADERS = [
  "ETag",
  "Location",
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "Content-Disposition",
  "X-Correlation-Id",
  "Link",
  "X-Continuation-Token",
  "Deprecation",
] as const;

const METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/** Adds the CORS headers of a cross-origin request; answers a preflight (true: the response is sent). */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("vary", "Origin");
  const requestedMethod = req.headers["access-control-request-method"];
  if (req.method === "OPTIONS" && requestedMethod) {
    res.writeHead(204, {
      "access-control-allow-methods": METHODS,
      "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "*"),
      "access-control-max-age": "600",
    });
    res.end();
    return true;
  }
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
  return false;
}
