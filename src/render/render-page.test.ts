import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { toTemplateFailure, unknownFilterPosition, type TemplateFailure } from './render-page.js';

describe('toTemplateFailure', () => {
  const failureOf = (source: string) => {
    try {
      new nunjucks.Environment().renderString(source, {});
    } catch (caught) {
      return toTemplateFailure('page.njk', caught);
    }
    throw new Error('it rendered');
  };

  it('names the file where it went wrong, in a folder whose name has parentheses too', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'baoku-site (copy) '));
    try {
      writeFileSync(path.join(folder, 'page.njk'), '<p>\n{% include "part.njk" %}');
      writeFileSync(path.join(folder, 'part.njk'), 'one\ntwo {{ nope() }}');
      let failure: TemplateFailure | undefined;
      try {
        new nunjucks.Environment(new nunjucks.FileSystemLoader(folder)).render('page.njk', {});
      } catch (caught) {
        failure = toTemplateFailure('page.njk', caught);
      }
      expect(failure).toEqual({ template: path.join(folder, 'part.njk'), line: 2, column: 12, message: 'Error: Unable to call `nope`, which is undefined or falsey' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('counts lines and columns from 1, for a syntax error as for an error while rendering', () => {
    expect(failureOf('<p>\n  {{ a b }}')).toMatchObject({ line: 2, column: 8, message: 'expected variable end' });
    expect(failureOf('<p>\n  {{ nothere() }}')).toMatchObject({ line: 2, column: 13, message: 'Error: Unable to call `nothere`, which is undefined or falsey' });
  });
});

describe('unknownFilterPosition', () => {
  it('finds the line and column of the unknown filter’s name, past a filter whose name only begins like it', () => {
    const source = '<h1>{{ title | upper }}</h1>\n<p>{{ body | shorten | short }}</p>';
    expect(unknownFilterPosition('Error: filter not found: short', source)).toEqual({ line: 2, column: 24 });
  });

  it('reads a $ in the name as the character it is', () => {
    expect(unknownFilterPosition('Error: filter not found: to$', '{{ a | to$ }}')).toEqual({ line: 1, column: 8 });
    expect(unknownFilterPosition('Error: filter not found: a$b', '{{ x | a }}\n{{ y | a$b }}')).toEqual({ line: 2, column: 8 });
  });

  it('gives nothing for another error, or a filter not in this source', () => {
    expect(unknownFilterPosition('Error: unexpected token', '{{ a | b }}')).toBeNull();
    expect(unknownFilterPosition('Error: filter not found: elsewhere', '{{ a | b }}')).toBeNull();
  });
});
