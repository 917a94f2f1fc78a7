// Cleaning a scraped article: keep title, byline and body; drop site furniture and a trailing "More from <site>" block.
export type CleanArticle = { title: string; byline?: string; paragraphs: string[]; outletHint?: string };

/** Lines that are page furniture, never article text. */
const FURNITURE: RegExp[] = [
  /^scroll to top/i,
  /^(subscribe|sign up)\b.*(newsletter|updates)?/i,
  /newsletter/i,
  /^(share|tweet|email|print|comment)s?( this( article| story)?)?[.!:]?$/i,
  /^(advertisement|ad|sponsored)$/i,
  /^-\s*youtube$/i,
  /^image:\s*\S.*$/i,
  /(\/|\b)(pool )?via reuters( connect)?\.?$/i,
  /^reuters\/[\w .'-]+$/i,
  /^(getty images|ap photo|afp)\b/i,
  /^(read more|related)[:.]?$/i,
];

const MORE_FROM = /^more from\s+(.+)$/i;

const isSentence = (line: string) => /[.!?…”"’)]$/.test(line) && line.split(/\s+/).length >= 4;

/** The outlet a page names in its own furniture ("More from GZERO Media", "Subscribe to GZERO's daily newsletter"). */
function outletHint(lines: string[]): string | undefined {
  for (const l of lines) {
    const more = MORE_FROM.exec(l);
    if (more) return more[1]!.trim();
  }
  return undefined;
}

export function cleanText(raw: string): CleanArticle {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
  const hint = outletHint(lines);
  const body: string[] = [];
  let title = '';
  let byline: string | undefined;
  const seen = new Set<string>();
  for (const line of lines) {
    if (MORE_FROM.test(line)) break; // everything after is the site's other stories
    if (FURNITURE.some((re) => re.test(line))) continue;
    if (seen.has(line)) continue; // the same headline or caption scraped twice
    seen.add(line);
    if (!title) {
      title = line;
      continue;
    }
    if (!byline && /^By\s+\p{Lu}/u.test(line) && line.split(/\s+/).length <= 8) {
      byline = line.replace(/^by\s+/i, '');
      continue;
    }
    // Captions and credits: short lines without sentence punctuation. Questions and sentences stay.
    if (!isSentence(line) && line.split(/\s+/).length < 15) continue;
    body.push(line);
  }
  return { title, byline, paragraphs: body, outletHint: hint };
}
