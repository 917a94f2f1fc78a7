// The /brief application command: its definition (what gets registered) and the mapping of its options to a core Command.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { MAX_INPUT_CHARS, type Command } from '../../core/command.ts';
import { parseDay } from '../../core/questions.ts';

export const COMMAND_NAME = 'brief';
/** Discord allows at most 25 autocomplete choices, each name and value at most 100 characters. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_CHARS = 100;

/** The option that posts a lookup's answer for the whole channel; answers are ephemeral otherwise. */
export const PUBLIC_OPTION = 'public';

export type AutocompleteField = 'actor' | 'topic' | 'zone';

const withPublic = (s: SlashCommandSubcommandBuilder) =>
  s.addBooleanOption((o) => o.setName(PUBLIC_OPTION).setDescription('Post the answer for everyone in the channel (default: only you see it)'));

/** The one definition of the command set; registration and the tests both use it. */
export function briefCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Cited briefings on the US/Russia/Ukraine crisis')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) => withPublic(s.setName('latest').setDescription('The latest situation')))
    .addSubcommand((s) =>
      withPublic(
        s
          .setName('actor')
          .setDescription('Who someone is, what they did and said')
          .addStringOption((o) => o.setName('name').setDescription('A person or body, e.g. Lavrov').setRequired(true).setAutocomplete(true).setMaxLength(MAX_CHOICE_CHARS)),
      ),
    )
    .addSubcommand((s) =>
      withPublic(
        s
          .setName('topic')
          .setDescription('One topic: sanctions, NATO, Nord Stream 2…')
          .addStringOption((o) => o.setName('name').setDescription('A topic, e.g. sanctions').setRequired(true).setAutocomplete(true).setMaxLength(MAX_CHOICE_CHARS)),
      ),
    )
    .addSubcommand((s) =>
      withPublic(
        s
          .setName('timeline')
          .setDescription('Dated developments in order')
          .addStringOption((o) => o.setName('from').setDescription('First day, e.g. 2022-02-01').setMaxLength(40))
          .addStringOption((o) => o.setName('to').setDescription('Last day, e.g. 2022-02-15').setMaxLength(40)),
      ),
    )
    .addSubcommand((s) =>
      withPublic(
        s
          .setName('search')
          .setDescription('Full-text search with snippets')
          .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(MAX_INPUT_CHARS)),
      ),
    )
    .addSubcommand((s) => withPublic(s.setName('sources').setDescription('The articles behind the answers')))
    .addSubcommand((s) =>
      withPublic(
        s
          .setName('ask')
          .setDescription('Ask in your own words, e.g. what has Scholz done?')
          .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_INPUT_CHARS)),
      ),
    )
    .addSubcommand((s) => withPublic(s.setName('help').setDescription('What briefbot can answer')))
    .addSubcommandGroup((g) =>
      g
        .setName('digest')
        .setDescription('The daily digest in this channel')
        .addSubcommand((s) =>
          s
            .setName('subscribe')
            .setDescription('Post the daily digest in this channel')
            .addStringOption((o) => o.setName('time').setDescription('Local time HH:MM, e.g. 08:00').setMaxLength(5))
            .addStringOption((o) => o.setName('zone').setDescription('Time zone, e.g. Europe/Berlin').setAutocomplete(true).setMaxLength(MAX_CHOICE_CHARS))
            .addBooleanOption((o) => o.setName('always').setDescription('Also post on days without news')),
        )
        .addSubcommand((s) => s.setName('unsubscribe').setDescription('Stop the daily digest here'))
        .addSubcommand((s) => s.setName('status').setDescription('When the digest is posted here'))
        .addSubcommand((s) => s.setName('preview').setDescription('Show what the next digest would say')),
    )
    .addSubcommand((s) =>
      s
        .setName('alerts')
        .setDescription('Breaking-news alerts in this channel')
        .addStringOption((o) => o.setName('state').setDescription('on or off').setRequired(true).addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' })),
    )
    .toJSON();
}

/** What the adapter read from an interaction: subcommand group and name, and the option values given. */
export type Invocation = { group?: string | null; subcommand: string; options: Record<string, string | boolean | undefined> };

