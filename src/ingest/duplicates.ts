// Near-duplicate detection: 5-word shingles, MinHash signatures, LSH banding for candidates, exact confirmation.
import { createHash } from 'node:crypto';

export const SHINGLE_WORDS = 5;
const HASHES = 128;
const BANDS = 32;
const ROWS = HASHES / BANDS;
/** A copy scores Jaccard 0.95 / containment 1.0; a different article on the same story 0.002 (DESIGN.md). */
export const DUPLICATE_JACCARD = 0.8;
export const DUPLICATE_CONTAINMENT = 0.9;

export function shingles(text: string): Set<number> {
  const words = text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(hash32(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return out;
}

/** FNV-1a, 32 bits: a shingle hash needs spread, not secrecy, and md5 per shingle was most of the cost. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fixed random hash functions (a·x + b mod p), the same on every run so stored signatures stay comparable. */
const P = 4294967311; // a prime above 2^32
const COEFFS = Array.from({ length: HASHES }, (_, i) => {
  const h = createHash('sha256').update(`minhash-${i}`).digest();
  return [(h.readUInt32LE(0) % (P - 1)) + 1, h.readUInt32LE(4) % P] as const;
});

export function minhash(set: Set<number>): number[] {
  const sig = new Array<number>(HASHES).fill(Number.MAX_SAFE_INTEGER);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const [a, b] = COEFFS[i]!;
      // BigInt-free modular arithmetic: split a into halves to stay inside 2^53.
      const v = (((a >>> 16) * x) % P * 65536 + (a & 0xffff) * x + b) % P;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

export type ArchivedArticle = { sourceId: string; shingles: number[]; signature: number[] };

/** The archive of known articles, indexed by LSH bands: each lookup touches only the articles sharing a band. */
export class DuplicateIndex {
  private readonly buckets = new Map<string, ArchivedArticle[]>();
  readonly articles: ArchivedArticle[] = [];

  add(article: ArchivedArticle): void {
    this.articles.push(article);
    for (const key of bandKeys(article.signature)) {
      const list = this.buckets.get(key) ?? [];
      list.push(article);
      this.buckets.set(key, list);
    }
  }

  /** The known article this text copies, with its scores, or undefined. */
  find(text: string): { article: ArchivedArticle; jaccard: number; containment: number } | undefined {
    const set = shingles(text);
    if (!set.size) return undefined;
    const candidates = new Set<ArchivedArticle>();
    for (const key of bandKeys(minhash(set))) for (const a of this.buckets.get(key) ?? []) candidates.add(a);
    let best: { article: ArchivedArticle; jaccard: number; containment: number } | undefined;
    for (const article of candidates) {
      const other = new Set(article.shingles);
      let common = 0;
      for (const s of set) if (other.has(s)) common++;
      const jaccard = common / (set.size + other.size - common);
      const containment = common / Math.min(set.size, other.size);
      if ((jaccard >= DUPLICATE_JACCARD || containment >= DUPLICATE_CONTAINMENT) && (!best || jaccard > best.jaccard)) best = { article, jaccard, containment };
    }
    return best;
  }
}

function bandKeys(signature: number[]): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) keys.push(`${b}:${signature.slice(b * ROWS, b * ROWS + ROWS).join(',')}`);
  return keys;
}

export function archived(sourceId: string, text: string): ArchivedArticle {
  const set = shingles(text);
  return { sourceId, shingles: [...set], signature: minhash(set) };
}
