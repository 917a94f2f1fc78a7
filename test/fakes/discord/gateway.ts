// A fake Discord gateway (plain JSON frames): HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeat ACKs, dispatches, RESUME.
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { BOT_USER, guildCreate, GUILD_ID } from './payloads.ts';

type Frame = { op: number; d: any; s?: number | null; t?: string | null };

export class FakeGateway extends EventEmitter {
  /** Every frame the client sent, in order. */
  readonly received: Frame[] = [];
  readonly sessionId = 'fake-session-1';
  resumeUrl = '';
  heartbeatInterval = 45_000;
  private socket?: WebSocket;
  private seq = 0;
  /** Dispatches sent since the last connection dropped, replayed on RESUME. */
  private missed: Frame[] = [];
  private connected = false;

  accept(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data) => this.onFrame(socket, JSON.parse(String(data)) as Frame));
    socket.on('close', (code) => {
      if (this.socket === socket) this.connected = false;
      this.emit('closed', code);
    });
    this.sendRaw(socket, { op: 10, d: { heartbeat_interval: this.heartbeatInterval }, s: null, t: null });
  }

  /** Pushes an event to the client (buffered while it is disconnected, as Discord does for a resumable session). */
  dispatch(t: string, d: unknown): void {
    const frame = { op: 0, t, d, s: ++this.seq };
    if (this.connected && this.socket) this.sendRaw(this.socket, frame);
    else this.missed.push(frame);
  }

  /** Drops the connection the way a network failure or Discord's "reconnect" close code does. */
  drop(code = 4000): void {
    this.connected = false;
    this.socket?.close(code, 'fake drop');
  }

  /** INVALID_SESSION (op 9): with `resumable` false the client must start a fresh session with IDENTIFY. */
  invalidSession(resumable = false): void {
    if (this.socket) this.sendRaw(this.socket, { op: 9, d: resumable, s: null, t: null });
  }

  /** Resolves with the first frame (received or still to come) with this opcode, after `after` frames. */
  waitForOp(op: number, after = 0): Promise<Frame> {
    const seen = this.received.slice(after).find((f) => f.op === op);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const check = (f: Frame) => {
        if (f.op !== op) return;
        this.off('frame', check);
        resolve(f);
      };
      this.on('frame', check);
    });
  }

  close(): void {
    this.socket?.terminate();
  }

  private onFrame(socket: WebSocket, frame: Frame): void {
    this.received.push(frame);
    if (frame.op === 1) this.sendRaw(socket, { op: 11, d: null, s: null, t: null });
    if (frame.op === 2) {
      this.connected = true;
      this.missed = [];
      this.sendRaw(socket, {
        op: 0,
        t: 'READY',
        s: ++this.seq,
        d: {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: this.sessionId,
          resume_gateway_url: this.resumeUrl,
          shard: [0, 1],
          application: { id: BOT_USER.id, flags: 0 },
          user_settings: {},
          private_channels: [],
          presences: [],
          relationships: [],
          guild_join_requests: [],
        },
      });
      this.dispatch('GUILD_CREATE', guildCreate());
    }
    if (frame.op === 6) {
      this.connected = true;
      const replay = this.missed.filter((f) => (f.s ?? 0) > Number(frame.d.seq));
      this.missed = [];
      for (const f of replay) this.sendRaw(socket, f);
      this.sendRaw(socket, { op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
    }
    this.emit('frame', frame);
  }

  private sendRaw(socket: WebSocket, frame: Frame): void {
    socket.send(JSON.stringify(frame));
  }
}
