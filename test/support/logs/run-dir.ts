/**
 * Where one test run collects what the log check needs (test-results/run-logs, made fresh by the
 * global setup): every host process's output (dev/stack.ts writes host-*.log when BOOKME_RUN_LOG_DIR
 * is set) and the personal values the tests sent (values-<pid>.jsonl, see personal-values.ts).
 */
import path from "node:path";

export const RUN_LOG_DIR_ENV = "BOOKME_RUN_LOG_DIR";
export const DEFAULT_RUN_LOG_DIR = path.resolve(import.meta.dirname, "../../../test-results/run-logs");
export const runLogDir = (): string | undefined => process.env[RUN_LOG_DIR_ENV] || undefined;
