/** Customer messages' dependencies from the settings: ACS (connection string, or endpoint + managed identity), the store and the queue. */
import type { Container } from "@azure/cosmos";
import type { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";
import type { MeetingDoc } from "../../booking/model/documents.js";
import type { OutboxEvent } from "../../booking/model/events.js";
import type { DirectoryRepository } from "../../booking/model/ports.js";
import type { MessagesConfig } from "../../kernel/settings.js";
import type { MessagesDeps } from "../../messages/deps.js";
import type { NotificationOutbox } from "../../messages/notification-events.js";
import { parseOffsets } from "../../messages/offsets.js";
import { withOptOuts } from "../../messages/opt-out.js";
import type { Contact } from "../../messages/ports.js";
import { CosmosMessageStore } from "../cosmos/message-repository.js";
import { customerMessageQueue } from "../queues/customer-message-queue.js";
import { acsProvider } from "./acs-provider.js";

export interface MessagesSources {
  container: Container;
  queueService: () => QueueServiceClient;
  events: { get(id: string): Promise<OutboxEvent | undefined> };
  meetings: { get(id: string): Promise<{ meeting: MeetingDoc } | undefined> };
  directory: DirectoryRepository;
  /** The keyed hash of a contact (the privacy subject key): how the opt-out list names it. */
  contactKey?: (contact: Contact) => string;
  /** Where notification.sent / notification.failed go. */
  outbox?: NotificationOutbox;
}

/** Undefined when messages are off (no ACS configured). */
export function messagesDeps(config: MessagesConfig | undefined, sources: MessagesSources): MessagesDeps | undefined {
  if (!config?.enabled) return undefined;
  const provider = acsProvider({
    connectionString: config.connectionString,
    endpoint: config.endpoint,
    credential: config.connectionString
      ? undefined
      : new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId }),
    emailSender: config.emailSender,
    smsSender: config.smsSender,
  });
  const store = new CosmosMessageStore(sources.container);
  const optOuts = sources.contactKey ? { keyOf: sources.contactKey, store } : undefined;
  return {
    store,
    provider: optOuts ? withOptOuts(provider, optOuts) : provider,
    queue: customerMessageQueue(sources.queueService),
    events: sources.events,
    meetings: sources.meetings,
    directory: sources.directory,
    offsets: parseOffsets(config.reminderOffsets),
    links: config.linkBaseUrl && config.linkKey ? { baseUrl: config.linkBaseUrl, key: config.linkKey } : undefined,
    optOuts,
    outbox: sources.outbox,
  };
}