/** Which autocomplete list an option draws on, or undefined for options without one. */
export function autocompleteField(invocation: Pick<Invocation, 'group' | 'subcommand'>, option: string): AutocompleteField | undefined {
  if (!invocation.group && (invocation.subcommand === 'actor' || invocation.subcommand === 'topic') && option === 'name') return invocation.subcommand;
  if (invocation.group === 'digest' && invocation.subcommand === 'subscribe' && option === 'zone') return 'zone';
  return undefined;
}

/** Maps a /brief invocation to the core's Command; anything unusable becomes `invalid` with a short reason. */
export function toCommand({ group, subcommand, options }: Invocation): Command {
  const text = (name: string, what: string): string | Command => {
    const value = typeof options[name] === 'string' ? (options[name] as string).replace(/\s+/g, ' ').trim() : '';
    if (!value) return { kind: 'invalid', problem: `Give ${what}.` };
    if (value.length > MAX_INPUT_CHARS) return { kind: 'invalid', problem: `That is ${value.length} characters; at most ${MAX_INPUT_CHARS} are read.` };
    return value;
  };
  if (group === 'digest') return digest(subcommand, options);
  if (group) return { kind: 'invalid', problem: `Unknown command group “${group}”.` };
  switch (subcommand) {
    case 'latest':
    case 'sources':
    case 'help':
      return { kind: subcommand };
    case 'actor': {
      const name = text('name', 'a name, e.g. Lavrov');
      return typeof name === 'string' ? { kind: 'actor', name, focus: 'profile' } : name;
    }
    case 'topic': {
      const name = text('name', 'a topic, e.g. sanctions');
      return typeof name === 'string' ? { kind: 'topic', name } : name;
    }
    case 'search': {
      const query = text('query', 'words to search for');
      return typeof query === 'string' ? { kind: 'search', query } : query;
    }
    case 'ask': {
      const question = text('question', 'a question');
      return typeof question === 'string' ? { kind: 'ask', question } : question;
    }
    case 'timeline':
      return timeline(options.from, options.to);
    case 'alerts':
      return options.state === 'on' || options.state === 'off' ? { kind: 'alerts', on: options.state === 'on' } : { kind: 'invalid', problem: 'Choose alerts on or off.' };
    default:
      return { kind: 'invalid', problem: `Unknown subcommand “${subcommand}”; try /brief help.` };
  }
}

function timeline(fromText: unknown, toText: unknown): Command {
  const days: (string | undefined)[] = [];
  for (const value of [fromText, toText]) {
    const typed = typeof value === 'string' ? value.trim() : '';
    if (!typed) {
      days.push(undefined);
      continue;
    }
    const day = typed.length <= 40 ? parseDay(typed) : undefined;
    if (!day) return { kind: 'invalid', problem: 'Give the days with a year, e.g. 2022-02-01 or 1 Feb 2022.' };
    days.push(day);
  }
  const [from, to] = days;
  if (from && to && to < from) return { kind: 'invalid', problem: `The end (${to}) is before the start (${from}).` };
  return { kind: 'timeline', ...(from && { from }), ...(to && { to }) };
}

function digest(action: string, options: Invocation['options']): Command {
  if (action === 'unsubscribe' || action === 'status' || action === 'preview') return { kind: 'digest', action };
  if (action !== 'subscribe') return { kind: 'invalid', problem: `Unknown digest action “${action}”.` };
  const time = typeof options.time === 'string' && options.time.trim() ? options.time.trim() : undefined;
  const clock = time ? /^(\d{1,2}):(\d{2})$/.exec(time) : undefined;
  if (time && (!clock || Number(clock[1]) > 23 || Number(clock[2]) > 59)) return { kind: 'invalid', problem: 'Give the time as HH:MM, e.g. 08:00.' };
  const zone = typeof options.zone === 'string' && options.zone.trim() ? options.zone.trim() : undefined;
  if (zone && !isTimeZone(zone)) return { kind: 'invalid', problem: 'Give a time zone such as Europe/Berlin (pick one from the list).' };
  return {
    kind: 'digest',
    action: 'subscribe',
    ...(time && { time: time.padStart(5, '0') }),
    ...(zone && { zone }),
    announceEmpty: options.always === true,
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
