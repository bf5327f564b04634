/**
 * Field names as .NET and JavaScript clients send them: Newtonsoft's default serialiser writes
 * PascalCase ("EmployeeId"), most JavaScript clients camelCase. Keys are matched to the schema's
 * own names case-insensitively, at every depth, before zod parses the value.
 */
import type { z } from "zod";
import { fieldError, ValidationError, type FieldError } from "../../kernel/errors.js";

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  getter?: () => z.ZodType;
};

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

/** How to walk a value of one schema, worked out once per schema (this runs on every request body). */
type Plan =
  | { kind: "object"; keys: Map<string, string>; children: Record<string, z.ZodType> }
  | { kind: "array"; element: z.ZodType }
  | { kind: "leaf" };
const plans = new WeakMap<z.ZodType, Plan>();

function planOf(schema: z.ZodType): Plan {
  let plan = plans.get(schema);
  if (plan) return plan;
  const c = core(schema);
  const def = defOf(c);
  const keys = knownKeys(c);
  if (def.type === "array" && def.element) plan = { kind: "array", element: def.element };
  else if (keys) plan = { kind: "object", keys, children: shapeOf(c) };
  else plan = { kind: "leaf" };
  plans.set(schema, plan);
  return plan;
}

/**
 * A copy of `value` whose object keys carry the schema's spelling. Unknown keys stay as sent (zod
 * drops them); two keys naming the same field ("employeeId" and "EmployeeId") are a 400.
 */
export function canonicalKeys(schema: z.ZodType, value: unknown, path = ""): unknown {
  const plan = planOf(schema);
  if (plan.kind === "array")
    return Array.isArray(value) ? value.map((v, i) => canonicalKeys(plan.element, v, `${path}${path ? "." : ""}${i}`)) : value;
  if (plan.kind === "leaf" || !value || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  const duplicates: FieldError[] = [];
  for (const sent of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[sent];
    const name = plan.keys.get(sent.toLowerCase()) ?? sent;
    if (Object.hasOwn(out, name)) {
      duplicates.push(
        fieldError(
          `${path}${path ? "." : ""}${name}`,
          "is given twice, in different letter cases (names match case-insensitively)",
          "duplicate",
        ),
      );
      continue;
    }
    // not "constructor" of Object.prototype; and "__proto__" an own property, as JSON.parse makes it
    const child = Object.hasOwn(plan.children, name) ? plan.children[name] : undefined;
    const mapped = child && v !== null && typeof v === "object" ? canonicalKeys(child, v, `${path}${path ? "." : ""}${name}`) : v;
    if (name === "__proto__") Object.defineProperty(out, name, { value: mapped, enumerable: true, writable: true, configurable: true });
    else out[name] = mapped;
  }
  if (duplicates.length) throw new ValidationError(duplicates);
  return out;
}
