// Parses briefing files (YAML registries, Markdown with front matter) and maps every problem to file, line and field.
// js-yaml reads the files (ten times faster on large archives); `yaml` re-reads only a file with an error, to point at its line.
import jsyaml from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type LoadError = { file: string; line?: number; field?: string; message: string };

export type LoadedFile = { path: string; text: string };

export type Parsed<T> = { value?: T; errors: LoadError[] };

export type FieldPath = readonly PropertyKey[];

/** A briefing is a few kilobytes; registries grow with the archive (100k sources ≈ 14 MB). */
const MAX_BRIEFING_CHARS = 2_000_000;
const MAX_REGISTRY_CHARS = 200_000_000;

export function formatError(e: LoadError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file;
  return `${where}${e.field ? ` ${e.field}` : ''}: ${e.message}`;
}

export function fieldName(path: FieldPath): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function sanityCheck(file: LoadedFile): LoadError | undefined {
  if (file.text.trim() === '') return { file: file.path, message: 'the file is empty' };
  const max = file.path.endsWith('.md') ? MAX_BRIEFING_CHARS : MAX_REGISTRY_CHARS;
  if (file.text.length > max) {
    return { file: file.path, message: `the file is too large (${file.text.length} characters; at most ${max})` };
  }
  // NUL and other C0 controls (but tab/newline/CR) mean binary junk, not text.
  const junk = /[\u0000-\u0008\u000e-\u001f]/.exec(file.text);
  if (junk) {
    const line = file.text.slice(0, junk.index).split('\n').length;
    return { file: file.path, line, message: 'the file holds binary data, not text' };
  }
  return undefined;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** The YAML part of a file and how many lines precede it (the `---` of front matter). */
function yamlPart(file: LoadedFile): { yaml: string; lineOffset: number } | undefined {
  if (!file.path.endsWith('.md')) return { yaml: file.text, lineOffset: 0 };
  const m = FRONT_MATTER.exec(file.text);
  return m ? { yaml: m[1] ?? '', lineOffset: 1 } : undefined;
}

/** Points at lines: parses a file's YAML again with positions, only when one of its fields has to be located. */
export class Locator {
  private docs = new Map<string, { doc: Document; lines: LineCounter; lineOffset: number } | null>();

  /** `file` gives a file's text by path; it is asked only when an error needs a line. */
  constructor(private readonly file: (path: string) => LoadedFile | undefined) {}

  private located(path: string) {
    if (!this.docs.has(path)) {
      const file = this.file(path);
      const part = file && yamlPart(file);
      if (!part) this.docs.set(path, null);
      else {
        const lines = new LineCounter();
        this.docs.set(path, { doc: parseDocument(part.yaml, { lineCounter: lines }), lines, lineOffset: part.lineOffset });
      }
    }
    return this.docs.get(path) ?? undefined;
  }

  /** The line of the node at `path`, or of its nearest parent that exists. */
  line(file: string, path: FieldPath): number | undefined {
    const loc = this.located(file);
    if (!loc) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? loc.doc.contents : loc.doc.getIn(path.slice(0, n) as unknown[], true);
      const range = (isMap(node) || isSeq(node) || isScalar(node)) && node.range ? node.range : undefined;
      if (range) return loc.lines.linePos(range[0]).line + loc.lineOffset;
    }
    return undefined;
  }

  /** `yaml`'s own account of a syntax error, with its line. */
  syntaxErrors(file: string): LoadError[] {
    const loc = this.located(file);
    return (loc?.doc.errors ?? []).map((err) => ({
      file,
      line: (err.linePos?.[0]?.line ?? 0) + (loc?.lineOffset ?? 0) || undefined,
      message: `invalid YAML: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
    }));
  }

  error(file: string, path: FieldPath, message: string): LoadError {
    return { file, line: this.line(file, path), field: fieldName(path) || undefined, message };
  }
}

/** zod's "Invalid input: expected string, received number" → "expected string, received number". */
function explain(message: string): string {
  const m = message.replace(/^Invalid (input|option|type)?:?\s*/i, '');
  return m.startsWith('expected') ? m : `expected ${m}`;
}

function parseAndValidate<S extends z.ZodType>(file: LoadedFile, yaml: string, lineOffset: number, schema: S, locator: Locator): Parsed<z.output<S>> {
  let data: unknown;
  try {
    // CORE_SCHEMA: days stay strings ("2022-02-14"), as the schemas expect.
    data = jsyaml.load(yaml, { schema: jsyaml.CORE_SCHEMA, filename: file.path });
  } catch (err) {
    const located = locator.syntaxErrors(file.path);
    if (located.length) return { errors: located };
    const mark = (err as jsyaml.YAMLException).mark;
    return { errors: [{ file: file.path, line: mark ? mark.line + 1 + lineOffset : undefined, message: `invalid YAML: ${(err as jsyaml.YAMLException).reason}` }] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, errors: [] };
  return {
    errors: result.error.issues.flatMap((issue) => {
      // An unknown key is reported at the key itself, one error per key.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      const message = issue.code === 'unrecognized_keys' ? 'unknown field (a typo, or not part of the schema)' : explain(issue.message);
      return paths.map((path) => locator.error(file.path, path, message));
    }),
  };
}

export function parseYamlFile<S extends z.ZodType>(file: LoadedFile, schema: S, locator: Locator): Parsed<z.output<S>> {
  const bad = sanityCheck(file);
  if (bad) return { errors: [bad] };
  return parseAndValidate(file, file.text, 0, schema, locator);
}

/** Markdown with YAML front matter between `---` lines; the body is the summary. */
export function parseMarkdownFile<S extends z.ZodType>(file: LoadedFile, schema: S, locator: Locator): Parsed<{ front: z.output<S>; body: string }> {
  const bad = sanityCheck(file);
  if (bad) return { errors: [bad] };
  const m = FRONT_MATTER.exec(file.text);
  if (!m) {
    return { errors: [{ file: file.path, line: 1, message: 'expected front matter: a first line "---", the YAML fields, then a closing "---"' }] };
  }
  const checked = parseAndValidate(file, m[1] ?? '', 1, schema, locator);
  if (!checked.value) return { errors: checked.errors };
  return { value: { front: checked.value, body: (m[2] ?? '').trim() }, errors: [] };
}
