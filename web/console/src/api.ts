/** The console's calls: /console/api/{path}?q={query}, through its back end with the signed-in person's token. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export async function api<T>(
  path: string,
  query: Record<string, string> = {},
  init: { method?: string; body?: unknown; ifMatch?: string } = {},
): Promise<{ data: T; etag: string | null }> {
  const q = new URLSearchParams(query).toString();
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.method && init.method !== "GET") headers["x-bookme-console"] = "1";
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.ifMatch) headers["if-match"] = init.ifMatch;
  const res = await fetch(`/console/api/${path}${q ? `?q=${encodeURIComponent(q)}` : ""}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError({ status: res.status, ...(data as object) });
  return { data: data as T, etag: res.headers.get("etag") };
}

export interface Me {
  name: string;
  username: string;
  oid: string;
  roles: string[];
  audience: "staff" | "backoffice";
  /** The advisor the person is (null for the back office), and their branch. */
  employeeId: string | null;
  branch: string | null;
}

export async function me(): Promise<Me | undefined> {
  const res = await fetch("/console/auth/me", { credentials: "same-origin" });
  return res.ok ? ((await res.json()) as Me) : undefined;
}

export async function signOut(): Promise<void> {
  await fetch("/console/auth/logout", { method: "POST", headers: { "x-bookme-console": "1" }, credentials: "same-origin" });
}
