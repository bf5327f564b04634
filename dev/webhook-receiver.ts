/**
 * A webhook receiver for tests, the load run and the bench (dev only): a node http server that
 * verifies every delivery with the standardwebhooks reference implementation against the secrets
 * it is told, and answers as the test wants (ok, a status, a hang past the sender's timeout). Listening can stop and start
 * again on the same port (connection refused in between).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Delivery {
  id: string;
  timestamp: number;
  signatures: string[];
  /** Which of the known secrets verified it (by index); empty: none did. */
  verifiedBy: number[];
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  path: string;
  answeredWith: number | "hang";
  receivedAt: number;
}

export type Behaviour = (d: Delivery) => number | "hang" | { status: number; headers: Record<string, string> };

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  secrets: string[] = [];
  behaviour: Behaviour = () => 204;
  private server: http.Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = this.port): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, text: string) {
    const headers = {
      "webhook-id": String(req.headers["webhook-id"] ?? ""),
      "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
      "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
    };
    const verifiedBy = this.secrets.flatMap((s, i) => {
      try {
        new Webhook(s).verify(text, headers);
        return [i];
      } catch {
        return [];
      }
    });
    const d: Delivery = {
      id: headers["webhook-id"],
      timestamp: Number(headers["webhook-timestamp"]),
      signatures: headers["webhook-signature"].split(" "),
      verifiedBy,
      body: JSON.parse(text) as Delivery["body"],
      path: req.url ?? "",
      answeredWith: 0,
      receivedAt: Date.now(),
    };
    const answer = this.behaviour(d);
    this.deliveries.push(d);
    if (answer === "hang") {
      d.answeredWith = "hang";
      return; // never answers; the sender's timeout ends it
    }
    const { status, headers: extra } = typeof answer === "number" ? { status: answer, headers: {} } : answer;
    d.answeredWith = status;
    res.writeHead(status, extra).end();
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  of(eventId: string): Delivery[] {
    return this.deliveries.filter((d) => d.id === eventId);
  }

  async waitFor(check: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(`receiver: condition not met within ${ms} ms (${this.deliveries.length} deliveries so far)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
