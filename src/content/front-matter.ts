import type { Document, YAMLError } from 'yaml';
import { slowReaders, SlowReadersNeeded } from '../transform/slow-path.js';

/** A post file split into its front matter and body. */
export interface FrontMatterSplit {
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line of the file where the body starts. */
  readonly bodyLine: number;
  /** Problems found, with lines of the file (not of the YAML block). */
  readonly issues: readonly FrontMatterIssue[];
}

export interface FrontMatterIssue {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
  readonly line: number;
  readonly column?: number;
}

class FrontMatterYamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number | undefined,
    readonly code: string,
  ) {
    super(message);
  }
}

const lineCount = (text: string): number => (text.match(/\n/g)?.length ?? 0);

/** What reading the YAML gives: the data and any repeated keys. */
class YamlReading {
  constructor(
    readonly data: unknown,
    /** Repeated keys, with lines counted in the text the engine was given. */
    readonly duplicates: readonly { key: string; line: number }[],
    /** Tags the core schema does not know (`!!js/function`), read as plain values; lines as above. */
    readonly unknownTags: readonly { tag: string; line: number }[] = [],
  ) {}
}

const simpleLine = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*$/;
/** Plain scalars YAML's core schema would read as null, a boolean or a number. */
const coreNonString = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Reads the front matter almost every post has — `key: value` lines of plain or simply quoted
 * text — without the YAML library, which costs more than the rest of reading a post. Anything
 * else (lists, escapes, numbers, comments, repeated keys) returns null for the full parser, so
 * the result is always what YAML's core schema gives.
 */
export function readSimpleYaml(text: string): Record<string, string | null> | null {
  const data: Record<string, string | null> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const match = simpleLine.exec(line);
    if (!match) return null;
    const key = match[1]!;
    if (Object.hasOwn(data, key)) return null;
    const value = match[2] ?? '';
    if (value === '') data[key] = null;
    else if (/^"[^"\\]*"$/.test(value)) data[key] = value.slice(1, -1);
    else if (/^'[^']*'$/.test(value)) data[key] = value.slice(1, -1);
    else if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) || / #|: |:$/.test(value) || coreNonString.test(value)) return null;
    else data[key] = value;
  }
  return data;
}

/** YAML 1.2 core schema: dates stay strings (we read them ourselves), no custom tags run. */
function parseYaml(text: string): YamlReading {
  const simple = readSimpleYaml(text);
  if (simple) return new YamlReading(simple, []);
  const { YAML } = slowReaders();
  const strict = YAML.parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  const first = strict.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (first) {
    // Without prettyErrors there is no linePos: the line and column come from the offset.
    const before = text.slice(0, errorOffset(first, text));
    throw new FrontMatterYamlError(first.message, lineCount(before) + 1, before.length - before.lastIndexOf('\n'), first.code);
  }
  const duplicates = duplicateKeys(strict, text);
  const unknownTags = strict.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => ({ tag: text.slice(w.pos[0], w.pos[1]), line: lineCount(text.slice(0, w.pos[0])) + 1 }));
  // With repeated keys, read again the way YAML readers (and Jekyll) do: the last one wins.
  const document = duplicates.length > 0 ? YAML.parseDocument(text, { schema: 'core', uniqueKeys: false }) : strict;
  // A small alias count keeps "billion laughs" documents from expanding into gigabytes.
  const data = document.toJS({ maxAliasCount: 100 }) as unknown;
  // `date:  +0800` would read as the number 800: dates are parsed from the text as written.
  const date = document.get('date', true);
  if (data && typeof data === 'object' && YAML.isScalar(date) && typeof date.source === 'string') {
    (data as Record<string, unknown>).date = date.source;
  }
  return new YamlReading(data, duplicates, unknownTags);
}

/**
 * Where to point a YAML error. An unclosed quote is reported where the text runs out, lines after
 * the title that opened it: point at the opening quote instead.
 */
function errorOffset(error: YAMLError, text: string): number {
  const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
  if (!quote) return error.pos[0];
  // The scalar runs from its opening quote to the end, so that is the last quote not escaped.
  for (let at = text.lastIndexOf(quote, error.pos[0]); at >= 0; at = text.lastIndexOf(quote, at - 1)) {
    const escaped = quote === '"' ? /(?:^|[^\\])(?:\\\\)*\\$/.test(text.slice(0, at)) : text[at - 1] === "'";
    if (!escaped) return at;
    if (quote === "'") at--;
  }
  return error.pos[0];
}

