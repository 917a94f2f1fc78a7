// B1 (Slack): correctly signed /brief requests from autocannon to the real Bolt HTTP receiver, ours vs a bare Bolt app.
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { App, HTTPReceiver } from '@slack/bolt';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import { createHandler } from '../src/app/handler.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { FakeSlack, sign, slashCommand } from '../test/fakes/slack/api.ts';
import type { LatencyRun } from './latency-discord.ts';
import { freePort } from '../test/helpers/net.ts';

const SECRET = 'bench-signing-secret';
const silent = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));


async function load(port: number, responseUrl: string, seconds: number, perSecond: number): Promise<LatencyRun> {
  // Signed now: valid for Bolt's 5-minute window, longer than a run.
  const requests = ['actor putin', 'search sanctions'].map((text) => {
    const body = slashCommand(text, { responseUrl });
    return { method: 'POST' as const, path: '/slack/events', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, SECRET) } };
  });
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 10, overallRate: perSecond, duration: seconds, requests });
  if (result.non2xx) throw new Error(`${result.non2xx} requests were not answered 2xx`);
  return { p50: result.latency.p50, p99: result.latency.p99, n: result.requests.total };
}

export async function slackLatency(seconds: number, perSecond: number): Promise<{ ours: LatencyRun; bare: LatencyRun }> {
  const { library } = await loadLibrary('briefings');
  const fake = await new FakeSlack().start();
  const responseUrl = `${fake.url}/respond/bench`;

  const port = await freePort();
  const adapter = createSlackAdapter({ botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: `${fake.url}/api/`, digestAdmins: [] }, { logger: silent, port });
  await adapter.start(createHandler({ library: () => library!, now: () => new Date(), logger: silent, limits: { perUserPerMinute: 1e9, perChannelPerMinute: 1e9 } }));
  await load(port, responseUrl, 2, perSecond);
  const ours = await load(port, responseUrl, seconds, perSecond);
  await adapter.stop();

  const barePort = await freePort();
  const bare = new App({ token: 'xoxb-bench', receiver: new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' }), clientOptions: { slackApiUrl: `${fake.url}/api/` } });
  bare.command('/brief', async ({ ack }) => ack('ok'));
  await bare.start(barePort);
  await load(barePort, responseUrl, 2, perSecond);
  const bareRun = await load(barePort, responseUrl, seconds, perSecond);
  await bare.stop();
  await fake.stop();
  return { ours, bare: bareRun };
}
