/**
 * The dev ACS: an Azure Communication Services stand-in over HTTPS (the dev CA in the data folder)
 * for what BookMe calls through the real SDKs: `POST /emails:send` (202 with Operation-Location,
 * then `GET /emails/operations/{id}` answers Succeeded) and `POST /sms`. Every call must be signed
 * with the access key (HMAC-SHA256, as connection-string clients sign). A repeated Operation-Id (or
 * SMS repeatabilityRequestId) is the same operation: no second message. Beside it, a local HTTP
 * inbox (no certificate to accept in the browser): /dev-acs/inbox (HTML), /dev-acs/inbox/messages
 * (JSON, newest first), and admin routes /dev-acs/faults (outages), /dev-acs/latency (a send is
 * accepted, its reply comes that much later: a caller killed meanwhile never hears of it) and /dev-acs/stats.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ensureDevTls } from "../graph/tls.js";
import { AcsFaultSwitch, parseAcsFault } from "./faults.js";
import { InboxStore, type InboxMessage } from "./inbox-store.js";
import { inboxPage } from "./inbox-page.js";
import { checkSignature } from "./signing.js";

/** The dev resource's access key (base64, as ACS keys are): local only, like the dev Graph's client secret. */
export const DEV_ACS_ACCESS_KEY = Buffer.from("bookme-local-dev-acs-access-key-not-a-secret").toString("base64");
export const INBOX_PATH = "/dev-acs/inbox";

export interface DevAcsOptions {
  dataDir: string;
  /** HTTPS port of the ACS API (0: a free one). */
  port: number;
  /** HTTP port of the inbox (0: a free one). */
  inboxPort: number;
  /** Keep the inbox in dataDir/dev-acs/inbox.json across restarts. */
  persist?: boolean;
  log?: (line: string) => void;
}

export interface DevAcs {
  /** https://localhost:PORT */
  endpoint: string;
  connectionString: string;
  /** http://localhost:INBOXPORT/dev-acs/inbox */
  inboxUrl: string;
  caFile: string;
  stop(): Promise<void>;
}

interface Operation {
  id: string;
  polls: number;
}

interface Stats {
  emails: number;
  sms: number;
  duplicates: number;
  rejected: number;
  polls: number;
  faults: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json", ...headers });
  res.end(text);
}

