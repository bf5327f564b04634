/**
 * A singleton lock held as a blob lease in AzureWebJobsStorage (Azurite locally), as the
 * Functions host does for timer listeners: only the lease holder runs the timer.
 */
import { randomUUID } from "node:crypto";
import { BlobServiceClient, type BlobLeaseClient } from "@azure/storage-blob";

const LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;

export class SingletonLock {
  private lease: BlobLeaseClient | undefined;
  private held = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly leaseId = randomUUID();

  constructor(
    private readonly connectionString: string,
    private readonly blobName: string,
    private readonly onChange: (held: boolean) => void = () => {},
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    const container = BlobServiceClient.fromConnectionString(this.connectionString).getContainerClient("azure-webjobs-hosts");
    await container.createIfNotExists();
    const blob = container.getBlockBlobClient(this.blobName);
    if (!(await blob.exists())) await blob.upload("", 0).catch(() => undefined); // a racing host may hold a lease on it already
    this.lease = blob.getBlobLeaseClient(this.leaseId);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (!this.lease) return;
    try {
      if (this.held) await this.lease.renewLease();
      else await this.lease.acquireLease(LEASE_SECONDS);
      this.set(true);
    } catch {
      this.set(false);
    }
  }

  private set(held: boolean) {
    if (held !== this.held) {
      this.held = held;
      this.onChange(held);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.held && this.lease) await this.lease.releaseLease().catch(() => undefined);
    this.set(false);
  }
}
