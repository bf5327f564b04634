/** The customer-messages queue on Azure Storage. */
import type { QueueServiceClient } from "@azure/storage-queue";
import { CUSTOMER_MESSAGE_QUEUE, type CustomerMessage, type CustomerMessageQueue } from "../../messages/ports.js";
import { jsonQueue } from "./json-queue.js";

export const customerMessageQueue = (queueService: () => QueueServiceClient): CustomerMessageQueue =>
  jsonQueue<CustomerMessage>(queueService, CUSTOMER_MESSAGE_QUEUE);
