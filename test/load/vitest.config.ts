/**
 * The long runs, outside `npm test` (which runs the short ones in test/integration):
 *   npm run test:load    → vitest run --config test/load/vitest.config.ts test/load
 *   npm run test:faults  → vitest run --config test/load/vitest.config.ts test/faults
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "../.."),
  test: {
    include: ["test/load/**/*.run.ts", "test/faults/**/*.run.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
