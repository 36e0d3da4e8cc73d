import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { replaceInternal } from '../test-support/replaced-internal.js';
import { installLoopBindings } from './loop-bindings.js';

const internals = nunjucks as unknown as { compiler: { Compiler: { prototype: { _emitLoopBindings: unknown } }; compile(src: string, asyncFilters: string[], extensions: unknown[], name: string): string } };
const bindings = replaceInternal(internals.compiler.Compiler.prototype, '_emitLoopBindings', installLoopBindings);

/** Templates by name, for includes. */
function environment(templates: Record<string, string>): nunjucks.Environment {
  const loader = { getSource: (name: string) => ({ src: templates[name]!, path: name, noCache: true }) };
  return new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true });
}

/** Renders with Nunjucks' own loop bindings, then with fewer: both must give the same page, which is returned. */
function render(template: string, context: object, partials: Record<string, string> = {}): string {
  const [before, after] = bindings.bothWays(() => environment({ ...partials, 'page.njk': template }).render('page.njk', context));
  expect(after).toBe(before);
  return after;
}

describe('loop variables', () => {
  it('are not set by a loop whose body cannot read them', () => {
    const compiled = internals.compiler.compile('{% for cat in categories %}<a href="{{ cat.url }}">{{ cat.name }}</a>{% endfor %}', [], [], 'nav.njk');
    expect(compiled).not.toContain('loop.');
  });

  it('are set, all of them, for a body that reads loop', () => {
    const template = '{% for a in outer %}[{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:{% for b in a %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ b }}{% endfor %}]{% endfor %}';
    expect(render(template, { outer: [['甲', '乙'], ['丙'], []] })).toBe('[1/3F:021甲110乙][2/3:010丙][3/3L:]');
  });

  it('keep meaning the outer loop after an inner loop that does not read them', () => {
    const template = '{% for a in outer %}{% for b in a %}{{ b }}{% endfor %}={{ loop.index }};{% endfor %}';
    expect(render(template, { outer: [['甲', '乙'], ['丙']] })).toBe('甲乙=1;丙=2;');
  });

  it('are read by a template included in the loop', () => {
    const template = '{% for tag in tags %}{% include "tag.njk" %}{% endfor %}';
    expect(render(template, { tags: ['新闻', '福建'] }, { 'tag.njk': '{{ loop.index }}.{{ tag }}{% if not loop.last %}、{% endif %}' })).toBe('1.新闻、2.福建');
  });

  it('are read when a loop hands loop on, and in a call block (where Nunjucks shows none)', () => {
    const template =
      '{% macro item() %}<li>{{ caller() }}</li>{% endmacro %}{% for x in xs %}{% set current = loop %}{{ current.index }}{% call item() %}{{ loop.length }}{{ x }}{% endcall %}{% endfor %}';
    expect(render(template, { xs: ['甲', '乙'] })).toBe('1<li>甲</li>2<li>乙</li>');
  });

  it('leave loops over objects, empty loops and their else branch as they were', () => {
    const template = '{% for key, value in names %}{{ key }}={{ value }};{% endfor %}{% for x in none %}{{ x }}{% else %}无{% endfor %}{% for key, value in names %}{{ loop.index }}{% endfor %}';
    expect(render(template, { names: { a: '甲', b: '乙' }, none: [] })).toBe('a=甲;b=乙;无12');
  });
});
