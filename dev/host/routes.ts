/**
 * Route templates as the Azure Functions host reads them: literal segments (case-insensitive),
 * {name}, optional {name?}, constraints {name:guid|int|alpha|bool|datetime|regex(...)},
 * catch-all {*name}. The most specific template wins.
 */
type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; optional: boolean; test?: (v: string) => boolean }
  | { kind: "catchAll"; name: string };

export interface CompiledRoute<T> {
  template: string;
  segments: Segment[];
  value: T;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function constraint(spec: string): (v: string) => boolean {
  const regex = /^regex\((.*)\)$/.exec(spec);
  if (regex) {
    const re = new RegExp(regex[1]);
    return (v) => re.test(v);
  }
  switch (spec.toLowerCase()) {
    case "guid":
      return (v) => GUID.test(v);
    case "int":
    case "long":
      return (v) => /^-?\d+$/.test(v);
    case "alpha":
      return (v) => /^[a-z]+$/i.test(v);
    case "bool":
      return (v) => /^(true|false)$/i.test(v);
    case "datetime":
      return (v) => !Number.isNaN(Date.parse(v));
    default:
      throw new Error(`unsupported route constraint '${spec}'`);
  }
}

export function compileRoute<T>(template: string, value: T): CompiledRoute<T> {
  const segments: Segment[] = template
    .split("/")
    .filter((s) => s !== "")
    .map((raw) => {
      const m = /^\{(\*)?([A-Za-z0-9_]+)(\?)?(?::(.+))?\}$/.exec(raw);
      if (!m) return { kind: "literal", text: raw.toLowerCase() };
      if (m[1]) return { kind: "catchAll", name: m[2] };
      return { kind: "param", name: m[2], optional: !!m[3], test: m[4] ? constraint(m[4]) : undefined };
    });
  return { template, segments, value };
}

export interface RouteMatch<T> {
  route: CompiledRoute<T>;
  params: Record<string, string>;
  score: number[];
}

export function matchRoute<T>(route: CompiledRoute<T>, pathSegments: string[]): RouteMatch<T> | null {
  const params: Record<string, string> = {};
  const score: number[] = [];
  let i = 0;
  for (const seg of route.segments) {
    if (seg.kind === "catchAll") {
      params[seg.name] = pathSegments.slice(i).join("/");
      score.push(0);
      return { route, params, score };
    }
    const part = pathSegments[i];
    if (part === undefined) {
      if (seg.kind === "param" && seg.optional) {
        score.push(1);
        continue;
      }
      return null;
    }
    if (seg.kind === "literal") {
      if (part.toLowerCase() !== seg.text) return null;
      score.push(3);
    } else {
      if (seg.test && !seg.test(part)) return null;
      params[seg.name] = part;
      score.push(seg.test ? 2 : 1);
    }
    i++;
  }
  return i === pathSegments.length ? { route, params, score } : null;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Best match among the routes for a path whose segments are still percent-encoded, or null. */
export function bestMatch<T>(routes: CompiledRoute<T>[], path: string): RouteMatch<T> | null {
  const segments = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return bestMatchSegments(routes, segments);
}

/** Best match for segments already decoded (once: the host's canonical path), or null. */
export function bestMatchSegments<T>(routes: CompiledRoute<T>[], segments: string[]): RouteMatch<T> | null {
  let best: RouteMatch<T> | null = null;
  for (const route of routes) {
    const m = matchRoute(route, segments);
    if (m && (!best || compareScores(m.score, best.score) > 0)) best = m;
  }
  return best;
}
