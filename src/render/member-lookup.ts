import nunjucks from 'nunjucks';

type MemberLookup = (target: unknown, key: string | number) => unknown;

let installed = false;

/**
 * Makes Nunjucks' `a.b` and `a[b]` look the member up once rather than twice (once to ask whether
 * it is a function, once to return it). It was the largest single cost of rendering a page, and
 * the twice-read getters of the watched views (see volatile-reads) doubled their bookkeeping. A
 * function member comes back bound to its object, looked up again when called, as in Nunjucks 3.2.
 * Once per thread.
 */
export function installMemberLookup(): void {
  if (installed) return;
  installed = true;
  const runtime = nunjucks.runtime as unknown as { memberLookup: MemberLookup };
  runtime.memberLookup = function memberLookup(target, key) {
    if (target === undefined || target === null) return undefined;
    const object = target as Record<string | number, unknown>;
    const value = object[key];
    if (typeof value === 'function') return (...args: unknown[]) => (object[key] as (...args: unknown[]) => unknown).apply(object, args);
    return value;
  };
}
