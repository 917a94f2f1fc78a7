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

export const platformFactories = { discord: discordFactory };
