import { BlobServiceClient } from "@azure/storage-blob";
import { setting } from "../config/settings.js";

export type StorageState = "ok" | "unreachable" | "identity-based";

/** Whether AzureWebJobsStorage (the host's storage: timer leases) answers. */
export async function pingStorage(): Promise<StorageState> {
  const connection = setting("AzureWebJobsStorage");
  if (!connection) return "identity-based";
  try {
    await BlobServiceClient.fromConnectionString(connection).getProperties({ abortSignal: AbortSignal.timeout(2000) });
    return "ok";
  } catch {
    return "unreachable";
  }
}
