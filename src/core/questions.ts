// Text → Command: the /brief grammar shared by Slack, the console and mentions, and free-question classification.
// English only: the package's root imports every locale (~200 ms of start-up, against ~50).
import * as chrono from 'chrono-node/en';
import { MAX_INPUT_CHARS, type ActorFocus, type Command } from './command.ts';
import type { Library } from './library.ts';
import { isRealDay } from './model.ts';

/** Parses what follows `/brief` (or a console line, or a mention with the bot's name removed). */
export function parseCommand(input: string): Command {
  const text = input.replace(/\s+/g, ' ').trim().replace(/^\/brief\b\s*/i, '');
  if (text.length > MAX_INPUT_CHARS) {
    return { kind: 'invalid', problem: `That is ${text.length} characters; questions can be at most ${MAX_INPUT_CHARS}.` };
  }
  if (!text) return { kind: 'latest' };
  const [head = '', ...rest] = text.split(' ');
  const arg = rest.join(' ').trim();
  switch (head.toLowerCase()) {
    case 'latest':
    case 'now':
      return { kind: 'latest' };
    case 'actor':
      return arg ? { kind: 'actor', name: arg, focus: 'profile' } : { kind: 'invalid', problem: 'Name an actor, e.g. `actor lavrov`.' };
    case 'topic':
      return arg ? { kind: 'topic', name: arg } : { kind: 'invalid', problem: 'Name a topic, e.g. `topic sanctions`.' };
    case 'timeline':
      return parseTimeline(arg);
    case 'search':
    case 'find':
      return arg ? { kind: 'search', query: arg } : { kind: 'invalid', problem: 'Say what to search for, e.g. `search nord stream`.' };
    case 'sources':
      return { kind: 'sources' };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'ask':
      return arg ? { kind: 'ask', question: arg } : { kind: 'invalid', problem: 'Ask a question, e.g. `ask what has Scholz done?`' };
    case 'digest':
      return parseDigest(arg);
    case 'alerts':
      if (/^(on|off)$/i.test(arg)) return { kind: 'alerts', on: arg.toLowerCase() === 'on' };
      return { kind: 'invalid', problem: 'Use `alerts on` or `alerts off`.' };
    default:
      return { kind: 'ask', question: text };
  }
}

function parseDigest(arg: string): Command {
  const [action = '', ...rest] = arg.split(' ').filter(Boolean);
  switch (action.toLowerCase()) {
    case 'subscribe': {
      let time: string | undefined;
      let zone: string | undefined;
      let announceEmpty = false;
      for (const word of rest) {
        if (/^\d{1,2}:\d{2}$/.test(word)) time = word.padStart(5, '0');
        else if (/^(always|announce-empty|--announce-empty)$/i.test(word)) announceEmpty = true;
        else if (!zone) zone = word;
        else return { kind: 'invalid', problem: 'Use `digest subscribe [HH:MM] [time zone] [always]`, e.g. `digest subscribe 08:00 Europe/Berlin`.' };
      }
      return { kind: 'digest', action: 'subscribe', time, zone, announceEmpty };
    }
    case 'unsubscribe':
    case 'status':
    case 'preview':
      return { kind: 'digest', action: action.toLowerCase() as 'unsubscribe' | 'status' | 'preview' };
    default:
      return { kind: 'invalid', problem: 'Use `digest subscribe [HH:MM] [time zone]`, `digest unsubscribe`, `digest status` or `digest preview`.' };
  }
}

