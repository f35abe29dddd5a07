/**
 * A separate process that opens (and so migrates) a store and prints what the migration did.
 * Tests start several at once to check that concurrent start-ups are safe. To make them really
 * overlap, each prints "ready" once loaded and waits for a line on stdin before opening.
 * Usage: node --import tsx test/support/open-store-child.ts '<StoreConfig as JSON>'
 */
import { openStore, type StoreConfig } from "../../src/store/open-store.js";

const config = JSON.parse(process.argv[2] ?? "{}") as StoreConfig;
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
const store = await openStore(config);
process.stdout.write(`${JSON.stringify(store.migration)}\n`);
await store.close();
