import matter from 'gray-matter';
import YAML from 'yaml';

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

/** YAML 1.2 core schema: dates stay strings (we read them ourselves), no custom tags run. */
function parseYaml(text: string): object {
  const document = YAML.parseDocument(text, { schema: 'core', uniqueKeys: false, prettyErrors: false });
  const [first] = document.errors;
  if (first) {
    // Without prettyErrors there is no linePos: the line and column come from the offset.
    const before = text.slice(0, first.pos[0]);
    throw new FrontMatterYamlError(first.message, lineCount(before) + 1, before.length - before.lastIndexOf('\n'), first.code);
  }
  // A small alias count keeps "billion laughs" documents from expanding into gigabytes.
  const data = document.toJS({ maxAliasCount: 100 }) as object;
  // `date:  +0800` would read as the number 800: dates are parsed from the text as written.
  const date = document.get('date', true);
  if (data && typeof data === 'object' && YAML.isScalar(date) && typeof date.source === 'string') {
    (data as Record<string, unknown>).date = date.source;
  }
  return data;
}

function duplicateKeys(text: string): { key: string; line: number }[] {
  const document = YAML.parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  // The error message does not name the key: find the key node that starts where the error does.
  const starts = new Set(document.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
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

function refuseLanguage(): never {
  throw new FrontMatterYamlError('front matter in a language other than YAML', 1, undefined, 'LANGUAGE');
}

const grayMatterOptions = {
  language: 'yaml',
  engines: {
    yaml: parseYaml,
    // gray-matter would `eval` a `---js` block: a post must never run code.
    javascript: refuseLanguage,
    js: refuseLanguage,
    coffee: refuseLanguage,
    json: refuseLanguage,
    toml: refuseLanguage,
  },
};

/**
 * Splits a post's text (already decoded, LF line endings, no BOM) into front matter and body.
 * Never throws: problems come back as issues with the file's line numbers.
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
  try {
    // gray-matter does the delimiting; our YAML engine does the reading.
    const file = matter(`---\n${yamlText}---\n`, grayMatterOptions);
    data = file.data ?? {};
  } catch (caught) {
    const yamlError = caught instanceof FrontMatterYamlError ? caught : undefined;
    issues.push({
      severity: 'error',
      rule: 'front-matter/yaml',
      message: `invalid front matter: ${yamlError?.message ?? String(caught)}`,
      hint: 'fix the YAML (quote titles that contain ": " or start with a special character)',
      // gray-matter hands the engine the text from the end of the opening ---: its line 1 is that line.
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
  for (const duplicate of duplicateKeys(yamlText)) {
    issues.push({
      severity: 'warning',
      rule: 'front-matter/duplicate-key',
      message: `key "${duplicate.key}" appears more than once; the last one is used`,
      hint: 'remove the extra line',
      line: lineOffset + 1 + duplicate.line,
    });
  }
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\n/, '');
  return { data, body: afterClose, bodyLine, issues };
}

/** The 1-based line of a top-level key in the front matter, for messages; 1 when not found. */
export function lineOfKey(source: string, key: string): number {
  const lines = source.split('\n', 200);
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 1;
}
