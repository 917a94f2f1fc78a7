import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toEqual({ ok: true, config: { briefingsDir: 'briefings', dataDir: 'data', logLevel: 'info', port: 3000, slack: undefined, discord: undefined } });
  });

  it('treats empty variables as unset', () => {
    const r = loadConfig({ PORT: '', LOG_LEVEL: ' ', SLACK_BOT_TOKEN: '' });
    expect(r.ok && r.config.port).toBe(3000);
  });

  it('turns Slack on in HTTP or Socket Mode, and Discord on with its token', () => {
    const r = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_DIGEST_ADMINS: 'U1, U2', DISCORD_TOKEN: 't', DISCORD_GUILD_ID: '123456' });
    expect(r.ok && r.config.slack).toMatchObject({ appToken: 'xapp-1', digestAdmins: ['U1', 'U2'] });
    expect(r.ok && r.config.discord).toMatchObject({ token: 't', guildId: '123456' });
  });

  it('names every bad or missing variable, one line each, without echoing secrets', () => {
    const r = loadConfig({ SLACK_BOT_TOKEN: 'not-a-token-s3cret', DISCORD_GUILD_ID: 'abc', SLACK_API_URL: 'nope' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.split(':')[0]).sort()).toEqual(['DISCORD_GUILD_ID', 'DISCORD_TOKEN', 'SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(r.errors.join('\n')).not.toContain('s3cret');
  });
});
