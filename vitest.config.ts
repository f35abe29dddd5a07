import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Deadlines for a loaded 2-core CI machine: a test that spawns the CLI twice through tsx
    // took 32 s there. A deadline is only ever reached by a test that is failing anyway.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // End-to-end suites start real servers; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
