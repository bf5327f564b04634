/**
 * The back-office console (web/console, built by Vite into dist/web-console): its files at
 * /console/*, index.html for any path without a file extension. The local host maps /console/*
 * here; in Azure, API Management's console API does (infra/modules/apim-console.bicep).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { problem } from "../../shared/api/edge/problem.js";

const ROOT = fileURLToPath(new URL("../../web-console/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
export const CONSOLE_SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export const consolePage = registerEndpoint({
  name: "console-page",
  prefix: "console",
  method: "GET",
  route: "{*path}",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The back-office console",
  tags: ["Console"],
  params: z.object({ path: z.string().max(300).optional() }),
  responses: { 200: { description: "A file of the console", contentType: "text/html" }, 404: { description: "No such file" } },
  async handle({ params }): Promise<Reply> {
    const wanted = (params.path ?? "").replace(/^\/+/, "");
    const isPageRoute = wanted === "" || !path.extname(wanted);
    if (!isPageRoute && !SAFE_PATH.test(wanted)) return { status: 404, body: problem(404, "not_found", "no such file") };
    const relative = isPageRoute ? "index.html" : wanted;
    const type = TYPES[path.extname(relative)];
    const text = type ? await fs.readFile(path.join(ROOT, relative), "utf8").catch(() => undefined) : undefined;
    if (!type || text === undefined)
      return { status: 404, body: problem(404, "not_found", isPageRoute ? "the console is not built: run npm run build" : "no such file") };
    const cache = wanted.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    return { status: 200, body: text, headers: { "content-type": type, "cache-control": cache, ...CONSOLE_SECURITY_HEADERS } };
  },
});
