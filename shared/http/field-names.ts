/**
 * Field names as .NET and JavaScript clients send them: Newtonsoft's default serialiser writes
 * PascalCase ("EmployeeId"), most JavaScript clients camelCase. Keys are matched to the schema's
 * own names case-insensitively, at every depth, before zod parses the value.
 */
import type { z } from "zod";
import { fieldError, ValidationError, type FieldError } from "../errors.js";

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; getter?: () => z.ZodType };

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema that describes the value's shape: wrappers, preprocessing and lazy schemas looked through. */
function core(schema: z.ZodType): z.ZodType {
  for (let s = schema, depth = 0; depth < 20; depth++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in && def.out) s = defOf(def.in).type === "transform" ? def.out : def.in;
    else if (def.type === "lazy" && def.getter) s = def.getter();
    else return s;
  }
  return schema;
}

const lookups = new WeakMap<z.ZodType, Map<string, string>>();

/** The object keys a schema knows, by lower-case name; undefined when it is not an object schema. */
export function knownKeys(schema: z.ZodType): Map<string, string> | undefined {
  const c = core(schema);
  const shape = defOf(c).shape;
  if (defOf(c).type !== "object" || !shape) return undefined;
  let map = lookups.get(c);
  if (!map) {
    map = new Map(Object.keys(shape).map((k) => [k.toLowerCase(), k]));
    lookups.set(c, map);
  }
  return map;
}

/** The field schemas of an object schema (looked through wrappers and preprocessing); {} otherwise. */
export function shapeOf(schema: z.ZodType): Readonly<Record<string, z.ZodType>> {
  const def = defOf(core(schema));
  return def.type === "object" && def.shape ? def.shape : {};
}

function childSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  const shape = shapeOf(schema);
  return Object.hasOwn(shape, key) ? shape[key] : undefined; // not "constructor" of Object.prototype
}

/**
 * A copy of `value` whose object keys carry the schema's spelling. Unknown keys stay as sent (zod
 * drops them); two keys naming the same field ("employeeId" and "EmployeeId") are a 400.
 */
export function canonicalKeys(schema: z.ZodType, value: unknown, path = ""): unknown {
  const c = core(schema);
  const def = defOf(c);
  if (def.type === "array" && def.element && Array.isArray(value)) {
    return value.map((v, i) => canonicalKeys(def.element!, v, `${path}${path ? "." : ""}${i}`));
  }
  const keys = knownKeys(c);
  if (!keys || !value || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  const duplicates: FieldError[] = [];
  for (const [sent, v] of Object.entries(value)) {
    const name = keys.get(sent.toLowerCase()) ?? sent;
    const field = `${path}${path ? "." : ""}${name}`;
    if (Object.hasOwn(out, name)) {
      duplicates.push(fieldError(field, `is given twice, in different letter cases (names match case-insensitively)`, "duplicate"));
      continue;
    }
    const child = childSchema(c, name);
    // an own property, as JSON.parse makes it: "__proto__" must not become the prototype
    Object.defineProperty(out, name, { value: child ? canonicalKeys(child, v, field) : v, enumerable: true, writable: true, configurable: true });
  }
  if (duplicates.length) throw new ValidationError(duplicates);
  return out;
}
