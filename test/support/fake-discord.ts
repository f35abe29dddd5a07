/**
 * A fake Discord for end-to-end tests: the gateway (over `ws`) and the REST API (over node:http)
 * on 127.0.0.1, port 0, speaking just enough of the protocol for the real discord.js to log in,
 * receive messages and interactions, reconnect, and send. Every REST request is recorded.
 *
 * It behaves like Discord where our code depends on it: message content is blanked for
 * messages that do not mention the bot unless the MessageContent intent was asked for, an
 * enforced nonce returns the earlier message instead of posting twice, unknown channels answer
 * 404/10003, and failures (403, 429 with retry-after, 5xx) can be injected.
 *
 * See shared/docs/offline-platform-testing.md §4 for what was observed of the real protocol.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** One REST request as the fake received it; `path` is decoded and has no `/api/v10` prefix. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** JSON body; for multipart requests (messages with attachments), the parsed `payload_json`. */
  body: unknown;
  /** The file parts of a multipart request, in order; empty for JSON requests. */
  files: RecordedFile[];
}

/** One uploaded file of a multipart request (`files[n]`), as Discord receives attachments. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A canned failure answered instead of the normal response, `times` times (default once). */
export interface InjectedFailure {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
}

// Gateway intent bits the fake honours.
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_MESSAGE_CONTENT = 1 << 15;

// Permissions: View Channel, Send Messages, Embed Links, Read Message History, Use Application Commands.
const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n)).toString();
const MANAGE_CHANNELS = (1n << 4n).toString();

let snowflakeCounter = 0n;
/** A fresh, increasing snowflake-shaped id. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (1_700_000_000_000_000_000n + snowflakeCounter).toString();
}

/** 2015-01-01, where Discord's snowflake clock starts. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface FakeDiscordOptions {
  /** Gateway heartbeat interval; short so beats (and their acks) happen within a test. */
  heartbeatIntervalMs?: number;
}

