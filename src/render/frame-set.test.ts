import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { replaceInternal } from '../test-support/replaced-internal.js';
import { installFrameSet } from './frame-set.js';

const prototype = (nunjucks.runtime as unknown as { Frame: { prototype: { set: unknown } } }).Frame.prototype;
const frameSet = replaceInternal(prototype, 'set', installFrameSet);

/** Renders with Nunjucks' own `set`, then with the faster one: the output must not change. */
function bothWays(template: string, context: object): [string, string] {
  return frameSet.bothWays(() => new nunjucks.Environment(null).renderString(template, context));
}

describe('the faster Frame.set', () => {
  it('is installed', () => {
    expect(frameSet.faster).not.toBe(frameSet.original);
  });

  it('renders loops, their loop variables and nested loops as Nunjucks does', () => {
    const template = '{% for a in outer %}[{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:{% for b in a %}{{ loop.index0 }}{{ loop.revindex }}{{ b }}{% endfor %}]{% endfor %}';
    const [before, after] = bothWays(template, { outer: [['甲', '乙'], ['丙'], []] });
    expect(after).toBe(before);
    expect(after).toBe('[1/3F:02甲11乙][2/3:01丙][3/3L:]');
  });

  it('keeps Nunjucks’ scoping of set: inside a loop it stays there, at the top it is seen after', () => {
    const template = '{% set total = 0 %}{% for n in numbers %}{% set total = total + n %}{% endfor %}{{ total }}|{% set label = "新闻" %}{% for n in numbers %}{{ label }}{% endfor %}|{% macro m(x) %}{% set y = x %}{{ y }}{% endmacro %}{{ m(5) }}';
    const [before, after] = bothWays(template, { numbers: [1, 2, 3] });
    expect(after).toBe(before);
  });
});
