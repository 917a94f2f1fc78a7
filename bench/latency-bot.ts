// B1's bot under test, in its own process so the load generator and the fakes never share its event loop.
// Usage: latency-bot.ts <slack|discord> <ours|bare|bare-same> <api url> <port or token>; prints "ready" once it serves.
import { Writable } from 'node:stream';
import { App, HTTPReceiver } from '@slack/bolt';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { createDiscordAdapter } from '../src/adapters/discord/index.ts';
import { replyToEmbeds } from '../src/adapters/discord/render.ts';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import { replyToBlocks } from '../src/adapters/slack/render.ts';
import { autocomplete } from '../src/app/autocomplete.ts';
import { createHandler } from '../src/app/handler.ts';
import { answer } from '../src/core/answers.ts';
import { parseCommand } from '../src/core/questions.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { SIGNING_SECRET, type Variant } from './bot-process.ts';

const [platform, variant, apiUrl, portOrToken] = process.argv.slice(2) as ['slack' | 'discord', Variant, string, string];
const silent = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
const { library } = await loadLibrary('briefings');
const handler = createHandler({ library: () => library!, now: () => new Date(), logger: silent, limits: { perUserPerMinute: 1e9, perChannelPerMinute: 1e9 } });
/** "bare-same": the bare framework sending our answer, computed once; the difference to ours is then our own work. */
const ourReply = (text: string) => answer(parseCommand(text), library!, { asOf: new Date().toISOString().slice(0, 10) });

if (platform === 'slack') {
  const port = Number(portOrToken);
  if (variant === 'ours') {
    const adapter = createSlackAdapter({ botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl, digestAdmins: [] }, { logger: silent, port });
    await adapter.start(handler);
  } else {
    const same = new Map<string, ReturnType<typeof replyToBlocks>>();
    const app = new App({ token: 'xoxb-bench', receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' }), clientOptions: { slackApiUrl: apiUrl } });
    app.command('/brief', async ({ command, ack }) => {
      if (variant === 'bare') return ack('ok');
      if (!same.has(command.text)) same.set(command.text, replyToBlocks(ourReply(command.text)));
      return ack({ response_type: 'ephemeral', ...same.get(command.text)! });
    });
    await app.start(port);
  }
} else {
  const token = portOrToken;
  if (variant === 'ours') {
    const adapter = createDiscordAdapter({ token, apiUrl }, { logger: silent, autocomplete: (f, t) => autocomplete(library!, f, t) });
    await adapter.start(handler);
  } else {
    const same = new Map<string, ReturnType<typeof replyToEmbeds>[number]['embeds']>();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
    client.on(Events.InteractionCreate, (i) => {
      if (!i.isChatInputCommand()) return;
      if (variant === 'bare') return void i.reply('ok');
      const text = `${i.options.getSubcommand()} ${i.options.data[0]?.options?.[0]?.value ?? ''}`;
      if (!same.has(text)) same.set(text, replyToEmbeds(ourReply(text))[0]!.embeds);
      void i.reply({ embeds: same.get(text)!, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(token);
    await ready;
  }
}
process.stdout.write('ready\n');
