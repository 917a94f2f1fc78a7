// The platform adapters `briefbot start` tries, loaded only when their tokens are set (keeps the console start fast).
import type { AdapterFactory } from '../main.ts';
import { autocomplete } from './autocomplete.ts';

export const discordFactory: AdapterFactory = async ({ config, logger, library }) => {
  if (!config.discord) return undefined;
  const { createDiscordAdapter } = await import('../adapters/discord/index.ts');
  return createDiscordAdapter(config.discord, {
    logger: logger.child({ platform: 'discord' }),
    autocomplete: (field, typed) => autocomplete(library(), field, typed),
  });
};

export const slackFactory: AdapterFactory = async ({ config, logger, routes }) => {
  if (!config.slack) return undefined;
  const { createSlackAdapter } = await import('../adapters/slack/index.ts');
  // In HTTP mode Slack's receiver also serves /healthz and /metrics on PORT.
  return createSlackAdapter(config.slack, { logger: logger.child({ platform: 'slack' }), port: config.port, routes });
};

export const platformFactories = { slack: slackFactory, discord: discordFactory };
