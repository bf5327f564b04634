/**
 * The house's import rules, checked by `npm test` (npm run deps). Folders of shared/, bottom up:
 *   slots      the slot engine: pure, imports nothing of the project
 *   kernel     errors, instants, clock, settings, field schemas
 *   directory  the entities (employees, rooms, topics, meeting types, clients, links, keys)
 *   booking    model <- access <- write <- queries <- commands
 *   crypto, ical, events, calendar   features on top of booking's model
 *   messages   customer e-mail and SMS: on top of events and ical
 *   privacy    the personal data lifecycle (subject index, export, erasure, retention): on top of booking
 *   adapters   Cosmos, queues, Graph, webhook sender, Key Vault: implement the ports
 *   api        the edge: endpoint, V1/V2, the page's back end, bots, meetergo
 *   app        the composition root: builds every adapter once
 * functions/ registers endpoints and triggers through app and api.
 */
const layer = (name, from, allowed) => ({
  name,
  severity: "error",
  comment: `${from} may import only ${allowed.join(", ")}`,
  from: { path: `^${from}/` },
  to: { path: "^(functions|shared|dev|bench|test)/", pathNot: [`^${from}/`, ...allowed.map((a) => `^${a}/`)] },
});
const shared = (n) => `shared/${n}`;
const BOTTOM = ["slots", "kernel"].map(shared);
const DIRECTORY = [...BOTTOM, shared("directory")];
const MODEL = [...DIRECTORY, shared("booking/model")];
const DOMAIN = [
  ...DIRECTORY,
  shared("booking"),
  shared("events"),
  shared("calendar"),
  shared("crypto"),
  shared("privacy"),
  shared("ical"),
  shared("messages"),
];

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "no import cycles, between files or folders", from: {}, to: { circular: true } },
    layer("slots", shared("slots"), []),
    layer("kernel", shared("kernel"), [shared("slots")]),
    layer("directory", shared("directory"), BOTTOM),
    layer("booking-model", shared("booking/model"), DIRECTORY),
    layer("booking-access", shared("booking/access"), MODEL),
    layer("booking-write", shared("booking/write"), [...MODEL, shared("booking/access")]),
    layer("booking-queries", shared("booking/queries"), [...MODEL, shared("booking/access"), shared("booking/write")]),
    layer("booking-commands", shared("booking/commands"), [
      ...MODEL,
      shared("booking/access"),
      shared("booking/write"),
      shared("booking/queries"),
    ]),
    layer("crypto", shared("crypto"), MODEL),
    layer("ical", shared("ical"), MODEL),
    layer("events", shared("events"), MODEL),
    layer("calendar", shared("calendar"), [...MODEL, shared("events")]),
    layer("messages", shared("messages"), [...MODEL, shared("events"), shared("ical")]),
    layer("privacy", shared("privacy"), [...DIRECTORY, shared("booking")]),
    layer("adapters", shared("adapters"), DOMAIN),
    layer("api", shared("api"), DOMAIN),
    layer("app", shared("app"), [...DOMAIN, shared("adapters"), shared("api")]),
    layer("functions", "functions", [shared("app"), shared("api"), ...DOMAIN]),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