/** A day the user typed ("2022-02-01", "1 Feb 2022", "February 1, 2022"); the year must be given. */
export function parseDay(text: string): string | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}$/.exec(text.trim());
  if (iso) return isRealDay(iso[0]) ? iso[0] : undefined;
  const [result] = chrono.strict.parse(text, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 });
  if (!result || !result.start.isCertain('year') || !result.start.isCertain('day')) return undefined;
  const y = result.start.get('year')!;
  const m = result.start.get('month')!;
  const d = result.start.get('day')!;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseTimeline(arg: string): Command {
  const cleaned = arg.replace(/^(from|since|between)\s+/i, '');
  if (!cleaned) return { kind: 'timeline' };
  const until = /^(until|to|before)\s+(.+)$/i.exec(cleaned);
  if (until) {
    const to = parseDay(until[2]!);
    return to ? { kind: 'timeline', to } : badDates();
  }
  const parts = cleaned.split(/\s+(?:to|until|and|-|–|\.\.)\s+|\s*\.\.\s*/i);
  if (parts.length === 1) {
    // "2022-01-01 2022-02-01": two ISO days side by side.
    const isoPair = cleaned.split(' ');
    if (isoPair.length === 2 && isoPair.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p))) parts.splice(0, 1, ...isoPair);
  }
  const days = parts.map(parseDay);
  if (days.some((d) => !d) || days.length > 2) return badDates();
  const [from, to] = days as string[];
  if (from && to && to < from) return { kind: 'invalid', problem: `The end (${to}) is before the start (${from}).` };
  return { kind: 'timeline', from, to };
}

function badDates(): Command {
  return { kind: 'invalid', problem: 'Give the dates with a year, e.g. `timeline 2022-01-01 2022-02-15` or `timeline from 1 Feb 2022`.' };
}

const ACTOR_QUESTIONS: [RegExp, ActorFocus][] = [
  [/^(?:who|what)\s+(?:is|was|are|were|'s)\s+(.+)$/i, 'profile'],
  [/^who's\s+(.+)$/i, 'profile'],
  [/^(?:tell me|what do you know|what do we know)\s+about\s+(.+)$/i, 'profile'],
  [/^what\s+(?:did|does|has|have)\s+(.+?)\s+(?:say|said|saying|stated?)(?:\s+.*)?$/i, 'said'],
  [/^what\s+(?:did|does|has|have|is)\s+(.+?)\s+(?:do|done|doing|did)(?:\s+.*)?$/i, 'did'],
  [/^(?:quotes?|statements?)\s+(?:from|by)\s+(.+)$/i, 'said'],
];

/** Decides what a free question asks for. Actor questions about unknown names stay actor questions. */
export function classify(question: string, library: Library): Command {
  const q = question.trim().replace(/[?!.]+$/, '').trim();
  if (/^(what'?s|what is)?\s*(the\s+)?(latest|new|news|situation|happening)\b/i.test(q) || /^what'?s new$/i.test(q)) return { kind: 'latest' };
  if (/^(timeline|chronology|what happened( when)?)$/i.test(q)) return { kind: 'timeline' };
  if (/^(sources|what are your sources|where does this come from)$/i.test(q)) return { kind: 'sources' };
  if (/^(help|commands|what can you do)$/i.test(q)) return { kind: 'help' };
  for (const [re, focus] of ACTOR_QUESTIONS) {
    const m = re.exec(q);
    if (!m) continue;
    const subject = m[1]!.trim();
    const topic = library.topicResolver.resolve(subject);
    if (topic && library.actorResolver.resolve(subject).kind !== 'found') return { kind: 'topic', name: topic.name };
    return { kind: 'actor', name: subject, focus };
  }
  const topics = library.topicResolver.mentioned(q);
  const actors = [...new Set(library.actorResolver.mentions(q).flatMap((m) => m.value))];
  if (topics.length === 1 && actors.length === 0) return { kind: 'topic', name: topics[0]!.name };
  if (actors.length === 1 && topics.length === 0) return { kind: 'actor', name: actors[0]!.name, focus: 'profile' };
  const resolved = library.actorResolver.resolve(q);
  if (resolved.kind === 'found' && topics.length === 0 && q.split(' ').length <= 3) return { kind: 'actor', name: resolved.actor.name, focus: 'profile' };
  if (!topics.length && !actors.length && library.topicResolver.resolve(q)) return { kind: 'topic', name: library.topicResolver.resolve(q)!.name };
  return { kind: 'search', query: q };
}
