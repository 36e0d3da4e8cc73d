// An esbuild plugin for the bundle: Nunjucks' SafeString gets String.prototype's methods as its
// prototype's own, instead of String.prototype as its prototype.
//
// Why: once any object other than a String wrapper has String.prototype as its prototype
// (Nunjucks does it when its runtime loads: `Object.create(String.prototype, …)`), V8 reads a
// string's characters (`charCodeAt`) in every loop of the whole thread through a slow path. Reading
// posts is such loops — the HTML reader, trimming, counting characters — and each worker loads
// Nunjucks to render: a loop over 14 million characters took 150 ms instead of 28 ms.
//
// A SafeString still has every String method, bound to its text by its own toString and valueOf,
// and `constructor` is still String; only `instanceof String` (which Nunjucks never asks) changes.
import { readFile } from 'node:fs/promises';

const inherited = 'SafeString.prototype = Object.create(String.prototype, {';
const ownMethods =
  'SafeString.prototype = Object.create(Object.prototype, {\n' +
  '  ...Object.fromEntries(Reflect.ownKeys(String.prototype).filter((key) => key !== "length").map((key) => [key, Object.getOwnPropertyDescriptor(String.prototype, key)])),';

/** The runtime's source with SafeString's prototype made of String.prototype's methods; throws if Nunjucks changed. */
export function patchNunjucksRuntime(source) {
  if (!source.includes(inherited)) throw new Error('nunjucks/src/runtime.js no longer makes SafeString.prototype as expected: check scripts/nunjucks-safe-string.mjs');
  return source.replace(inherited, ownMethods);
}

export const nunjucksSafeString = {
  name: 'nunjucks-safe-string',
  setup(build) {
    build.onLoad({ filter: /[\\/]nunjucks[\\/]src[\\/]runtime\.js$/ }, async (args) => ({ contents: patchNunjucksRuntime(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};
