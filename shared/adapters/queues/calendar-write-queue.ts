/** The calendar-writes queue on Azure Storage. */
import type { QueueServiceClient } from "@azure/storage-queue";
import { CALENDAR_WRITE_QUEUE, type CalendarWriteMessage, type CalendarWriteQueue } from "../../calendar/write-queue.js";
import { jsonQueue } from "./json-queue.js";

export const calendarWriteQueue = (queueService: () => QueueServiceClient): CalendarWriteQueue =>
  jsonQueue<CalendarWriteMessage>(queueService, CALENDAR_WRITE_QUEUE);
