// A fake Discord REST API on 127.0.0.1: the routes briefbot uses, with recorded requests and 429s on demand.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BOT_USER, CHANNEL_ID, nextSnowflake } from './payloads.ts';
import type { SlidingWindow } from '../window.ts';

export type RecordedRequest = { method: string; path: string; query: URLSearchParams; body: any; authorization?: string };
type Handled = { status: number; body?: unknown; headers?: Record<string, string> };
type StoredMessage = { id: string; channel_id: string; nonce?: string; data: any };

/** Routes under /api/v10, as discord.js's REST client calls them. */
export class FakeRest extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly messages: StoredMessage[] = [];
  private scripted: { method: string; path: RegExp; answer: Handled }[] = [];
  /** Tokens the fake accepts; anything else gets 401. */
  validToken = 'fake-token';
  /** When set, Discord's global limit: more requests than this in one second get a global 429. */
  globalLimit?: SlidingWindow;
  /** Discord drops a repeated nonce sent with enforce_nonce; off, the bot's own ledger alone must prevent duplicates. */
  honourNonce = true;
  gatewayUrl = '';

  /** The next request matching method and path gets a 429 telling the client to wait `retryAfter` seconds. */
  rateLimitNext(method: string, path: RegExp, retryAfter = 0.1): void {
    const headers = { 'retry-after': String(retryAfter), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retryAfter), 'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': 'user' };
    this.failNext(method, path, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, headers);
  }

  /** The next request matching method and path gets this error answer instead. */
  failNext(method: string, path: RegExp, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.scripted.push({ method, path, answer: { status, body, headers } });
  }

  /** Resolves with the first request (already received or still to come) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const check = (r: RecordedRequest) => {
        if (!match(r)) return;
        this.off('request', check);
        resolve(r);
      };
      this.on('request', check);
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v10/, ''),
      query: url.searchParams,
      body: raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : undefined,
      authorization: req.headers.authorization,
    };
    const out = this.route(record);
    this.requests.push(record);
    res.writeHead(out.status, { ...(out.body !== undefined && { 'content-type': 'application/json' }), ...out.headers });
    res.end(out.body === undefined ? undefined : JSON.stringify(out.body));
    this.emit('request', record);
  }

  private route(r: RecordedRequest): Handled {
    const limited = this.limitGlobally(r);
    if (limited) return limited;
    const scripted = this.scripted.findIndex((l) => l.method === r.method && l.path.test(r.path));
    if (scripted >= 0) return this.scripted.splice(scripted, 1)[0]!.answer;
    const interactionRoute = /^\/(interactions|webhooks)\//.test(r.path);
    if (!interactionRoute && r.authorization !== `Bot ${this.validToken}`) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    const m = (re: RegExp) => re.exec(r.path);
    let g: RegExpExecArray | null;
    if (r.method === 'GET' && r.path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (r.method === 'GET' && r.path === '/users/@me') return { status: 200, body: BOT_USER };
    if (r.method === 'GET' && r.path === '/applications/@me') return { status: 200, body: { id: BOT_USER.id, name: 'briefbot', flags: 0 } };
    if (r.method === 'POST' && m(/^\/interactions\/\d+\/[^/]+\/callback$/)) return { status: 204 };
    if (r.method === 'PATCH' && (g = m(/^\/webhooks\/\d+\/[^/]+\/messages\/(%40original|@original)$/))) return { status: 200, body: this.message(CHANNEL_ID, r.body) };
    if (r.method === 'POST' && m(/^\/webhooks\/\d+\/[^/]+$/)) return { status: 200, body: this.message(CHANNEL_ID, r.body) };
    if ((g = m(/^\/channels\/(\d+)\/messages$/))) {
      const channel = g[1]!;
      if (r.method === 'GET') {
        // Like Discord, fetched messages do not carry the nonce they were sent with.
        const recent = this.messages.filter((s) => s.channel_id === channel).reverse().slice(0, Number(r.query.get('limit') ?? 50));
        return { status: 200, body: recent.map((s) => s.data) };
      }
      if (r.method === 'POST') {
        const nonce = r.body?.enforce_nonce && this.honourNonce ? r.body.nonce : undefined;
        const earlier = nonce && this.messages.find((s) => s.channel_id === channel && s.nonce === nonce);
        if (earlier) return { status: 200, body: { ...earlier.data, nonce } };
        const data = this.message(channel, r.body);
        this.messages.push({ id: data.id, channel_id: channel, nonce, data });
        return { status: 200, body: { ...data, nonce: r.body?.nonce } };
      }
    }
    if (r.method === 'PATCH' && (g = m(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const stored = this.messages.find((s) => s.id === g![2]);
      if (!stored) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      stored.data = { ...stored.data, embeds: r.body.embeds ?? stored.data.embeds, edited_timestamp: new Date().toISOString() };
      return { status: 200, body: stored.data };
    }
    if (r.method === 'PUT' && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      return { status: 200, body: (r.body as any[]).map((c) => ({ ...c, id: nextSnowflake(), application_id: BOT_USER.id, version: '1' })) };
    }
    return { status: 404, body: { message: `fake Discord has no route ${r.method} ${r.path}`, code: 0 } };
  }

  /** Interaction callbacks are exempt from the global limit, as on Discord. */
  private limitGlobally(r: RecordedRequest): Handled | undefined {
    if (!this.globalLimit || r.path.startsWith('/interactions/')) return undefined;
    const admitted = this.globalLimit.admit();
    if (admitted.ok) return undefined;
    const { retryAfter } = admitted;
    return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true }, headers: { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' } };
  }

  private message(channel: string, body: any) {
    return {
      id: nextSnowflake(),
      channel_id: channel,
      author: BOT_USER,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      components: [],
      ...(body?.message_reference && { message_reference: body.message_reference }),
    };
  }
}
