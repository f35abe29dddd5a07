/**
 * A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL), for outage tests. `pause()`
 * stops forwarding in both directions while keeping every socket open, as a network that drops
 * packets does (the bytes wait in the kernel, as unacknowledged packets would); `resume()` lets
 * them through again; `destroySockets()` closes every connection at once, as a server restart or
 * a broken link does. New connections made while paused are accepted and held, not forwarded.
 */
import net from "node:net";

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private paused = false;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    return this;
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === "string") throw new Error("the proxy is not listening");
    return address.port;
  }

  /** How many client connections are open through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  pause(): void {
    this.paused = true;
    for (const { client, upstream } of this.pairs) {
      client.pause();
      upstream.pause();
    }
  }

  resume(): void {
    this.paused = false;
    for (const { client, upstream } of this.pairs) {
      client.resume();
      upstream.resume();
    }
  }

  /** Closes every proxied connection, both ends, now. */
  destroySockets(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  async stop(): Promise<void> {
    this.destroySockets();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    // No pipe(): pipe would resume a paused source on 'drain'; forwarding by hand keeps pause() in force.
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => client.write(chunk));
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on("error", close);
      socket.on("close", close);
    }
    if (this.paused) {
      client.pause();
      upstream.pause();
    }
  }
}
