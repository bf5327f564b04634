/**
 * The capacity model behind `npm run capacity` (bench/capacity.ts), pure so a test can check it on
 * a small workload: request units per request per container (measured by `npm run bench` from the
 * Server-Timing headers, or the recorded figures in capacity-figures.ts) x a bank's workload ->
 * per container RU/s at mean and peak, the hottest logical partition under the current partition
 * key, physical partitions, storage after N years, and the monthly cost at list prices for
 * serverless, autoscale and manual provisioned throughput. Assumptions: docs/capacity.md.
 */

import { estimateRequestCharge, READ_RU_BY_KB, ruBySize } from "../shared/adapters/cosmos/request-charge-estimate.js";

/** Cosmos DB limits (learn.microsoft.com/azure/cosmos-db/concepts-limits, .../partitioning-overview, .../serverless-performance). */
export const LIMITS = {
  physicalPartitionRuPerSecond: 10_000,
  physicalPartitionGb: 50,
  logicalPartitionGb: 20,
  logicalPartitionRuPerSecond: 10_000,
  serverlessContainerRuPerSecond: 5_000,
  autoscaleMinMaxRuPerSecond: 1_000,
};

/** List prices (USD, pay-as-you-go, one region; see docs/capacity.md for where and when they were read). */
export interface Prices {
  provisionedPer100RuHour: number;
  autoscalePer100RuHour: number;
  serverlessPerMillionRu: number;
  storagePerGbMonth: number;
  date: string;
}
export const LIST_PRICES: Prices = {
  provisionedPer100RuHour: 0.008,
  autoscalePer100RuHour: 0.012,
  serverlessPerMillionRu: 0.25,
  storagePerGbMonth: 0.25,
  date: "2026-12-07",
};

/** RU per request per container, for one kind of request. */
export type RuByContainer = Record<string, number>;

export interface Figures {
  /** Where they come from: a bench results file and its date, or the recorded constants. */
  source: string;
  estimated: boolean;
  /** An availability request as the booking page and the bots send it (a few explicit advisors). */
  availabilityExplicit: RuByContainer;
  /** A branch's availability (~40 advisors x 14 days, rooms). */
  availabilityBranch: RuByContainer;
  /** One booking (POST /meetings). */
  booking: RuByContainer;
  /** The work after a booking: event log, outbox, reminders, webhook deliveries (estimated; no bench row yet). */
  afterBooking: RuByContainer;
}

export interface Workload {
  advisors: number;
  branches: number;
  meetingsPerYear: number;
  /** Availability requests per booking (page and bots). */
  availabilityPerBooking: number;
  /** Share of them that are branch-wide (the rest name a few advisors). */
  branchShare: number;
  /** Peak over the business-hours mean. */
  peakFactor: number;
  /** The Monday morning: this many advisors open BookMe within openWindowMinutes, each sending requestsPerOpen availability-like requests. */
  mondayAdvisors: number;
  openWindowMinutes: number;
  requestsPerOpen: number;
  businessHoursPerMonth: number;
  peakHoursPerMonth: number;
  years: number;
  /** Webhook subscriptions (the bank's integration): deliveries are partitioned by subscription. */
  webhookSubscriptions: number;
  /** Function executions per booking besides the HTTP calls: outbox dispatch, queue deliveries, reminders. */
  backgroundExecutionsPerBooking: number;
  /** Function host instances at the peak: each keeps its own directory lists and refreshes them. */
  hostInstances: number;
  /** Directory lists each instance keeps (employees, rooms). */
  directoryListsPerInstance: number;
  /** Without a directory change a list is refreshed after this long (LIST_MAX_AGE_MS). */
  directoryRefreshSeconds: number;
  /** A list is refetched in full after this long in any case (FULL_REFRESH_MS). */
  directoryFullRefreshSeconds: number;
  /** Directory writes through the API (each moves the version every instance reads). */
  directoryWritesPerHour: number;
  /** Of them, deletes (with "kind-delta" a delta like any write: the deletions document lists them). */
  directoryDeletesPerHour: number;
  /**
   * How a host instance refreshes its directory lists (the container is keyed /kind either way: every
   * employee is in one logical partition): "kind" (before: the whole list is refetched on every
   * version change and every directoryRefreshSeconds) or "kind-delta" (now: a delta query for the
   * documents changed since the newest one seen, deletes removed as the deletions document lists them;
   * a full refetch on start, after an instance missed more deletes than the document keeps, and every
   * directoryFullRefreshSeconds).
   */
  directoryLayout: "kind" | "kind-delta";
}

