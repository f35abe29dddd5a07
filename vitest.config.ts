import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end suites start real servers; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
