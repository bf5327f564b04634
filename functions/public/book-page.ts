/**
 * The customer booking page (web/, built by Vite into dist/web): its files at /api/book/*, with
 * index.html for any path without a file extension (/book/manage/{id} is a page route). The local
 * host maps /book/* here; in Azure, API Management's booking-page API does (infra/modules/apim-public-booking.bicep).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { problem } from "../../shared/api/edge/problem.js";

// dist/functions/public/book-page.js -> dist/web/
const ROOT = fileURLToPath(new URL("../../web/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
/** A strict file-name shape: no "..", no backslashes, no hidden files. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

async function readPageFile(relative: string): Promise<{ text: string; type: string } | undefined> {
  const type = TYPES[path.extname(relative)];
  if (!type) return undefined;
  try {
    return { text: await fs.readFile(path.join(ROOT, relative), "utf8"), type };
  } catch {
    return undefined;
  }
}

export const bookPage = registerEndpoint({
  name: "book-page",
  prefix: "book",
  method: "GET",
  route: "{*path}",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The customer booking page",
  tags: ["Public booking"],
  params: z.object({ path: z.string().max(300).optional() }),
  // The page's deep link (a waitlist offer's, web/src/waitlist.ts): read by the page's script, not here.
  query: z.object(
    Object.fromEntries(
      ["customerTypeId", "topicId", "meetingType", "branch", "at", "meetingTypeId", "link"].map((k) => [k, z.string().max(200).optional()]),
    ),
  ),
  responses: { 200: { description: "A file of the page", contentType: "text/html" }, 404: { description: "No such file" } },
  async handle({ params }): Promise<Reply> {
    const wanted = (params.path ?? "").replace(/^\/+/, "");
    const isPageRoute = wanted === "" || !path.extname(wanted);
    if (!isPageRoute && !SAFE_PATH.test(wanted)) return { status: 404, body: problem(404, "not_found", "no such file") };
    const file = await readPageFile(isPageRoute ? "index.html" : wanted);
    if (!file)
      return {
        status: 404,
        body: problem(404, "not_found", isPageRoute ? "the booking page is not built: run npm run build" : "no such file"),
      };
    // Hashed assets never change; the page itself is revalidated so a deploy shows at once.
    const cache = wanted.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    return { status: 200, body: file.text, headers: { "content-type": file.type, "cache-control": cache, ...SECURITY_HEADERS } };
  },
});