export const DEFAULT_WORKLOAD: Workload = {
  advisors: 3_000,
  branches: 200,
  meetingsPerYear: 1_500_000,
  availabilityPerBooking: 40,
  branchShare: 0.5,
  peakFactor: 5,
  mondayAdvisors: 2_000,
  openWindowMinutes: 15,
  requestsPerOpen: 3,
  businessHoursPerMonth: 8 * 21.7,
  peakHoursPerMonth: 4 * 4.3,
  years: 3,
  webhookSubscriptions: 1,
  backgroundExecutionsPerBooking: 4,
  hostInstances: 4,
  directoryListsPerInstance: 2,
  directoryRefreshSeconds: 15,
  directoryFullRefreshSeconds: 600,
  directoryWritesPerHour: 6,
  directoryDeletesPerHour: 0.1,
  directoryLayout: "kind-delta",
};

/** The same bank scaled to n advisors (meetings and branches in proportion). */
export function scaled(w: Workload, advisors: number): Workload {
  const f = advisors / w.advisors;
  return {
    ...w,
    advisors,
    branches: Math.round(w.branches * f),
    meetingsPerYear: Math.round(w.meetingsPerYear * f),
    mondayAdvisors: Math.round(w.mondayAdvisors * f),
    hostInstances: Math.ceil(w.hostInstances * f),
    directoryWritesPerHour: w.directoryWritesPerHour * f,
    directoryDeletesPerHour: w.directoryDeletesPerHour * f,
  };
}

/** Mean size of a directory document (an employee with working hours, meeting types, skills). */
export const DIRECTORY_DOC_KB = 2;
/** The deletions document at its cap (DELETIONS_KEPT = 100 entries of ~140 bytes). */
export const DELETIONS_DOC_KB = 14;
const deletionsReadRu = ruBySize(READ_RU_BY_KB, DELETIONS_DOC_KB * 1024);

/** A query page's RU for n directory documents (the one RU estimator). */
function directoryQueryRu(documents: number): number {
  return estimateRequestCharge({
    kind: "query",
    status: 200,
    requestBytes: 0,
    responseBytes: documents * DIRECTORY_DOC_KB * 1024,
    documents,
  });
}

/** One full refetch of a list (1.3 documents per advisor: employees and rooms, counted for each list). */
const fullListRu = (w: Workload) => directoryQueryRu(w.advisors * 1.3);

/**
 * Documents a delta query returns: the newest document(s) it re-reads within the margin (1) plus a
 * list's share of the writes since the previous delta (at most directoryRefreshSeconds apart).
 */
export const deltaDocuments = (w: Workload) =>
  1 + ((w.directoryWritesPerHour / 3600) * w.directoryRefreshSeconds) / w.directoryListsPerInstance;

/**
 * RU per second an instance's directory list refreshes cost at a request rate. A list is refreshed
 * when a request needs it and the version moved or the copy is older than directoryRefreshSeconds
 * (at most once per list and request). "kind": each refresh refetches the whole kind. "kind-delta":
 * each refresh is a delta query (deltaDocuments), a version change also reads the deletions
 * document (DELETIONS_DOC_KB; a delete is removed from the list with it), and a full refetch happens
 * every directoryFullRefreshSeconds (missing more deletes than the document keeps is not modelled).
 */
export function directoryRefreshRuPerSecond(w: Workload, requestsPerSecond: number): number {
  const lists = w.hostInstances * w.directoryListsPerInstance;
  const writesPerSecond = w.directoryWritesPerHour / 3600;
  if (w.directoryLayout === "kind") {
    const refetches = Math.min(lists / w.directoryRefreshSeconds, requestsPerSecond * w.directoryListsPerInstance);
    return refetches * fullListRu(w);
  }
  const deltas = Math.min(lists * (1 / w.directoryRefreshSeconds + writesPerSecond), requestsPerSecond * w.directoryListsPerInstance);
  const deletionReads = lists * writesPerSecond * deletionsReadRu;
  const fullRefetches = lists / w.directoryFullRefreshSeconds;
  return deltas * directoryQueryRu(deltaDocuments(w)) + deletionReads + fullRefetches * fullListRu(w);
}

/** One full refetch of the employee list (what every instance runs at once with "kind" after any change). */
export function directoryListRu(w: Workload): number {
  return directoryQueryRu(w.advisors);
}

/**
 * RU every instance asks of the directory at once after a change (a delete, or any other write). With
 * "kind-delta" a delete costs what any write does: per instance and list the deletions document and a
 * delta query (before the deletions document listed the deletes, every instance refetched in full).
 */
export function directoryBurstRu(w: Workload, _after: "change" | "delete"): number {
  if (w.directoryLayout === "kind") return w.hostInstances * directoryListRu(w);
  // The same after either (the parameter names the table's two columns).
  return w.hostInstances * w.directoryListsPerInstance * (deletionsReadRu + directoryQueryRu(deltaDocuments(w)));
}