export class FakeDiscord {
  readonly applicationId = "1100000000000000001";
  readonly guildId = "1200000000000000001";
  readonly channelId = "1300000000000000001";
  readonly userId = "1400000000000000001";
  readonly moderatorRoleId = "1200000000000000099";
  readonly botUser = {
    id: this.applicationId,
    username: "gdbot",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
    flags: 0,
  };
  readonly user = {
    id: this.userId,
    username: "alice",
    discriminator: "0",
    global_name: "Alice",
    avatar: null,
    flags: 0,
  };
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY payload the gateway received. */
  readonly identifies: { intents: number; token: string }[] = [];
  /** Messages the bot created, by id. */
  readonly messages = new Map<string, Record<string, unknown>>();
  /** Number of RESUMEs answered. */
  resumes = 0;
  /**
   * The fake's clock: channel message ids are snowflakes of it (as Discord's are of its own),
   * which `GET /channels/:id/messages?after=` pages by. Digest tests set it to their clock.
   */
  clock: () => Date = () => new Date();
  private lastMessageId = 0n;

  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ server: this.server });
  private readonly events = new EventEmitter();
  private readonly failures: InjectedFailure[] = [];
  private readonly knownChannels = new Set<string>([this.channelId]);
  private readonly nonces = new Map<string, string>();
  private readonly sockets = new Set<WebSocket>();
  private session: WebSocket | null = null;
  private readonly sessionId = "fake-session-id";
  private seq = 0;
  private intents = 0;
  private pending: string[] = [];
  private readonly heartbeatIntervalMs: number;

  constructor(options: FakeDiscordOptions = {}) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1000;
    this.wss.on("connection", (socket) => this.onConnection(socket));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The REST base URL for `DISCORD_API_URL` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the next matching request(s) fail with the given status and body. */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Requests made from now on can be awaited with `waitForRequest(…, { after: mark })`. */
  mark(): number {
    return this.requests.length;
  }

  /** Resolves with the first request (after `after`) matching `predicate`. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    { after = 0, timeoutMs = 3000 }: { after?: number; timeoutMs?: number } = {},
  ): Promise<RecordedRequest> {
    const found = this.requests.slice(after).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (request: RecordedRequest) => {
        if (!predicate(request)) return;
        clearTimeout(timer);
        this.events.off("request", onRequest);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.events.off("request", onRequest);
        reject(new Error(`No matching request within ${timeoutMs} ms; saw ${this.describeRequests(after)}`));
      }, timeoutMs);
      this.events.on("request", onRequest);
    });
  }

  /** Resolves once a gateway session is open (after IDENTIFY or RESUME). */
  waitForSession(timeoutMs = 5000): Promise<void> {
    if (this.session) return Promise.resolve();
    return this.waitForEvent("session", timeoutMs);
  }

  /** Sends op 7 (Reconnect); resolves when the client has resumed. */
  async reconnect(timeoutMs = 5000): Promise<void> {
    const resumed = this.waitForEvent("resumed", timeoutMs);
    this.session?.send(JSON.stringify({ op: 7, d: null }));
    await resumed;
  }

  /** Sends a dispatch event; while no session is open it is queued and replayed on RESUME, as Discord does. */
  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    if (this.session) this.session.send(frame);
    else this.pending.push(frame);
  }

  /** A user message in the fake channel; returns its id. */
  sendMessage(
    content: string,
    { mentionBot = content.includes(`<@${this.applicationId}>`), roles = [] as string[] } = {},
  ): string {
    const id = snowflake();
    const intentsAllowContent = (this.intents & INTENT_MESSAGE_CONTENT) !== 0;
    // Discord blanks the content of messages that do not mention the bot without the privileged intent.
    const visible = mentionBot || intentsAllowContent;
    if ((this.intents & INTENT_GUILD_MESSAGES) === 0) return id;
    this.dispatch("MESSAGE_CREATE", {
      id,
      type: 0,
      channel_id: this.channelId,
      guild_id: this.guildId,
      channel_type: 0,
      author: this.user,
      member: { roles, joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
      content: visible ? content : "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentionBot ? [this.botUser] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    });
    return id;
  }

  /** A `/gd <subcommand>` interaction (type 2); returns its id and token. */
  sendSlashCommand(
    subcommand: string,
    options: { name: string; type: number; value: string | number }[] = [],
    { group, canManageChannel = false }: { group?: string; canManageChannel?: boolean } = {},
  ): { id: string; token: string } {
    const sub = { name: subcommand, type: 1, options };
    const data = group ? [{ name: group, type: 2, options: [sub] }] : [sub];
    return this.sendInteraction(
      2,
      { id: "1500000000000000001", name: "gd", type: 1, options: data },
      canManageChannel,
    );
  }

  /** An autocomplete interaction (type 4) with `focused` on the named option. */
  sendAutocomplete(subcommand: string, option: string, partial: string): { id: string; token: string } {
    const sub = {
      name: subcommand,
      type: 1,
      options: [{ name: option, type: 3, value: partial, focused: true }],
    };
    return this.sendInteraction(4, { id: "1500000000000000001", name: "gd", type: 1, options: [sub] }, false);
  }

  private sendInteraction(type: number, data: Record<string, unknown>, canManageChannel: boolean) {
    const id = snowflake();
    const token = `fake-interaction-token-${id}`;
    const permissions = canManageChannel
      ? (BigInt(MEMBER_PERMISSIONS) | BigInt(MANAGE_CHANNELS)).toString()
      : MEMBER_PERMISSIONS;
    this.dispatch("INTERACTION_CREATE", {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data: { ...data, guild_id: this.guildId },
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: "en-US", features: [] },
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, name: "general", guild_id: this.guildId },
      member: {
        user: this.user,
        roles: [],
        permissions,
        joined_at: "2024-01-01T00:00:00.000Z",
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: MEMBER_PERMISSIONS,
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": this.guildId },
      context: 0,
      attachment_size_limit: 26214400,
    });
    return { id, token };
  }

  /** Adds a message by someone else to a channel, at the fake's clock; returns its id. */
  addMessage(channelId: string, content: string): string {
    const message = this.createMessage(channelId, { content });
    message.author = this.user;
    return String(message.id);
  }

  /** Forgets every nonce, as Discord does a few minutes after a post. */
  forgetNonces(): void {
    this.nonces.clear();
  }

  /** A snowflake of the fake's clock, later than every message id before it. */
  private messageId(): string {
    const time = (BigInt(this.clock().getTime()) - DISCORD_EPOCH_MS) << 22n;
    this.lastMessageId = time > this.lastMessageId ? time : this.lastMessageId + 1n;
    return this.lastMessageId.toString();
  }

  /**
   * Like Discord's GET with `after`: the `limit` (at most 100) oldest messages after that id,
   * returned newest first. Stored messages keep no nonce.
   */
  private listMessages(channelId: string, query: URLSearchParams): [number, unknown] {
    if (!this.knownChannels.has(channelId)) return [404, { message: "Unknown Channel", code: 10003 }];
    const after = BigInt(query.get("after") ?? "0");
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 50), 1), 100);
    const page = [...this.messages.values()]
      .filter((m) => m.channel_id === channelId && BigInt(String(m.id)) > after)
      .sort((a, b) => (BigInt(String(a.id)) < BigInt(String(b.id)) ? -1 : 1))
      .slice(0, limit)
      .reverse()
      .map(({ nonce: _notKept, ...stored }) => stored);
    return [200, page];
  }

  /** Requests that created a message in a channel (not typing, not interactions). */
  channelMessagePosts(after = 0): RecordedRequest[] {
    return this.requests
      .slice(after)
      .filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));
  }

  private describeRequests(after: number): string {
    const seen = this.requests.slice(after).map((r) => `${r.method} ${r.path}`);
    return seen.length ? seen.join(", ") : "none";
  }

  private waitForEvent(name: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No gateway "${name}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.events.once(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // ---- gateway -----------------------------------------------------------------------------

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (this.session === socket) this.session = null;
    });
    socket.on("message", (raw) => this.onFrame(socket, raw.toString()));
    socket.send(
      JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: this.heartbeatIntervalMs } }),
    );
  }

  private onFrame(socket: WebSocket, text: string): void {
    const frame = JSON.parse(text) as { op: number; d: Record<string, unknown> | number | null };
    const d = (frame.d ?? {}) as Record<string, unknown>;
    switch (frame.op) {
      case 1:
        socket.send(JSON.stringify({ op: 11 }));
        return;
      case 2:
        this.identifies.push({ intents: Number(d.intents), token: String(d.token) });
        this.intents = Number(d.intents);
        this.session = socket;
        this.pending = [];
        this.dispatch("READY", this.readyPayload());
        this.dispatch("GUILD_CREATE", this.guildPayload());
        this.events.emit("session");
        return;
      case 6: {
        if (d.session_id !== this.sessionId) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        this.session = socket;
        const replay = this.pending;
        this.pending = [];
        for (const queued of replay) socket.send(queued);
        this.resumes += 1;
        this.dispatch("RESUMED", {});
        this.events.emit("session");
        this.events.emit("resumed");
        return;
      }
      default:
        return;
    }
  }

  private readyPayload() {
    return {
      v: 10,
      user: this.botUser,
      user_settings: {},
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      session_type: "normal",
      resume_gateway_url: this.wsUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      auth: {},
    };
  }

  private guildPayload() {
    const role = (id: string, name: string, permissions: string, position: number) => ({
      id,
      name,
      permissions,
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    });
    return {
      id: this.guildId,
      name: "Fake Guild",
      icon: null,
      owner_id: "1400000000000000999",
      unavailable: false,
      roles: [
        role(this.guildId, "@everyone", MEMBER_PERMISSIONS, 0),
        role(this.moderatorRoleId, "moderator", MANAGE_CHANNELS, 1),
      ],
      channels: [
        {
          id: this.channelId,
          type: 0,
          name: "general",
          position: 0,
          permission_overwrites: [],
          parent_id: null,
          guild_id: this.guildId,
        },
      ],
      members: [
        {
          user: this.botUser,
          roles: [],
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      member_count: 2,
      joined_at: "2024-01-01T00:00:00.000Z",
      large: false,
      emojis: [],
      stickers: [],
      features: [],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      preferred_locale: "en-US",
      premium_tier: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      system_channel_flags: 0,
    };
  }

  // ---- REST --------------------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const type = req.headers["content-type"] ?? "";
    let body: unknown = null;
    const files: RecordedFile[] = [];
    if (type.startsWith("multipart/form-data")) {
      // Messages with attachments: the JSON in `payload_json`, each file in a `files[n]` part.
      const form = await new Response(raw, { headers: { "content-type": type } }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") {
          if (field === "payload_json") body = JSON.parse(value);
        } else {
          files.push({
            field,
            filename: value.name,
            contentType: value.type,
            bytes: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
    };
    this.requests.push(request);
    this.events.emit("request", request);

    const failure = this.failures.find(
      (f) => (!f.method || f.method === request.method) && f.path.test(path),
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return this.send(
        res,
        failure.status,
        failure.body ?? { message: "injected failure", code: 0 },
        failure.headers,
      );
    }
    const [status, payload] = this.route(request);
    this.send(res, status, payload);
  }

  private send(
    res: http.ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ) {
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    // Without this content type @discordjs/rest hands back an ArrayBuffer (gotcha D2).
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(payload));
  }

  private route(r: RecordedRequest): [number, unknown] {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const on = (method: string, pattern: RegExp) => (r.method === method ? pattern.exec(r.path) : null);
    const unknownChannel: [number, unknown] = [404, { message: "Unknown Channel", code: 10003 }];

    if (on("GET", /^\/gateway\/bot$/)) {
      return [
        200,
        {
          url: this.wsUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      ];
    }
    if (on("GET", /^\/users\/@me$/)) return [200, this.botUser];
    const typing = on("POST", /^\/channels\/(\d+)\/typing$/);
    if (typing) return this.knownChannels.has(typing[1] ?? "") ? [204, null] : unknownChannel;
    const list = on("GET", /^\/channels\/(\d+)\/messages$/);
    if (list) return this.listMessages(list[1] ?? "", r.query);
    const create = on("POST", /^\/channels\/(\d+)\/messages$/);
    if (create) return this.postMessage(create[1] ?? "", body);
    if (on("POST", /^\/interactions\/\d+\/[^/]+\/callback$/)) return [204, null];
    if (on("PATCH", /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) {
      return [200, this.createMessage(this.channelId, body, false)];
    }
    if (on("DELETE", /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return [204, null];
    if (on("POST", /^\/webhooks\/\d+\/[^/]+$/)) return [200, this.createMessage(this.channelId, body, false)];
    const commands = on("PUT", /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (commands && Array.isArray(r.body)) {
      const [, applicationId, guildId] = commands;
      return [
        200,
        (r.body as Record<string, unknown>[]).map((command) => ({
          ...command,
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...(guildId ? { guild_id: guildId } : {}),
          default_member_permissions: command.default_member_permissions ?? null,
          type: command.type ?? 1,
        })),
      ];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  /** Creates a channel message; with `enforce_nonce`, a repeated nonce returns the earlier message. */
  private postMessage(channelId: string, body: Record<string, unknown>): [number, unknown] {
    if (!this.knownChannels.has(channelId)) return [404, { message: "Unknown Channel", code: 10003 }];
    const enforced = body.nonce !== undefined && body.enforce_nonce === true;
    const nonceKey = `${channelId}:${String(body.nonce)}`;
    const earlier = enforced ? this.nonces.get(nonceKey) : undefined;
    if (earlier) return [200, this.messages.get(earlier)];
    const message = this.createMessage(channelId, body);
    if (enforced) this.nonces.set(nonceKey, String(message.id));
    return [200, message];
  }

  private createMessage(
    channelId: string,
    body: Record<string, unknown>,
    keep = true,
  ): Record<string, unknown> {
    const message: Record<string, unknown> = {
      id: this.messageId(),
      type: body.message_reference ? 19 : 0,
      channel_id: channelId,
      author: this.botUser,
      content: typeof body.content === "string" ? body.content : "",
      timestamp: this.clock().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: [],
      pinned: false,
      flags: typeof body.flags === "number" ? body.flags : 0,
      nonce: body.nonce,
      ...(body.message_reference ? { message_reference: body.message_reference } : {}),
    };
    if (keep) this.messages.set(String(message.id), message);
    return message;
  }
}
