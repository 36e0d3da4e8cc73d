import { describe, expect, it } from 'vitest';
import { templateKeysOf } from './template-keys.js';

const theme = new Map([
  ['base.njk', '<html>{% block content %}{% endblock %}</html>'],
  ['post.njk', '{% extends "base.njk" %}{% block content %}{{ post.title }}{% endblock %}'],
  ['list.njk', "{% extends 'base.njk' %}{% block content %}{% include 'pager.njk' %}{% endblock %}"],
  ['pager.njk', '<nav>{{ list.pagination.page }}</nav>'],
]);
const keysOf = (changes: Record<string, string>) => templateKeysOf(new Map([...theme, ...Object.entries(changes)]), 'v1');

describe('template keys', () => {
  it('change with the template itself and everything it extends or includes', () => {
    const before = keysOf({});
    expect(keysOf({ 'base.njk': '<html lang="zh">{% block content %}{% endblock %}</html>' }).keyOf('post.njk')).not.toBe(before.keyOf('post.njk'));
    expect(keysOf({ 'pager.njk': '<nav>第 {{ list.pagination.page }} 页</nav>' }).keyOf('list.njk')).not.toBe(before.keyOf('list.njk'));
  });

  it('stay when only another page kind’s template changes', () => {
    const before = keysOf({});
    expect(keysOf({ 'post.njk': '{% extends "base.njk" %}{% block content %}<h1>{{ post.title }}</h1>{% endblock %}' }).keyOf('list.njk')).toBe(before.keyOf('list.njk'));
    expect(keysOf({ 'pager.njk': '<nav></nav>' }).keyOf('post.njk')).toBe(before.keyOf('post.njk'));
  });

  it('follow every template when one names another with an expression', () => {
    const dynamic = { 'post.njk': '{% extends "base.njk" %}{% block content %}{% include post.data.widget %}{% endblock %}' };
    const before = keysOf(dynamic);
    expect(keysOf({ ...dynamic, 'pager.njk': '<nav></nav>' }).keyOf('post.njk')).not.toBe(before.keyOf('post.njk'));
  });

  it('survive templates that include each other, and change with the salt', () => {
    const looped = templateKeysOf(new Map([['a.njk', '{% include "b.njk" %}'], ['b.njk', '{% include "a.njk" %}']]), 'v1');
    expect(looped.keyOf('a.njk')).toMatch(/^[0-9a-f]{20}$/);
    expect(templateKeysOf(theme, 'v2').keyOf('post.njk')).not.toBe(keysOf({}).keyOf('post.njk'));
  });

  it('say whether a template prints the build’s time', () => {
    expect(keysOf({}).usesBuildTime).toBe(false);
    expect(keysOf({ 'base.njk': '<footer>{{ site.time }}</footer>' }).usesBuildTime).toBe(true);
  });
});