type KeyShape = {
  key: string;
  hottestShare: (w: Workload) => number;
  docs: (w: Workload) => number;
  docKb: number;
  retentionDays?: number;
};

/**
 * Per container: its partition key (config/cosmos-containers.json), the share of its RU that lands
 * on the hottest logical partition, and its documents after w.years (count and mean size, assumed).
 */
export const CONTAINERS: Record<string, KeyShape> = {
  directory: {
    key: "/kind",
    // Every employee is in the logical partition "employee" and every request reads the version document in "meta":
    // counted as one partition (an upper bound).
    hottestShare: () => 1,
    docs: (w) => w.advisors * 1.3 + 50,
    docKb: DIRECTORY_DOC_KB,
  },
  schedules: { key: "/id", hottestShare: (w) => 5 / w.advisors, docs: (w) => w.advisors * 1.3 * 12 * w.years, docKb: 4 },
  "external-busy": { key: "/id", hottestShare: (w) => 5 / w.advisors, docs: (w) => w.advisors * 1.3 * 12 * w.years, docKb: 4 },
  meetings: { key: "/id", hottestShare: () => 0, docs: (w) => w.meetingsPerYear * w.years, docKb: 2 },
  audit: { key: "/meetingId", hottestShare: () => 0, docs: (w) => w.meetingsPerYear * w.years * 2, docKb: 1 },
  events: { key: "/id", hottestShare: () => 0, docs: (w) => w.meetingsPerYear * w.years * 2, docKb: 1.5 },
  deliveries: {
    key: "/subscriptionId",
    hottestShare: (w) => 1 / Math.max(1, w.webhookSubscriptions),
    docs: (w) => ((w.meetingsPerYear * 2 * w.webhookSubscriptions) / 365) * 30,
    docKb: 2,
    retentionDays: 30,
  },
  idempotency: { key: "/id", hottestShare: () => 0, docs: (w) => w.meetingsPerYear / 365, docKb: 1, retentionDays: 1 },
  outbox: { key: "/id", hottestShare: () => 0, docs: () => 1_000, docKb: 1.5 },
  intents: { key: "/id", hottestShare: () => 0, docs: () => 1_000, docKb: 1 },
  reservations: { key: "/id", hottestShare: () => 0, docs: () => 10_000, docKb: 1 },
  webhooks: { key: "/id", hottestShare: () => 0, docs: (w) => w.webhookSubscriptions, docKb: 1 },
  "api-keys": { key: "/id", hottestShare: () => 0, docs: () => 100, docKb: 1 },
};

export interface ContainerModel {
  container: string;
  partitionKey: string;
  meanRuPerSecond: number;
  peakRuPerSecond: number;
  hottestLogicalRuPerSecond: number;
  storageGb: number;
  physicalPartitions: number;
  /** Over a limit: logical partition RU/s or storage, serverless container RU/s. */
  overLimit: string[];
  serverlessUsd: number;
  autoscaleUsd: number;
  provisionedUsd: number;
  storageUsd: number;
}

export interface Model {
  workload: Workload;
  rates: { bookingsPerSecondMean: number; availabilityPerSecondMean: number; mondayOpenPerSecond: number };
  containers: ContainerModel[];
  totals: {
    meanRuPerSecond: number;
    peakRuPerSecond: number;
    serverlessUsd: number;
    autoscaleUsd: number;
    provisionedUsd: number;
    storageUsd: number;
    functionExecutionsPerMonth: number;
  };
}

const sumKeys = (...maps: Record<string, unknown>[]) => [...new Set(maps.flatMap((m) => Object.keys(m)))];

