import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { replaceInternal } from '../test-support/replaced-internal.js';
import { installMemberLookup } from './member-lookup.js';

const runtime = nunjucks.runtime as unknown as { memberLookup: (target: unknown, key: string | number) => unknown };
const lookup = replaceInternal(runtime, 'memberLookup', installMemberLookup);

/** Renders with Nunjucks' own member lookup, then with the faster one: the pages must be the same. */
function bothWays(template: string, context: () => object): string {
  const [before, after] = lookup.bothWays(() => new nunjucks.Environment(null, { autoescape: true }).renderString(template, context()));
  expect(after).toBe(before);
  return after;
}

describe('the faster member lookup', () => {
  it('is installed', () => {
    expect(lookup.faster).not.toBe(lookup.original);
  });

  it('reads members, indexes and missing members as Nunjucks does', () => {
    const page = bothWays('{{ post.title }}|{{ post.tags[1].name }}|{{ post.missing }}|{{ none.x }}|{{ post.tags.length }}|{{ post["title"] }}', () => ({
      post: { title: '闽东新闻', tags: [{ name: '福鼎' }, { name: '宁德' }] },
      none: null,
    }));
    expect(page).toBe('闽东新闻|宁德|||2|闽东新闻');
  });

  it('calls a function member on its object, as it is when called', () => {
    const page = bothWays('{{ list.describe() }}|{{ "a,b" .split(",") | join("+") }}|{{ list.items.slice(1).length }}', () => ({
      list: { name: '要闻', items: [1, 2, 3], describe(this: { name: string }) { return `${this.name}栏目`; } },
    }));
    expect(page).toBe('要闻栏目|a+b|2');
  });

  it('reads a getter once per use', () => {
    let reads = 0;
    const context = { term: Object.defineProperty({}, 'count', { get: () => ++reads, enumerable: true }) };
    runtime.memberLookup = lookup.faster;
    new nunjucks.Environment(null).renderString('{{ term.count }}', context);
    expect(reads).toBe(1);
  });
});
