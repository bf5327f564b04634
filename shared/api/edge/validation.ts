/** zod at the edge: parse a value or throw a ValidationError naming each field and rule. */
import type { z } from "zod";
import { type FieldError, ValidationError } from "../../kernel/errors.js";

export type Location = "body" | "query" | "path" | "header";

export function toFieldErrors(error: z.ZodError, location: Location): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = path === "" ? location : path;
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    return {
      field,
      in: location,
      rule: missing ? "required" : ((issue as { params?: { rule?: string } }).params?.rule ?? issue.code),
      message: missing ? "is required" : issue.message,
    } as FieldError;
  });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, location: Location): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, location));
  return result.data;
}

/**
 * Query parameters the gateway and the Functions host consume themselves: API Management's
 * subscription-key (removed by the policy) and the Functions key (`code`). Every endpoint accepts them.
 */
export const GATEWAY_QUERY_PARAMETERS = ["subscription-key", "code"] as const;

/** `name[]` (axios, qs with arrayFormat "brackets") and `name[0]` (qs "indices"); `name` alone otherwise. */
const LIST_SUFFIX = /^(.+?)\[(\d*)\]$/;

/**
 * Query string to an object, with the names the endpoint knows: names match case-insensitively,
 * list forms `name=a&name=b`, `name[]=a` and `name[0]=a` all become arrays (commas are split by the
 * list schemas). A name the endpoint does not know is a 400 naming it: an ignored filter returns wrong data.
 */
export function queryToObject(query: URLSearchParams, known: ReadonlyMap<string, string> = new Map()): Record<string, string | string[]> {
  const values = new Map<string, { list: boolean; items: { index: number; value: string }[] }>();
  const unknown: FieldError[] = [];
  let order = 0;
  for (const [sent, value] of query) {
    const suffix = LIST_SUFFIX.exec(sent);
    const base = suffix ? suffix[1] : sent;
    const name = known.get(base.toLowerCase());
    if (!name) {
      if (!(GATEWAY_QUERY_PARAMETERS as readonly string[]).includes(base.toLowerCase()) && !unknown.some((e) => e.field === sent)) {
        unknown.push({
          field: sent,
          in: "query",
          rule: "unknown_parameter",
          message: `is not a parameter of this operation${known.size ? ` (it takes ${[...new Set(known.values())].join(", ")})` : " (it takes none)"}`,
        } as FieldError);
      }
      continue;
    }
    const entry = values.get(name) ?? { list: false, items: [] };
    entry.list ||= !!suffix;
    // indexed items keep their index order; the rest keep the order they were sent in
    entry.items.push({ index: suffix && suffix[2] !== "" ? Number(suffix[2]) : 1e9 + order++, value });
    values.set(name, entry);
  }
  if (unknown.length) throw new ValidationError(unknown);
  const out: Record<string, string | string[]> = {};
  for (const [name, { list, items }] of values) {
    const sorted = items.sort((a, b) => a.index - b.index).map((i) => i.value);
    out[name] = sorted.length === 1 && !list ? sorted[0] : sorted;
  }
  return out;
}
