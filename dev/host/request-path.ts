/**
 * The request target in one canonical form, computed once before any check: the subscription-key
 * check, the rate limits and the router all see the same segments, so `//`, `/./`, `/../`,
 * percent-encoded letters or dots (`%76`, `%2e%2e`), letter case or a trailing slash cannot make the
 * key check look at one path while the router serves another. Each segment is decoded exactly once
 * here (the router must not decode again); an encoded `/` or `\` inside a segment is refused, since
 * it would be one segment to one reader and two to another.
 */
export interface CanonicalPath {
  /** Decoded segments, without empty or "." ones, ".." resolved. */
  segments: string[];
  /** "/" + the segments, each percent-encoded again: what functions and logs see. */
  pathname: string;
  /** "?..." as sent, or "". */
  search: string;
}

export type PathResult = { ok: true; path: CanonicalPath } | { ok: false; detail: string };

// Control characters are no part of any route; refusing them keeps logs and matching plain.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function targetParts(target: string): { rawPath: string; search: string } | null {
  let raw = target;
  if (!raw.startsWith("/")) {
    // absolute-form (a proxy request): only its path and query count
    if (!/^https?:\/\//i.test(raw)) return null;
    const afterAuthority = raw.indexOf("/", raw.indexOf("//") + 2);
    raw = afterAuthority < 0 ? "/" : raw.slice(afterAuthority);
  }
  const q = raw.indexOf("?");
  return q < 0 ? { rawPath: raw, search: "" } : { rawPath: raw.slice(0, q), search: raw.slice(q) };
}

export function canonicalPath(target: string): PathResult {
  const parts = targetParts(target);
  if (!parts) return { ok: false, detail: "the request target must be a path starting with /" };
  const segments: string[] = [];
  for (const raw of parts.rawPath.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, detail: "a path segment is not valid percent-encoding" };
    }
    if (segment.includes("/") || segment.includes("\\"))
      return { ok: false, detail: "an encoded '/' or a '\\' inside a path segment is not accepted" };
    if (CONTROL.test(segment)) return { ok: false, detail: "the path contains a control character" };
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) return { ok: false, detail: "the path climbs above the root" };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { ok: true, path: { segments, pathname: `/${segments.map(encodeURIComponent).join("/")}`, search: parts.search } };
}
