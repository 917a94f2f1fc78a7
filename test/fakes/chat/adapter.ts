// An in-memory ChatAdapter: records every post, finds posts by idempotency key, fails channels on demand.
import type { ChatAdapter, Platform, PostedMessage, PostOptions } from '../../../src/adapters/types.ts';
import type { Reply } from '../../../src/core/reply.ts';

export class FakeChatAdapter implements ChatAdapter {
  readonly posts: { channel: string; reply: Reply; key?: string; id: string }[] = [];
  /** Channels whose posts fail with this message. */
  readonly failing = new Map<string, string>();

  constructor(readonly platform: Platform = 'discord') {}

  async start(): Promise<void> {}

  async post(channel: string, reply: Reply, opts?: PostOptions): Promise<PostedMessage> {
    const error = this.failing.get(channel);
    if (error) throw new Error(error);
    const id = `m${this.posts.length + 1}`;
    this.posts.push({ channel, reply, key: opts?.idempotencyKey, id });
    return { channel, id };
  }

  async update(): Promise<void> {}

  async findPosted(channel: string, key: string): Promise<PostedMessage | undefined> {
    const found = this.posts.find((p) => p.channel === channel && p.key === key);
    return found && { channel, id: found.id };
  }

  async stop(): Promise<void> {}

  postsTo(channel: string) {
    return this.posts.filter((p) => p.channel === channel);
  }
}
