/**
 * The capacity model behind `npm run capacity` (bench/capacity.ts), pure so a test can check it on
 * a small workload: request units per request per container (measured by `npm run bench` from the
 * Server-Timing headers, or the recorded figures in capacity-figures.ts) x a bank's workload ->
 * per container RU/s at mean and peak, the hottest logical partition under the current partition
 * key, physical partitions, storage after N years, and the monthly cost at list prices for
 * serverless, autoscale and manual provisioned throughput. Assumptions: docs/capacity.md.
 */

import { estimateRequestCharge } from "../shared/adapters/cosmos/request-charge-estimate.js";

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
  /** Function host instances at the peak: each keeps its own directory list and refetches it. */
  hostInstances: number;
  /** Directory lists each instance refetches every directoryRefreshSeconds (employees, rooms). */
  directoryListsPerInstance: number;
  directoryRefreshSeconds: number;
  /**
   * The directory's layout: "kind" (today: /kind, one logical partition holds every employee and a
   * refetch reads them all) or "kind-branch" (a synthetic key kind:branch, a branch's request reads
   * its branch's partition only).
   */
  directoryLayout: "kind" | "kind-branch";
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
  directoryLayout: "kind",
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
  };
}

/** Mean size of a directory document (an employee with working hours, meeting types, skills). */
export const DIRECTORY_DOC_KB = 2;

/**
 * RU per second the directory's list refetches cost at a request rate: an instance refetches a
 * list when a request needs it and its copy is older than directoryRefreshSeconds (at most every
 * list every interval, at most one per request); with /kind a list is the whole kind (1.3
 * documents per advisor: employees and rooms), with kind:branch one branch's.
 */
export function directoryRefreshRuPerSecond(w: Workload, requestsPerSecond: number): number {
  const docsPerList = w.directoryLayout === "kind" ? w.advisors * 1.3 : (w.advisors * 1.3) / w.branches;
  const lists = w.directoryLayout === "kind" ? w.directoryListsPerInstance : w.directoryListsPerInstance * w.branches;
  const perList = estimateRequestCharge({
    kind: "query",
    status: 200,
    requestBytes: 0,
    responseBytes: docsPerList * DIRECTORY_DOC_KB * 1024,
    documents: docsPerList,
  });
  // A list is refetched when a request needs it and the instance's copy is older than the refresh interval.
  const refetchesPerSecond = Math.min(
    (w.hostInstances * lists) / w.directoryRefreshSeconds,
    requestsPerSecond * w.directoryListsPerInstance,
  );
  return refetchesPerSecond * perList;
}

/** One full refetch of the employee list (what every instance runs at once after a directory change). */
export function directoryListRu(w: Workload): number {
  const docs = w.directoryLayout === "kind" ? w.advisors : w.advisors / w.branches;
  return estimateRequestCharge({
    kind: "query",
    status: 200,
    requestBytes: 0,
    responseBytes: docs * DIRECTORY_DOC_KB * 1024,
    documents: docs,
  });
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
    // Today every employee is in the logical partition "employee" and every request reads the version document in "meta".
    hottestShare: (w) => (w.directoryLayout === "kind" ? 1 : 5 / w.branches),
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
      const burst = w.hostInstances * directoryListRu(w);
      if (burst > LIMITS.logicalPartitionRuPerSecond)
        overLimit.push(
          `after a directory change ${w.hostInstances} instances refetch ${Math.round(directoryListRu(w))} RU each from one logical partition (${Math.round(burst)} RU in a burst: 429s)`,
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
