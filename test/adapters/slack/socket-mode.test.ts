// Socket Mode: the real Bolt opens a connection through apps.connections.open on the fake, and answers /brief over it.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import type { ChatAdapter } from '../../../src/adapters/types.ts';
import { answer } from '../../../src/core/answers.ts';
import { createLogger } from '../../../src/log.ts';
import { FakeSlack, TEAM_ID } from '../../fakes/slack/api.ts';
import { shippedLibrary } from '../../helpers/library.ts';

let fake: FakeSlack;
let adapter: ChatAdapter;

beforeAll(async () => {
  const library = await shippedLibrary();
  fake = await new FakeSlack().start();
  adapter = createSlackAdapter(
    { botToken: 'xoxb-socket-bot', appToken: 'xapp-socket-app', apiUrl: `${fake.url}/api/`, digestAdmins: [] },
    { logger: createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })), port: 0 },
  );
  await adapter.start(async (cmd) => answer(cmd, library, { asOf: '2022-03-01' }));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
});

describe('Socket Mode', () => {
  it('opens the connection with the app token, through SLACK_API_URL', async () => {
    const open = await fake.waitForCall('apps.connections.open');
    expect(open.token).toBe('xapp-socket-app');
  });

  it('answers a slash command over the socket, in the acknowledgement', async () => {
    const ack = await fake.envelope('slash_commands', {
      token: 'x',
      team_id: TEAM_ID,
      channel_id: 'C1',
      user_id: 'U1',
      command: '/brief',
      text: 'who is Blinken',
      response_url: `${fake.url}/respond/socket`,
      trigger_id: 't',
    });
    expect(ack.payload.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.payload.blocks)).toContain('Antony Blinken');
  });
});
