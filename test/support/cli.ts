/** Runs the real CLI (`src/cli.ts` through tsx) in a child process on one data folder, with no platform configured. */
import { spawnSync } from "node:child_process";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";

export const ROOT = new URL("../../", import.meta.url).pathname;

/** The CLI's exit code and both streams. */
export function cli(
  dataDir: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "silent",
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads the CLI's store in-process, so a test needs fewer of the slow-to-start CLI processes. */
export async function withStoreAt<T>(dataDir: string, read: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
