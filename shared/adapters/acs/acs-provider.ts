/**
 * Customer e-mail and SMS through Azure Communication Services with the real SDKs:
 * EmailClient.beginSend (202 + Operation-Location, polled until Succeeded) with the message's
 * deterministic Operation-Id, and SmsClient.send. A connection string locally (the dev ACS) or the
 * endpoint with the managed identity in Azure. The SDKs' own retries are off: a throttled or failed
 * send comes back as "retry" and the queue's backoff (honouring Retry-After) tries again later.
 */
import { EmailClient, type EmailMessage } from "@azure/communication-email";
import { SmsClient } from "@azure/communication-sms";
import type { TokenCredential } from "@azure/core-auth";
import type { MessageProvider, OutgoingEmail, OutgoingSms, ProviderOutcome } from "../../messages/ports.js";

export interface AcsOptions {
  connectionString?: string;
  endpoint?: string;
  credential?: TokenCredential;
  emailSender: string;
  smsSender: string;
  /** Extra trusted CAs (tests that run the dev ACS in their own process). */
  ca?: string;
  /** How often the e-mail poller asks for the operation's status. */
  pollIntervalMs?: number;
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

function retryAfterMs(err: RestErrorLike): number | undefined {
  const value = err.response?.headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** A thrown SDK error as an outcome: 429, 5xx and no answer at all are worth another try; other 4xx are not. */
export function outcomeOfError(err: unknown): ProviderOutcome {
  const e = (err ?? {}) as RestErrorLike;
  const status = typeof e.statusCode === "number" ? e.statusCode : null;
  if (status === null || status === 408 || status === 429 || status >= 500)
    return { outcome: "retry", status, retryAfterMs: retryAfterMs(e) };
  return { outcome: "rejected", status, code: e.code ?? "rejected" };
}

export function acsProvider(options: AcsOptions): MessageProvider {
  const clientOptions = { retryOptions: { maxRetries: 0 }, ...(options.ca ? { tlsOptions: { ca: options.ca } } : {}) };
  let email: EmailClient;
  let sms: SmsClient;
  if (options.connectionString) {
    email = new EmailClient(options.connectionString, clientOptions);
    sms = new SmsClient(options.connectionString, clientOptions);
  } else if (options.endpoint && options.credential) {
    email = new EmailClient(options.endpoint, options.credential, clientOptions);
    sms = new SmsClient(options.endpoint, options.credential, clientOptions);
  } else {
    throw new Error("ACS needs a connection string, or an endpoint and a credential");
  }
  return {
    async sendEmail(m: OutgoingEmail): Promise<ProviderOutcome> {
      const message: EmailMessage = {
        senderAddress: options.emailSender,
        content: { subject: m.subject, plainText: m.text, html: m.html },
        recipients: { to: m.to },
        attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, contentInBase64: a.contentBase64 })),
        headers: {
          "x-bookme-meeting-id": m.meetingId,
          // RFC 2369 / RFC 8058: mail clients show an unsubscribe button that POSTs to the opt-out page.
          ...(m.unsubscribeUrl
            ? { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : {}),
        },
      };
      try {
        const poller = await email.beginSend(message, { operationId: m.operationId, updateIntervalInMs: options.pollIntervalMs ?? 500 });
        const result = await poller.pollUntilDone();
        if (result.status === "Succeeded") return { outcome: "sent", providerId: result.id };
        return { outcome: "rejected", status: 200, code: result.error?.code ?? result.status };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
    async sendSms(m: OutgoingSms): Promise<ProviderOutcome> {
      try {
        const [result] = await sms.send(
          { from: options.smsSender, to: [m.to], message: m.text },
          { tag: `meeting:${m.meetingId}/${m.operationId}` },
        );
        if (result?.successful) return { outcome: "sent", providerId: result.messageId ?? m.operationId };
        const status = result?.httpStatusCode ?? 500;
        if (status === 429 || status >= 500) return { outcome: "retry", status };
        return { outcome: "rejected", status, code: "sms_rejected" };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
  };
}