export function model(figures: Figures, w: Workload, prices: Prices = LIST_PRICES): Model {
  const businessSecondsPerYear = w.businessHoursPerMonth * 12 * 3600;
  const bookings = w.meetingsPerYear / businessSecondsPerYear;
  const availability = bookings * w.availabilityPerBooking;
  const mondayOpen = (w.mondayAdvisors * w.requestsPerOpen) / (w.openWindowMinutes * 60);
  const names = sumKeys(figures.availabilityBranch, figures.availabilityExplicit, figures.booking, figures.afterBooking, CONTAINERS);
  const containers = names.map((name): ContainerModel => {
    const ru = (m: RuByContainer) => m[name] ?? 0;
    const perAvailability = w.branchShare * ru(figures.availabilityBranch) + (1 - w.branchShare) * ru(figures.availabilityExplicit);
    const refreshMean = name === "directory" ? directoryRefreshRuPerSecond(w, bookings + availability) : 0;
    const refreshPeak = name === "directory" ? directoryRefreshRuPerSecond(w, (bookings + availability) * w.peakFactor + mondayOpen) : 0;
    const perRequest = bookings * (ru(figures.booking) + ru(figures.afterBooking)) + availability * perAvailability;
    const mean = perRequest + refreshMean;
    // The peak: the business-hours mean x peakFactor, plus the Monday opening (explicit availability per advisor).
    const peak = perRequest * w.peakFactor + refreshPeak + mondayOpen * ru(figures.availabilityExplicit);
    const shape = CONTAINERS[name] ?? { key: "?", hottestShare: () => 0, docs: () => 0, docKb: 1 };
    const hottest = peak * shape.hottestShare(w);
    const storageGb = (shape.docs(w) * shape.docKb) / 1024 / 1024;
    const physical = Math.max(1, Math.ceil(peak / LIMITS.physicalPartitionRuPerSecond), Math.ceil(storageGb / LIMITS.physicalPartitionGb));
    const overLimit: string[] = [];
    if (hottest > LIMITS.logicalPartitionRuPerSecond)
      overLimit.push(`hottest logical partition ${Math.round(hottest)} RU/s > ${LIMITS.logicalPartitionRuPerSecond}`);
    if (shape.hottestShare(w) >= 1 && storageGb > LIMITS.logicalPartitionGb)
      overLimit.push(`one logical partition holds ${storageGb.toFixed(1)} GB > ${LIMITS.logicalPartitionGb}`);
    if (name === "directory") {
      const burst = directoryBurstRu(w, "change");
      if (burst > LIMITS.logicalPartitionRuPerSecond)
        overLimit.push(
          `after a directory change ${w.hostInstances} instances read ${Math.round(burst / w.hostInstances)} RU each from one logical partition (${Math.round(burst)} RU in a burst: 429s)`,
        );
    }
    if (peak > LIMITS.serverlessContainerRuPerSecond)
      overLimit.push(`serverless: peak ${Math.round(peak)} RU/s > ${LIMITS.serverlessContainerRuPerSecond} per container`);
    // Serverless: every RU consumed in a month (business hours at the mean, peak hours at the peak).
    const ruPerMonth = mean * 3600 * (w.businessHoursPerMonth - w.peakHoursPerMonth) + peak * 3600 * w.peakHoursPerMonth;
    const serverlessUsd = (ruPerMonth / 1e6) * prices.serverlessPerMillionRu;
    // Autoscale: max = the peak rounded up to 1,000; billed per hour at the highest RU/s that hour, at least 10 % of max.
    const max = Math.max(LIMITS.autoscaleMinMaxRuPerSecond, Math.ceil(peak / 1000) * 1000);
    const floor = max / 10;
    const hours = 730;
    const autoscaleRuHours =
      Math.max(floor, mean) * (w.businessHoursPerMonth - w.peakHoursPerMonth) +
      Math.max(floor, peak) * w.peakHoursPerMonth +
      floor * (hours - w.businessHoursPerMonth);
    const autoscaleUsd = (autoscaleRuHours / 100) * prices.autoscalePer100RuHour;
    // Manual provisioned at the peak (at least 400 RU/s), all month.
    const provisionedUsd = ((Math.max(400, Math.ceil(peak / 100) * 100) * hours) / 100) * prices.provisionedPer100RuHour;
    return {
      container: name,
      partitionKey: shape.key,
      meanRuPerSecond: mean,
      peakRuPerSecond: peak,
      hottestLogicalRuPerSecond: hottest,
      storageGb,
      physicalPartitions: physical,
      overLimit,
      serverlessUsd,
      autoscaleUsd,
      provisionedUsd,
      storageUsd: storageGb * prices.storagePerGbMonth,
    };
  });
  containers.sort((a, b) => b.peakRuPerSecond - a.peakRuPerSecond);
  const total = (f: (c: ContainerModel) => number) => containers.reduce((s, c) => s + f(c), 0);
  const bookingsPerMonth = w.meetingsPerYear / 12;
  return {
    workload: w,
    rates: { bookingsPerSecondMean: bookings, availabilityPerSecondMean: availability, mondayOpenPerSecond: mondayOpen },
    containers,
    totals: {
      meanRuPerSecond: total((c) => c.meanRuPerSecond),
      peakRuPerSecond: total((c) => c.peakRuPerSecond),
      serverlessUsd: total((c) => c.serverlessUsd),
      autoscaleUsd: total((c) => c.autoscaleUsd),
      provisionedUsd: total((c) => c.provisionedUsd),
      storageUsd: total((c) => c.storageUsd),
      functionExecutionsPerMonth: bookingsPerMonth * (1 + w.availabilityPerBooking + w.backgroundExecutionsPerBooking),
    },
  };
}
