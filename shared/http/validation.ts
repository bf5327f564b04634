/** zod at the edge: parse a value or throw a ValidationError naming each field and rule. */
import type { z } from "zod";
import { type FieldError, ValidationError } from "../errors.js";

export type Location = "body" | "query" | "path" | "header";

export function toFieldErrors(error: z.ZodError, location: Location): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = path === "" ? location : path;
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    return {
      field,
      in: location,
      rule: missing ? "required" : issue.code,
      message: missing ? "is required" : issue.message,
    } as FieldError;
  });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, location: Location): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, location));
  return result.data;
}

/** Query string to an object: a repeated key becomes an array; single keys stay strings. */
export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}
