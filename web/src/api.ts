/** The public booking channel (/api/public/booking): JSON in and out, problem+json errors as values. */
export const API = "/api/public/booking";

export interface FieldError {
  field: string;
  message: string;
  rule: string;
}

export interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  alternatives?: Time[];
  retryAfter?: number;
}

export interface Time {
  start: string;
  end: string;
}

export type Result<T> = { ok: true; value: T; status: number } | { ok: false; problem: Problem };

/** The browser could not reach the API, or it answered 5xx/429: the page keeps what was typed and offers a retry. */
export function isOutage(p: Problem): boolean {
  return p.status === 0 || p.status === 429 || p.status >= 500;
}

export async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { status: 0, code: "network_error" } };
  }
  const text = await res.text().catch(() => "");
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return { ok: true, value: parsed as T, status: res.status };
  const p = (parsed ?? {}) as Partial<Problem>;
  const retryAfter = Number(res.headers.get("retry-after") ?? "") || undefined;
  return {
    ok: false,
    problem: { status: res.status, code: p.code ?? "error", detail: p.detail, errors: p.errors, alternatives: p.alternatives, retryAfter },
  };
}

export async function downloadText(path: string, headers: Record<string, string>, filename: string): Promise<boolean> {
  try {
    const res = await fetch(`${API}${path}`, { headers });
    if (!res.ok) return false;
    const url = URL.createObjectURL(new Blob([await res.text()], { type: "text/calendar" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  } catch {
    return false;
  }
}

export const newToken = (): string => crypto.randomUUID();
