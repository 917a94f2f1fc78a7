// Autocomplete choices from the library (actors by any alias, topics) and from the IANA time-zone list.
import type { Library } from '../core/library.ts';
import { normalize } from '../core/normalize.ts';

export type Choice = { name: string; value: string };
export type AutocompleteField = 'actor' | 'topic' | 'zone';

/** Discord's limits on choices: at most 25, names and values of at most 100 characters. */
export const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

const ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

const clip = (s: string) => (s.length > MAX_CHOICE_CHARS ? `${s.slice(0, MAX_CHOICE_CHARS - 1)}…` : s);

export function autocomplete(library: Library, field: AutocompleteField, typed: string): Choice[] {
  if (field === 'actor') {
    return library.actorResolver.complete(typed, MAX_CHOICES).map((a) => ({ name: clip(`${a.name} — ${a.role}`), value: clip(a.name) }));
  }
  if (field === 'topic') {
    return library.topicResolver.complete(typed, MAX_CHOICES).map((t) => ({ name: clip(t.name), value: clip(t.name) }));
  }
  const key = normalize(typed).replace(/ /g, '');
  const zones = key ? ZONES.filter((z) => normalize(z).replace(/ /g, '').includes(key)) : ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
  return zones.slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}
