// A fake Slack Web API and response_url sink on 127.0.0.1: records calls, answers ok:false or 429 on demand.
import { createHash, createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlidingWindow } from '../window.ts';

export type SlackCall = { method: string; args: Record<string, any>; token?: string };
type Scripted = { method: string; status: number; body: unknown; headers?: Record<string, string> };

export const BOT_USER_ID = 'UBRIEFBOT';
export const TEAM_ID = 'T0001';

/** Form fields as the WebClient sends them: objects and arrays arrive as JSON strings. */
function decode(raw: string, type: string | undefined): Record<string, any> {
  if (type?.includes('json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export class FakeSlack extends EventEmitter {
  readonly calls: SlackCall[] = [];
  readonly responses: { path: string; body: any }[] = [];
  readonly messages: { channel: string; ts: string; args: Record<string, any> }[] = [];
  readonly admins = new Set<string>();
  private scripted: Scripted[] = [];
  /** When set, chat.postMessage beyond this many per second (workspace-wide) gets a 429 with Retry-After. */
  postLimit?: SlidingWindow;
  private server?: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** The Socket Mode connection, once the client opened it. */
  socket?: WebSocket;
  /** Frames the Socket Mode client sent (acknowledgements). */
  readonly socketFrames: any[] = [];
  private ts = 1_644_800_000;
  url = '';

  failNext(method: string, status: number, body: unknown, headers?: Record<string, string>): void {
    this.scripted.push({ method, status, body, headers });
  }

  rateLimitNext(method: string, retryAfterSeconds = 1): void {
    this.failNext(method, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfterSeconds) });
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/respond/')) {
        this.responses.push({ path, body: raw ? JSON.parse(raw) : {} });
        this.emit('response', this.responses.at(-1));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const call: SlackCall = { method, args: decode(raw, req.headers['content-type']), token: req.headers.authorization?.replace(/^Bearer /, '') };
      this.calls.push(call);
      const scripted = this.scripted.findIndex((s) => s.method === method);
      const answer = scripted >= 0 ? this.scripted.splice(scripted, 1)[0]! : (this.limited(method) ?? { status: 200, body: this.route(call), headers: {} });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
      this.emit('call', call);
    });
    this.server.on('upgrade', (req, sock, head) => {
      this.wss.handleUpgrade(req, sock, head, (ws) => {
        this.socket = ws;
        ws.on('message', (data) => {
          this.socketFrames.push(JSON.parse(String(data)));
          this.emit('frame', this.socketFrames.at(-1));
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A123456' } }));
        this.emit('socket');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private limited(method: string): Scripted | undefined {
    if (!this.postLimit || method !== 'chat.postMessage') return undefined;
    const admitted = this.postLimit.admit();
    if (admitted.ok) return undefined;
    return { method, status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(Math.ceil(admitted.retryAfter)) } };
  }

  private route({ method, args }: SlackCall): unknown {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'briefbot', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'BBRIEF' };
      case 'chat.postMessage': {
        const ts = `${++this.ts}.000100`;
        this.messages.push({ channel: args.channel, ts, args });
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.history':
        return {
          ok: true,
          messages: this.messages.filter((m) => m.channel === args.channel).reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.args.text, ...(m.args.metadata && { metadata: m.args.metadata }) })),
          has_more: false,
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/link/?ticket=fake` };
      case 'users.info':
        return { ok: true, user: { id: args.user, is_admin: this.admins.has(args.user), is_owner: false } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  waitFor<T>(event: 'call' | 'response' | 'frame', match: (x: any) => boolean, existing: T[]): Promise<any> {
    const seen = existing.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const check = (x: any) => {
        if (!match(x)) return;
        this.off(event, check);
        resolve(x);
      };
      this.on(event, check);
    });
  }

  waitForCall(method: string, match: (c: SlackCall) => boolean = () => true): Promise<SlackCall> {
    return this.waitFor('call', (c: SlackCall) => c.method === method && match(c), this.calls);
  }

  waitForResponse(path: string): Promise<{ path: string; body: any }> {
    return this.waitFor('response', (r: { path: string }) => r.path === path, this.responses);
  }

  /** Sends a Socket Mode envelope and resolves with the client's acknowledgement. */
  async envelope(type: string, payload: unknown): Promise<any> {
    const id = `env-${Math.random().toString(36).slice(2)}`;
    const ack = this.waitFor('frame', (f: { envelope_id?: string }) => f.envelope_id === id, this.socketFrames);
    this.socket!.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: true, retry_attempt: 0, retry_reason: '' }));
    return ack;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function sign(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** A slash-command request body, with the form fields of Slack's documentation. */
export function slashCommand(text: string, opts: { responseUrl: string; user?: string; channel?: string }): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: TEAM_ID,
    team_domain: 'example',
    enterprise_id: '',
    channel_id: opts.channel ?? 'C2147483705',
    channel_name: 'crisis-desk',
    user_id: opts.user ?? 'U2147483697',
    user_name: 'analyst',
    command: '/brief',
    text,
    api_app_id: 'A123456',
    response_url: opts.responseUrl,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  }).toString();
}

/** The Events API envelope (event_callback) around one event. */
function envelope(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'ZZZZZZWSxiZZZ2yIvs3peJ',
    team_id: TEAM_ID,
    api_app_id: 'A123456',
    event,
    type: 'event_callback',
    event_id: `Ev${createHash('sha1').update(JSON.stringify(event)).digest('hex').slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
  });
}

/** A direct message to the bot (message.im). */
export function directMessage(text: string, opts: { channel?: string; user?: string; ts?: string } = {}): string {
  const ts = opts.ts ?? '1644800555.000400';
  return envelope({ type: 'message', channel_type: 'im', user: opts.user ?? 'U2147483697', text, ts, channel: opts.channel ?? 'D024BE91L', event_ts: ts });
}

/** An app_mention in a channel. */
export function appMention(text: string, opts: { channel?: string; user?: string; ts?: string } = {}): string {
  const ts = opts.ts ?? '1644800123.000200';
  return envelope({ type: 'app_mention', user: opts.user ?? 'U2147483697', text, ts, channel: opts.channel ?? 'C2147483705', event_ts: ts, team: TEAM_ID });
}
