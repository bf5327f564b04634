import { BlobServiceClient } from "@azure/storage-blob";
import { setting } from "../../kernel/settings.js";

import type { StorageState } from "../../booking/model/ports.js";

/** One client per connection string: building it parses the string and a request pipeline, every time. */
let cached: { connection: string; client: BlobServiceClient } | undefined;

function storageClient(connection: string): BlobServiceClient {
  if (cached?.connection !== connection) cached = { connection, client: BlobServiceClient.fromConnectionString(connection) };
  return cached.client;
}

/** Whether AzureWebJobsStorage (the host's storage: timer leases) answers. */
export async function pingStorage(): Promise<StorageState> {
  const connection = setting("AzureWebJobsStorage");
  if (!connection) return "identity-based";
  try {
    await storageClient(connection).getProperties({ abortSignal: AbortSignal.timeout(2000) });
    return "ok";
  } catch {
    return "unreachable";
  }
}
