/** The dev ACS's inbox: every accepted e-mail and SMS, newest first, optionally kept in a JSON file across restarts. */
import fs from "node:fs";
import path from "node:path";

export interface InboxAttachment {
  name: string;
  contentType: string;
  contentBase64: string;
}

export interface InboxMessage {
  id: string;
  channel: "email" | "sms";
  from: string;
  to: string[];
  subject: string | null;
  text: string;
  html: string | null;
  attachments: InboxAttachment[];
  sentAt: string;
  /** The meeting it concerns (BookMe's x-bookme-meeting-id header, or the SMS tag's meeting part). */
  meetingId: string | null;
  /** The caller's idempotency key: the e-mail's Operation-Id, the SMS's repeatabilityRequestId. */
  operationId: string;
  /** The e-mail's custom headers as sent (List-Unsubscribe, List-Unsubscribe-Post, x-bookme-meeting-id). */
  headers?: Record<string, string>;
}

export class InboxStore {
  private messages: InboxMessage[] = [];
  private byOperation = new Map<string, InboxMessage>();

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as InboxMessage[];
      for (const m of saved) this.remember(m);
    }
  }

  private remember(m: InboxMessage) {
    this.messages.push(m);
    this.byOperation.set(`${m.channel}:${m.operationId}`, m);
  }

  byOperationId(channel: InboxMessage["channel"], operationId: string): InboxMessage | undefined {
    return this.byOperation.get(`${channel}:${operationId}`);
  }

  add(m: InboxMessage) {
    this.remember(m);
    this.save();
  }

  list(): InboxMessage[] {
    return [...this.messages].reverse();
  }

  get(id: string): InboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear() {
    this.messages = [];
    this.byOperation.clear();
    this.save();
  }

  private save() {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(this.messages));
  }
}
