import { describe, expect, it } from 'vitest';
import { unknownFilterPosition } from './render-page.js';

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
