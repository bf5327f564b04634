import { BlobServiceClient } from "@azure/storage-blob";
import type { StorageState } from "../../booking/model/ports.js";

/** Whether the host's storage (AzureWebJobsStorage: timer leases) answers; its client is made once. */
export function storageProbe(connection: string | undefined): () => Promise<StorageState> {
  if (!connection) return async () => "identity-based";
  let client: BlobServiceClient | undefined;
  return async () => {
    try {
      client ??= BlobServiceClient.fromConnectionString(connection);
      await client.getProperties({ abortSignal: AbortSignal.timeout(2000) });
      return "ok";
    } catch {
      return "unreachable";
    }
  };
}
