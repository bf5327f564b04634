/**
 * HTTP entity tags for stored documents. Real Cosmos DB etags come quoted, the embedded
 * server's do not: responses always carry a quoted strong tag, and If-Match compares the
 * opaque value whether or not the client kept the quotes (or sent a weak W/ form).
 */
const opaque = (tag: string) =>
  tag
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");

export const httpEtag = (storedEtag: string) => `"${opaque(storedEtag)}"`;

/** If-Match: "*" or a comma-separated list of tags, one of which must be the current one. */
export function ifMatchAllows(ifMatch: string, storedEtag: string): boolean {
  const current = opaque(storedEtag);
  return ifMatch.split(",").some((t) => t.trim() === "*" || opaque(t) === current);
}
