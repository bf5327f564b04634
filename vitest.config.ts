import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Every host's output and the personal values the tests sent go to test-results/run-logs; after the
    // last file the global teardown fails the run if any host log holds one (test/support/logs).
    globalSetup: ["test/support/logs/global-setup.ts"],
    setupFiles: ["test/support/logs/record-requests.ts"],
  },
});
