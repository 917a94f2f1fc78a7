// Topic resolution: a topic's name or any alias, in a command or inside a free question.
import { distance } from 'fastest-levenshtein';
import type { Topic } from './model.ts';
import { keyWords } from './normalize.ts';
import { PhraseFinder } from './tokens.ts';

export class TopicResolver {
  private readonly finder = new PhraseFinder<Topic>();
  private readonly keys: { key: string; topic: Topic }[] = [];

  constructor(private readonly topics: Topic[]) {
    for (const topic of topics) {
      for (const name of [topic.name, topic.id.replace(/-/g, ' '), ...topic.aliases]) {
        this.finder.add(name, topic);
        this.keys.push({ key: keyWords(name).join(' '), topic });
      }
    }
  }

  /** The topic a name stands for: exact, then named inside the text, then within one typo. */
  resolve(name: string): Topic | undefined {
    const key = keyWords(name).join(' ');
    if (!key) return undefined;
    const exact = this.keys.find((k) => k.key === key);
    if (exact) return exact.topic;
    const inside = this.finder.find(name);
    if (inside.length === 1 && inside[0]!.value.length === 1) return inside[0]!.value[0];
    const near = this.keys.filter((k) => key.length >= 5 && distance(key, k.key) <= 1);
    return near.length === 1 ? near[0]!.topic : undefined;
  }

  /** Topics named inside a free question ("anything new on nord stream?"). */
  mentioned(text: string): Topic[] {
    return [...new Set(this.finder.find(text).flatMap((m) => m.value))];
  }

  complete(typed: string, limit = 25): Topic[] {
    const key = keyWords(typed).join(' ');
    const hits = this.keys.filter((k) => !key || k.key.split(' ').some((w) => w.startsWith(key)) || k.key.startsWith(key));
    return [...new Set(hits.map((h) => h.topic))].slice(0, limit);
  }
}
