/**
 * One page of a query from a client's continuation token. Cosmos tokens are JSON: anything else was
 * not issued by this API (the embedded server would silently restart from the first page), and a
 * token the database refuses is the client's mistake too: both are a 400 naming continuationToken.
 */
import type { Container, FeedOptions, SqlQuerySpec } from "@azure/cosmos";
import { fieldError, isUnavailable, ValidationError } from "../../kernel/errors.js";

const badToken = () => new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export async function queryPage<T>(
  container: Container,
  query: SqlQuerySpec,
  page: { limit: number; continuationToken?: string; partitionKey?: string },
): Promise<{ resources: T[]; continuationToken?: string }> {
  const { limit, continuationToken, partitionKey } = page;
  if (continuationToken !== undefined && !isJson(continuationToken)) throw badToken();
  const options: FeedOptions = { maxItemCount: limit, continuationToken, ...(partitionKey !== undefined ? { partitionKey } : {}) };
  try {
    const res = await container.items.query<T>(query, options).fetchNext();
    return { resources: res.resources, continuationToken: res.continuationToken || undefined };
  } catch (err) {
    if (continuationToken && !isUnavailable(err)) throw badToken();
    throw err;
  }
}
