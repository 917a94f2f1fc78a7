// Topic answers: what the coverage says on one topic, its dated developments and what to watch, cited.
import type { Reply, ReplyBlock } from './reply.ts';
import { Citations, dateLabel, View } from './view.ts';

/** The newest points and developments of a topic; the full record is in search and the timeline. */
const MAX_TOPIC_POINTS = 10;
const MAX_TOPIC_EVENTS = 12;

export function answerTopic(view: View, name: string): Reply {
  const topic = view.library.topicResolver.resolve(name);
  if (!topic) {
    return {
      intent: 'not-found',
      title: `No topic “${name}”`,
      blocks: [
        { type: 'text', text: `The briefings have no topic called “${name}”.` },
        { type: 'list', heading: 'Topics', items: view.library.topics.map((t) => ({ text: `${t.name} — ${t.description}`, cites: [] })) },
      ],
      citations: [],
      footer: `Or search the text: \`/brief search ${name}\`.`,
    };
  }
  const cites = new Citations(view.library);
  const tagged = view.forTopic(topic.id);
  const points = tagged.points.slice(-MAX_TOPIC_POINTS).reverse();
  const events = tagged.events.slice(-MAX_TOPIC_EVENTS);
  const watch = tagged.watch.filter((w) => !w.date || w.date.date >= view.asOf).slice(-MAX_TOPIC_EVENTS);

  const blocks: ReplyBlock[] = [{ type: 'text', text: topic.description }];
  if (points.length) {
    blocks.push({ type: 'list', heading: 'What the coverage says', items: points.map((p) => cites.item(p.text, p.sources)) });
  }
  if (events.length) blocks.push({ type: 'list', heading: 'Dated developments', items: events.map((e) => cites.item(`${dateLabel(e)} — ${e.text}`, e.sources)) });
  if (watch.length) blocks.push({ type: 'list', heading: 'What to watch', items: watch.map((w) => cites.item(w.text, w.sources)) });
  if (!points.length && !events.length) blocks.push({ type: 'text', text: 'No briefing published so far covers this topic.' });
  return { intent: 'topic', title: topic.name, blocks, citations: cites.list(), footer: `Newest first. Related: \`/brief search ${topic.name.toLowerCase()}\`.` };
}