const acsError = (code: string, message: string) => ({ error: { code, message } });
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export async function startDevAcs(options: DevAcsOptions): Promise<DevAcs> {
  const log = options.log ?? (() => undefined);
  const tls = ensureDevTls(options.dataDir);
  const inbox = new InboxStore(options.persist ? path.join(options.dataDir, "dev-acs", "inbox.json") : undefined);
  const faults = new AcsFaultSwitch();
  /** Delay before the reply to an accepted e-mail send (POST /dev-acs/latency {"ms"}): the message is in the inbox already. */
  let latencyMs = 0;
  const operations = new Map<string, Operation>();
  const stats: Stats = { emails: 0, sms: 0, duplicates: 0, rejected: 0, polls: 0, faults: 0 };
  let endpoint = "";

  function acceptEmail(body: Record<string, unknown>, operationId: string): string | undefined {
    const content = (body.content ?? {}) as Record<string, unknown>;
    const recipients = (body.recipients ?? {}) as Record<string, unknown>;
    const to = [...((recipients.to as unknown[]) ?? []), ...((recipients.cc as unknown[]) ?? []), ...((recipients.bcc as unknown[]) ?? [])]
      .map((r) => str((r as Record<string, unknown>)?.address))
      .filter((a): a is string => !!a);
    if (!str(body.senderAddress)) return "senderAddress is required";
    if (!str(content.subject)) return "content.subject is required";
    if (!str(content.plainText) && !str(content.html)) return "content.plainText or content.html is required";
    if (to.length === 0) return "recipients.to needs at least one address";
    const attachments = ((body.attachments as unknown[]) ?? []).map((a) => {
      const x = a as Record<string, unknown>;
      return { name: str(x.name) ?? "", contentType: str(x.contentType) ?? "", contentBase64: str(x.contentInBase64) ?? "" };
    });
    if (attachments.some((a) => !a.name || !a.contentType || !a.contentBase64))
      return "attachments need name, contentType and contentInBase64";
    const headers = (body.headers ?? {}) as Record<string, unknown>;
    inbox.add({
      id: randomUUID(),
      channel: "email",
      from: str(body.senderAddress)!,
      to,
      subject: str(content.subject)!,
      text: str(content.plainText) ?? "",
      html: str(content.html) ?? null,
      attachments,
      sentAt: new Date().toISOString(),
      meetingId: str(headers["x-bookme-meeting-id"]) ?? null,
      operationId,
      headers: Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))),
    });
    stats.emails++;
    return undefined;
  }

  function smsReply(body: Record<string, unknown>) {
    const recipients = (body.smsRecipients as Record<string, unknown>[] | undefined) ?? [];
    const message = str(body.message);
    const from = str(body.from);
    if (!from || !message || recipients.length === 0)
      return { status: 400, body: acsError("BadRequest", "from, message and smsRecipients are required") };
    const tag = str(((body.smsSendOptions ?? {}) as Record<string, unknown>).tag) ?? "";
    const value = recipients.map((r) => {
      const to = str(r.to) ?? "";
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return { to, httpStatusCode: 400, successful: false, errorMessage: "to must be E.164" };
      const operationId = str(r.repeatabilityRequestId) ?? randomUUID();
      const seen = inbox.byOperationId("sms", operationId);
      if (seen) {
        stats.duplicates++;
        return { to, messageId: seen.id, httpStatusCode: 202, repeatabilityResult: "accepted", successful: true };
      }
      const id = `Outgoing_${randomUUID().replaceAll("-", "")}_noam`;
      inbox.add({
        id,
        channel: "sms",
        from,
        to: [to],
        subject: null,
        text: message,
        html: null,
        attachments: [],
        sentAt: new Date().toISOString(),
        meetingId: tag.startsWith("meeting:") ? tag.slice("meeting:".length).split("/")[0] : null,
        operationId,
      });
      stats.sms++;
      return { to, messageId: id, httpStatusCode: 202, repeatabilityResult: "accepted", successful: true };
    });
    return { status: 202, body: { value } };
  }

  async function acsApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) {
    const why = checkSignature(DEV_ACS_ACCESS_KEY, { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: raw });
    if (why) {
      stats.rejected++;
      return send(res, 401, acsError("Denied", `Denied by the dev ACS: ${why}`));
    }
    if (!url.searchParams.get("api-version")) return send(res, 400, acsError("MissingApiVersionParameter", "api-version is required"));
    let body: Record<string, unknown>;
    try {
      body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, acsError("BadRequest", "the body is not JSON"));
    }
    const opMatch = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
    if (opMatch && req.method === "GET") {
      stats.polls++;
      const op = operations.get(decodeURIComponent(opMatch[1]));
      if (!op) return send(res, 404, acsError("NotFound", "no such operation"));
      op.polls++;
      return send(res, 200, { id: op.id, status: "Succeeded" });
    }
    const fault = faults.take();
    if (fault && req.method === "POST") {
      stats.faults++;
      return send(res, fault.status, fault.body, fault.headers);
    }
    if (url.pathname === "/emails:send" && req.method === "POST") {
      const operationId = str(req.headers["operation-id"]) ?? randomUUID();
      const location = `${endpoint}/emails/operations/${encodeURIComponent(operationId)}?api-version=${url.searchParams.get("api-version")}`;
      const headers = { "operation-location": location, "retry-after": "0" };
      if (operations.has(operationId)) {
        stats.duplicates++;
        return send(res, 202, { id: operationId, status: "Running" }, headers);
      }
      const invalid = acceptEmail(body, operationId);
      if (invalid) return send(res, 400, acsError("BadRequest", invalid));
      operations.set(operationId, { id: operationId, polls: 0 });
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      return send(res, 202, { id: operationId, status: "Running" }, headers);
    }
    if (url.pathname === "/sms" && req.method === "POST") {
      const reply = smsReply(body);
      return send(res, reply.status, reply.body);
    }
    return send(res, 404, acsError("NotFound", `no route ${req.method} ${url.pathname}`));
  }

  async function admin(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<boolean> {
    const p = url.pathname.replace(/\/$/, "");
    if (p === INBOX_PATH && req.method === "GET") return (send(res, 200, inboxPage(inbox.list())), true);
    if (p === `${INBOX_PATH}/messages` && req.method === "GET") return (send(res, 200, inbox.list()), true);
    if (p === `${INBOX_PATH}/messages` && req.method === "DELETE") return (inbox.clear(), send(res, 204, undefined), true);
    const att = /^\/dev-acs\/inbox\/messages\/([^/]+)\/attachments\/(\d+)$/.exec(p);
    if (att && req.method === "GET") {
      const a = inbox.get(decodeURIComponent(att[1]))?.attachments[Number(att[2])];
      if (!a) return (send(res, 404, acsError("NotFound", "no such attachment")), true);
      res.writeHead(200, { "content-type": a.contentType, "content-disposition": `attachment; filename="${a.name.replace(/"/g, "")}"` });
      res.end(Buffer.from(a.contentBase64, "base64"));
      return true;
    }
    if (p === "/dev-acs/faults" && req.method === "POST") {
      const spec = parseAcsFault(raw.length ? JSON.parse(raw.toString("utf8")) : {});
      if (typeof spec === "string") return (send(res, 400, acsError("BadRequest", spec)), true);
      faults.set(spec);
      return (send(res, 204, undefined), true);
    }
    if (p === "/dev-acs/latency" && req.method === "POST") {
      const ms = Number((raw.length ? (JSON.parse(raw.toString("utf8")) as { ms?: unknown }) : {}).ms);
      if (!(ms >= 0)) return (send(res, 400, acsError("BadRequest", "ms must be a number >= 0")), true);
      latencyMs = ms;
      return (send(res, 204, undefined), true);
    }
    if (p === "/dev-acs/faults" && req.method === "DELETE") return (faults.clear(), send(res, 204, undefined), true);
    if (p === "/dev-acs/stats" && req.method === "GET") return (send(res, 200, { ...stats, injected: faults.injected }), true);
    return false;
  }

  const handler = (api: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? "/", "https://localhost");
      if (url.pathname.startsWith("/dev-acs/")) {
        if (await admin(req, res, url, raw)) return;
        return send(res, 404, acsError("NotFound", "no such dev ACS route"));
      }
      if (!api) return send(res, 404, acsError("NotFound", "the ACS API is on the HTTPS port"));
      await acsApi(req, res, url, raw);
    })().catch((err: unknown) => {
      log(`dev ACS error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, acsError("InternalError", "dev ACS failed"));
    });
  };

  const server = https.createServer({ key: tls.key, cert: tls.cert }, handler(true));
  const inboxServer = http.createServer(handler(false));
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => inboxServer.listen(options.inboxPort, "127.0.0.1", resolve));
  endpoint = `https://localhost:${(server.address() as AddressInfo).port}`;
  const inboxUrl = `http://localhost:${(inboxServer.address() as AddressInfo).port}${INBOX_PATH}`;
  return {
    endpoint,
    connectionString: `endpoint=${endpoint}/;accesskey=${DEV_ACS_ACCESS_KEY}`,
    inboxUrl,
    caFile: tls.caFile,
    async stop() {
      await Promise.all([server, inboxServer].map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
    },
  };
}

export type { InboxMessage };
