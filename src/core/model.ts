// The curated data model: zod schemas for actors, topics, sources and briefings, and their types.
import { z } from 'zod';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const idSchema = z
  .string()
  .regex(ID, 'a lowercase id of letters, digits and single hyphens (e.g. "olaf-scholz")');

/** A calendar day written YYYY-MM-DD that really exists (no 2022-02-30). */
export const isoDaySchema = z.string().refine(isRealDay, {
  message: 'a real calendar day written YYYY-MM-DD (e.g. 2022-02-14)',
});

export function isRealDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const text = z.string().trim().min(1, 'a non-empty text');
const sourceIds = z.array(idSchema).min(1, 'at least one source id');

export const actorKinds = ['person', 'country', 'organization', 'group'] as const;

export const actorSchema = z.strictObject({
  id: idSchema,
  name: text,
  kind: z.enum(actorKinds),
  role: text,
  affiliation: text.optional(),
  aliases: z.array(text).default([]),
  /** Descriptions that name the actor, e.g. "Russia's president" or "the German chancellor". */
  titles: z.array(text).default([]),
  /** For groups: the actor ids of the members the coverage names. */
  members: z.array(idSchema).optional(),
  /** The sources that state the role. */
  sources: sourceIds,
});
export type Actor = z.infer<typeof actorSchema>;
export const actorsFileSchema = z.strictObject({ actors: z.array(actorSchema).min(1) });

export const topicSchema = z.strictObject({
  id: idSchema,
  name: text,
  aliases: z.array(text).default([]),
  description: text,
});
export type Topic = z.infer<typeof topicSchema>;
export const topicsFileSchema = z.strictObject({ topics: z.array(topicSchema).min(1) });

export const NOT_STATED = 'not stated';

export const sourceSchema = z.strictObject({
  id: idSchema,
  /** The outlet that published it, or "not stated" when the text does not say. */
  outlet: text,
  title: text,
  author: text,
  published: isoDaySchema,
  /** How the publication day is known when the text does not print it. */
  published_basis: text.optional(),
  kind: z.enum(['news', 'analysis', 'opinion']),
  url: z.url().optional(),
  /** Other copies of the same article (other scrapes, syndicated versions). */
  copies: z
    .array(z.strictObject({ file: text.optional(), url: z.url().optional(), note: text }))
    .default([]),
});
export type Source = z.infer<typeof sourceSchema>;
export const sourcesFileSchema = z.strictObject({ sources: z.array(sourceSchema).min(1) });

/**
 * When something happened. `day`: on that day. `approximate`: around that day (`until` closes a
 * span such as a weekend). `before`: some time before that day, the coverage gives no day.
 * `basis` keeps the coverage's own words when the day was resolved from a relative expression.
 */
export const eventDateSchema = z.strictObject({
  date: isoDaySchema,
  precision: z.enum(['day', 'approximate', 'before']).default('day'),
  until: isoDaySchema.optional(),
  basis: text.optional(),
});
export type EventDate = z.infer<typeof eventDateSchema>;

export const eventSchema = eventDateSchema.extend({
  text,
  actors: z.array(idSchema).default([]),
  topics: z.array(idSchema).default([]),
  sources: sourceIds,
});
export type BriefingEvent = z.infer<typeof eventSchema>;

export const quoteSchema = z.strictObject({
  speaker: idSchema,
  text,
  said: eventDateSchema,
  context: text,
  source: idSchema,
});
export type Quote = z.infer<typeof quoteSchema>;

export const pointSchema = z.strictObject({
  text,
  actors: z.array(idSchema).default([]),
  topics: z.array(idSchema).default([]),
  sources: sourceIds,
});
export type KeyPoint = z.infer<typeof pointSchema>;

export const watchSchema = z.strictObject({
  text,
  date: eventDateSchema.optional(),
  actors: z.array(idSchema).default([]),
  topics: z.array(idSchema).default([]),
  sources: sourceIds,
});
export type WatchItem = z.infer<typeof watchSchema>;

export const frontMatterSchema = z.strictObject({
  id: idSchema,
  title: text,
  published: isoDaySchema,
  updated: isoDaySchema.optional(),
  status: z.enum(['draft', 'published']),
  topics: z.array(idSchema).default([]),
  actors: z.array(idSchema).default([]),
  sources: sourceIds,
  key_points: z.array(pointSchema).default([]),
  events: z.array(eventSchema).default([]),
  quotes: z.array(quoteSchema).default([]),
  watch: z.array(watchSchema).default([]),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type Briefing = FrontMatter & {
  /** The summary, in the team's own words (Markdown body). */
  summary: string;
  /** Where it was loaded from, relative to the briefings folder. */
  file: string;
};
