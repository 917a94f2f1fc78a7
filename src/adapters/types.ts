// The seam between the platform-free core and the chat platforms.
import type { Command } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';

export type Platform = 'slack' | 'discord' | 'console';

/** Who asked, and where: what the app layer needs beyond the command itself. */
export type RequestContext = {
  platform: Platform;
  /** Channel (or DM) the request came from; the console uses "console". */
  channelId: string;
  userId: string;
  /** Workspace (Slack team) or server (Discord guild), when there is one. */
  workspaceId?: string;
  /** Whether the user may manage this channel's digest (admins, Manage Channels). */
  canManageChannel: boolean;
};

export type Handler = (command: Command, ctx: RequestContext) => Promise<Reply>;

export type PostOptions = {
  /** A stable key for this post (e.g. the digest period), used to find it again after a crash. */
  idempotencyKey?: string;
};

export type PostedMessage = { channel: string; id: string };

export interface ChatAdapter {
  readonly platform: Platform;
  start(handle: Handler): Promise<void>;
  post(channel: string, reply: Reply, opts?: PostOptions): Promise<PostedMessage>;
  update(message: PostedMessage, reply: Reply): Promise<void>;
  /**
   * Finds a message this bot posted earlier with `idempotencyKey` (recent history, nonce…), so a
   * claim left unfinished by a crash can be resolved before anything is re-sent.
   */
  findPosted(channel: string, idempotencyKey: string): Promise<PostedMessage | undefined>;
  stop(): Promise<void>;
}
