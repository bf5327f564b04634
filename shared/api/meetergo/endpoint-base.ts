/** What every meetergo-style endpoint shares: no version prefix, API keys, meetergo's error shape, its own document. */
import { meetergoErrorFormat } from "./errors.js";

export const MEETERGO = {
  versions: ["v2" as const],
  prefix: "",
  permission: "anonymous" as const,
  errorFormat: meetergoErrorFormat,
  facade: "meetergo",
  tags: ["meetergo"],
};
