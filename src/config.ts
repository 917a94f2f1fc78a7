// The environment, parsed once by one zod schema: loadConfig(env = process.env).
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  BRIEFBOT_BRIEFINGS_DIR: optional,
  BRIEFBOT_DATA_DIR: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BRIEFBOT_DIGEST_POSTS_PER_SECOND: z.coerce.number().positive().max(1000).optional(),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), 'an app-level token starting with xapp-'),
  SLACK_API_URL: optional.refine((v) => v === undefined || URL.canParse(v), 'a URL such as https://slack.com/api/'),
  SLACK_DIGEST_ADMINS: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'a numeric application id'),
  DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'a numeric server (guild) id'),
  DISCORD_API_URL: optional.refine((v) => v === undefined || URL.canParse(v), 'a URL such as https://discord.com/api'),
});

export type SlackConfig = {
  botToken: string;
  /** HTTP mode when set (and no app token). */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  apiUrl?: string;
  digestAdmins: string[];
};

export type DiscordConfig = {
  token: string;
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
};

export type Config = {
  briefingsDir: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  port: number;
  /** Overrides the per-platform digest pacing (posts per second), e.g. behind a proxy with other limits. */
  digestPostsPerSecond?: number;
  slack?: SlackConfig;
  discord?: DiscordConfig;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Every problem at once, one line each, naming the variable and what it expected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  // An empty variable (FOO= in an env file) means "not set", so defaults apply.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '')) as Record<string, string>;
  const parsed = envSchema.safeParse(set);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: expected ${i.message}`);
  if (set.SLACK_BOT_TOKEN && !set.SLACK_SIGNING_SECRET && !set.SLACK_APP_TOKEN) {
    errors.push('SLACK_SIGNING_SECRET: expected the signing secret (HTTP mode) or SLACK_APP_TOKEN (Socket Mode), since SLACK_BOT_TOKEN is set');
  }
  if (!set.SLACK_BOT_TOKEN && (set.SLACK_SIGNING_SECRET || set.SLACK_APP_TOKEN)) {
    errors.push('SLACK_BOT_TOKEN: expected the bot token (xoxb-…), since other SLACK_ variables are set');
  }
  if (!set.DISCORD_TOKEN && (set.DISCORD_APPLICATION_ID || set.DISCORD_GUILD_ID)) {
    errors.push('DISCORD_TOKEN: expected the bot token, since other DISCORD_ variables are set');
  }
  if (!parsed.success || errors.length) return { ok: false, errors };
  const e = parsed.data;
  const slack: SlackConfig | undefined = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        digestAdmins: (e.SLACK_DIGEST_ADMINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      }
    : undefined;
  const discord: DiscordConfig | undefined = e.DISCORD_TOKEN
    ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL }
    : undefined;
  return {
    ok: true,
    config: {
      briefingsDir: e.BRIEFBOT_BRIEFINGS_DIR ?? 'briefings',
      dataDir: e.BRIEFBOT_DATA_DIR ?? 'data',
      logLevel: e.LOG_LEVEL,
      port: e.PORT,
      digestPostsPerSecond: e.BRIEFBOT_DIGEST_POSTS_PER_SECOND,
      slack,
      discord,
    },
  };
}
