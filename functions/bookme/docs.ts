import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { NotFoundError } from "../../shared/kernel/errors.js";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { API_TITLE } from "../../shared/api/edge/openapi.js";

/** Swagger UI's files, served from the swagger-ui-dist package (no CDN). */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};

/**
 * The page works at both .../docs and .../docs/ (and .../docs/index.html): the script derives the
 * folder of the assets and the document's URL from its own path, whatever the trailing slash.
 */
const BOOT_SCRIPT = `(function () {
  var docs = location.pathname.replace(/\\/docs(\\/[^/]*)?$/, "/docs/");
  var api = docs.slice(0, -"docs/".length);
  function load(tag, attrs, then) {
    var el = document.createElement(tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (then) el.onload = then;
    document.head.appendChild(el);
  }
  load("link", { rel: "stylesheet", href: docs + "swagger-ui.css" });
  load("script", { src: docs + "swagger-ui-bundle.js" }, function () {
    load("script", { src: docs + "swagger-ui-standalone-preset.js" }, function () {
      // "Try it out" goes to the first server: put the one this page is served from first.
      fetch(api + "openapi.json")
        .then(function (r) { return r.json(); })
        .then(function (spec) {
          var here = api.replace(/\\/$/, "");
          var servers = spec.servers || [];
          var own = servers.filter(function (s) { return s.url === here || s.url === location.origin + here; });
          spec.servers = (own.length ? own : [{ url: here, description: "This host" }]).concat(
            servers.filter(function (s) { return own.indexOf(s) < 0; })
          );
          window.ui = SwaggerUIBundle({
            spec: spec,
            dom_id: "#swagger-ui",
            deepLinking: true,
            presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
            layout: "StandaloneLayout",
          });
        });
    });
  });
})();`;

const SCRIPT_HASH = createHash("sha256").update(BOOT_SCRIPT).digest("base64");

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${API_TITLE}</title>
<script>${BOOT_SCRIPT}</script>
</head>
<body>
<div id="swagger-ui"></div>
<noscript>The API reference needs JavaScript; the raw document is at ../openapi.json.</noscript>
</body>
</html>
`;

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "public, max-age=300",
  "x-content-type-options": "nosniff",
  "content-security-policy": `default-src 'self'; script-src 'self' 'sha256-${SCRIPT_HASH}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https:; frame-ancestors 'none'`,
};

let distDir: string | undefined;
const cache = new Map<string, string>();

function assetText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    distDir ??= path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    text = fs.readFileSync(path.join(distDir, name), "utf8");
    cache.set(name, text);
  }
  return text;
}

export const docs = registerEndpoint({
  name: "docs",
  method: "GET",
  route: "docs",
  versions: ["v2", "v1"],
  permission: "anonymous",
  summary: "API reference (Swagger UI) for this version's OpenAPI document",
  tags: ["Operations"],
  responses: { 200: { description: "The Swagger UI page", contentType: "text/html" } },
  async handle(): Promise<Reply> {
    return { status: 200, body: INDEX_HTML, headers: PAGE_HEADERS };
  },
});

export const docsAssets = registerEndpoint({
  name: "docs-assets",
  method: "GET",
  route: "docs/{asset}",
  versions: ["v2", "v1"],
  permission: "anonymous",
  summary: "The API reference's page (index.html) and its Swagger UI scripts and style sheet",
  tags: ["Operations"],
  params: z.object({ asset: z.string().max(100) }),
  responses: {
    200: { description: "The page (text/html), a script (text/javascript) or the style sheet (text/css)", contentType: "text/*" },
    404: { description: "No such file" },
  },
  async handle({ params }): Promise<Reply> {
    if (params.asset === "index.html") return { status: 200, body: INDEX_HTML, headers: PAGE_HEADERS };
    const contentType = Object.hasOwn(ASSETS, params.asset) ? ASSETS[params.asset] : undefined;
    if (!contentType) throw new NotFoundError("file", params.asset);
    return {
      status: 200,
      body: assetText(params.asset),
      headers: { "content-type": contentType, "cache-control": "public, max-age=86400", "x-content-type-options": "nosniff" },
    };
  },
});
