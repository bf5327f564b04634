export type ApiVersionName = "v1" | "v2";