function duplicateKeys(document: Document, text: string): { key: string; line: number }[] {
  const { YAML } = slowReaders();
  // The error message does not name the key: find the key node that starts where the error does.
  const starts = new Set(document.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
  if (starts.size === 0) return [];
  const duplicates: { key: string; line: number }[] = [];
  YAML.visit(document, {
    Pair(_, pair) {
      if (YAML.isScalar(pair.key) && pair.key.range && starts.has(pair.key.range[0])) {
        duplicates.push({ key: String(pair.key.value), line: lineCount(text.slice(0, pair.key.range[0])) + 1 });
      }
    },
  });
  return duplicates;
}

/**
 * Splits a post's text (already decoded, LF line endings, no BOM) into front matter and body.
 * Problems come back as issues with the file's line numbers. Throws only SlowReadersNeeded, for
 * front matter beyond plain keys before the YAML parser is loaded (see slow-path.ts).
 */
export function splitFrontMatter(source: string): FrontMatterSplit {
  const issues: FrontMatterIssue[] = [];
  let text = source;
  let lineOffset = 0;

  // Jekyll silently reads a file with blank lines before `---` as having no front matter at all.
  const leading = /^(?:[ \t]*\n)+(?=---[ \t]*\n)/.exec(text);
  if (leading) {
    lineOffset = lineCount(leading[0]);
    text = text.slice(leading[0].length);
    issues.push({
      severity: 'warning',
      rule: 'front-matter/leading-blank-line',
      message: 'blank line before the opening ---',
      hint: 'remove it: Jekyll would ignore this front matter',
      line: 1,
    });
  }

  const opening = /^---([^\n]*)\n/.exec(text);
  if (!opening) {
    return { data: {}, body: source, bodyLine: 1, issues };
  }
  if (opening[1]?.trim()) {
    issues.push({
      severity: 'error',
      rule: 'front-matter/language',
      message: `front matter opens with "---${opening[1].trim()}": only YAML front matter is read`,
      hint: 'write the opening line as --- alone',
      line: lineOffset + 1,
    });
    return { data: {}, body: '', bodyLine: 1, issues };
  }
  const closing = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(opening[0].length);
  const close = closing.exec(rest);
  if (!close) {
    issues.push({
      severity: 'error',
      rule: 'front-matter/unclosed',
      message: 'front matter is never closed',
      hint: 'add a line with --- after the last front matter key',
      line: lineOffset + 1,
    });
    return { data: {}, body: '', bodyLine: 1, issues };
  }
  const yamlText = rest.slice(0, close.index);
  const bodyLine = lineOffset + 1 + lineCount(yamlText) + 2;

  let data: Record<string, unknown>;
  let duplicates: readonly { key: string; line: number }[];
  let unknownTags: readonly { tag: string; line: number }[];
  try {
    // The YAML is read from the end of the opening ---, so that its line 1 is that line; a block
    // of comments and blank lines only is no data.
    const block = `\n${yamlText.replace(/\n$/, '')}`;
    const reading = block.replace(/^\s*#[^\n]+/gm, '').trim() === '' ? new YamlReading({}, []) : parseYaml(block);
    data = reading.data as Record<string, unknown>;
    duplicates = reading.duplicates;
    unknownTags = reading.unknownTags;
  } catch (caught) {
    if (caught instanceof SlowReadersNeeded) throw caught;
    const yamlError = caught instanceof FrontMatterYamlError ? caught : undefined;
    issues.push({
      severity: 'error',
      rule: 'front-matter/yaml',
      message: `invalid front matter: ${yamlError?.message ?? String(caught)}`,
      hint: 'fix the YAML (quote titles that contain ": " or start with a special character)',
      // The YAML is read from the end of the opening ---: its line 1 is that line.
      line: lineOffset + (yamlError?.line ?? 1),
      column: yamlError?.column,
    });
    return { data: {}, body: '', bodyLine, issues };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({
      severity: 'error',
      rule: 'front-matter/yaml',
      message: 'front matter is not a list of keys and values',
      hint: 'write it as "key: value" lines',
      line: lineOffset + 2,
    });
    return { data: {}, body: '', bodyLine, issues };
  }
  for (const duplicate of duplicates) {
    issues.push({
      severity: 'warning',
      rule: 'front-matter/duplicate-key',
      message: `key "${duplicate.key}" appears more than once; the last one is used`,
      hint: 'remove the extra line',
      // The YAML is read from the end of the opening ---: its line 1 is that line.
      line: lineOffset + duplicate.line,
    });
  }
  for (const unknown of unknownTags) {
    issues.push({
      severity: 'warning',
      rule: 'front-matter/yaml-tag',
      message: `unknown YAML tag ${unknown.tag}: the value is read as plain text`,
      hint: 'remove the tag',
      line: lineOffset + unknown.line,
    });
  }
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\n/, '');
  return { data, body: afterClose, bodyLine, issues };
}

/** The 1-based line of a top-level key in the front matter, for messages; 1 when not found. */
export function lineOfKey(source: string, key: string): number {
  // Line by line from the top, without splitting the whole post: this runs for every post's date.
  const prefix = `${key}:`;
  let start = 0;
  for (let line = 1; line <= 200 && start <= source.length; line++) {
    if (source.startsWith(prefix, start)) return line;
    const end = source.indexOf('\n', start);
    if (end === -1) break;
    start = end + 1;
  }
  return 1;
}
