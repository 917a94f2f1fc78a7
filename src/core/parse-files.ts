// Parses briefing files (YAML registries, Markdown with front matter) and maps every problem to file, line and field.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type LoadError = { file: string; line?: number; field?: string; message: string };

export type LoadedFile = { path: string; text: string };

/** A YAML document with what is needed to point at the line of any field. */
export type Located = {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** Lines before the YAML starts (the `---` of front matter). */
  lineOffset: number;
};

export type Parsed<T> = { value?: T; errors: LoadError[] };

const MAX_FILE_CHARS = 2_000_000;

export function formatError(e: LoadError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file;
  return `${where}${e.field ? ` ${e.field}` : ''}: ${e.message}`;
}

function sanityCheck(file: LoadedFile): LoadError | undefined {
  if (file.text.trim() === '') return { file: file.path, message: 'the file is empty' };
  if (file.text.length > MAX_FILE_CHARS) {
    return { file: file.path, message: `the file is too large (${file.text.length} characters; at most ${MAX_FILE_CHARS})` };
  }
  // NUL and other C0 controls (but tab/newline/CR) mean binary junk, not text.
  const junk = /[\u0000-\u0008\u000e-\u001f]/.exec(file.text);
  if (junk) {
    const line = file.text.slice(0, junk.index).split('\n').length;
    return { file: file.path, line, message: 'the file holds binary data, not text' };
  }
  return undefined;
}

function parseYaml(file: string, text: string, lineOffset: number): { located?: Located; errors: LoadError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const errors: LoadError[] = doc.errors.map((err) => ({
    file,
    line: (err.linePos?.[0]?.line ?? 0) + lineOffset || undefined,
    message: `invalid YAML: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  if (errors.length) return { errors };
  return { located: { file, doc, lines, lineOffset }, errors };
}

/** The line of the node at `path`, or of its nearest parent that exists. */
export function lineOf(loc: Located, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? loc.doc.contents : loc.doc.getIn(path.slice(0, n) as unknown[], true);
    const range = (isMap(node) || isSeq(node) || isScalar(node)) && node.range ? node.range : undefined;
    if (range) return loc.lines.linePos(range[0]).line + loc.lineOffset;
  }
  return undefined;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

export function validate<S extends z.ZodType>(loc: Located, schema: S): Parsed<z.output<S>> {
  const result = schema.safeParse(loc.doc.toJS());
  if (result.success) return { value: result.data, errors: [] };
  return {
    errors: result.error.issues.flatMap((issue) => {
      // An unknown key is reported at the key itself, one error per key.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      return paths.map((path) => ({
        file: loc.file,
        line: lineOf(loc, path),
        field: fieldName(path) || undefined,
        message: issue.code === 'unrecognized_keys' ? 'unknown field (a typo, or not part of the schema)' : explain(issue.message),
      }));
    }),
  };
}

/** zod's "Invalid input: expected string, received number" → "expected string, received number". */
function explain(message: string): string {
  const m = message.replace(/^Invalid (input|option|type)?:?\s*/i, '');
  return m.startsWith('expected') ? m : `expected ${m}`;
}

export function parseYamlFile<S extends z.ZodType>(file: LoadedFile, schema: S): Parsed<z.output<S>> & { located?: Located } {
  const bad = sanityCheck(file);
  if (bad) return { errors: [bad] };
  const { located, errors } = parseYaml(file.path, file.text, 0);
  if (!located) return { errors };
  return { ...validate(located, schema), located };
}

/** Markdown with YAML front matter between `---` lines; the body is the summary. */
export function parseMarkdownFile<S extends z.ZodType>(
  file: LoadedFile,
  schema: S,
): Parsed<{ front: z.output<S>; body: string }> & { located?: Located } {
  const bad = sanityCheck(file);
  if (bad) return { errors: [bad] };
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(file.text);
  if (!m) {
    return { errors: [{ file: file.path, line: 1, message: 'expected front matter: a first line "---", the YAML fields, then a closing "---"' }] };
  }
  const { located, errors } = parseYaml(file.path, m[1] ?? '', 1);
  if (!located) return { errors };
  const checked = validate(located, schema);
  if (!checked.value) return { errors: checked.errors, located };
  return { value: { front: checked.value, body: (m[2] ?? '').trim() }, errors: [], located };
}
