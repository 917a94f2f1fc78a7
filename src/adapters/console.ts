// The local console: `/brief …` commands and free questions typed in a terminal get the answers a chat user would.
import { createInterface, type Interface } from 'node:readline';
import { parseCommand } from '../core/questions.ts';
import { renderText, type Reply } from '../core/reply.ts';
import type { ChatAdapter, Handler, PostedMessage } from './types.ts';

export type ConsoleOptions = {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Prompt and greeting only make sense in a terminal. */
  interactive: boolean;
  greeting?: string;
};

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private rl?: Interface;
  private posted = new Map<string, PostedMessage>();
  private queue: Promise<void> = Promise.resolve();
  private quitting = false;
  /** Resolves when the input ends (Ctrl-D); used to shut down. */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(private readonly opts: ConsoleOptions) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  async start(handle: Handler): Promise<void> {
    const { input, output, interactive } = this.opts;
    if (this.opts.greeting) output.write(this.opts.greeting + '\n');
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: 'brief> ' });
    this.rl.on('line', (line) => {
      if (/^\s*(exit|quit)\s*$/.test(line)) this.quitting = true;
      // One answer at a time, in the order asked, even when lines arrive faster than answers.
      if (!this.quitting) this.queue = this.queue.then(() => this.answerLine(line, handle));
      else this.rl?.close();
    });
    this.rl.on('close', () => void this.queue.then(() => this.resolveClosed()));
    if (interactive) this.rl.prompt();
  }

  private async answerLine(line: string, handle: Handler): Promise<void> {
    const text = line.trim();
    if (text) {
      try {
        const reply = await handle(parseCommand(text), { platform: 'console', channelId: 'console', userId: 'console', canManageChannel: true });
        this.write(reply);
      } catch (err) {
        this.opts.output.write(`Sorry, that failed: ${(err as Error).message}\n`);
      }
    }
    if (this.opts.interactive && !this.quitting) this.rl?.prompt();
  }

  private write(reply: Reply): void {
    this.opts.output.write('\n' + renderText(reply) + '\n');
  }

  async post(channel: string, reply: Reply, opts?: { idempotencyKey?: string }): Promise<PostedMessage> {
    this.write(reply);
    const message = { channel, id: String(this.posted.size + 1) };
    if (opts?.idempotencyKey) this.posted.set(opts.idempotencyKey, message);
    return message;
  }

  async update(_message: PostedMessage, reply: Reply): Promise<void> {
    this.write(reply);
  }

  async findPosted(_channel: string, key: string): Promise<PostedMessage | undefined> {
    return this.posted.get(key);
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }
}
