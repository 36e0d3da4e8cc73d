// Builds dist/: baoku's sources and their dependencies as a few ES modules, split at baoku's own
// dynamic imports so each command loads only what it uses. One file loads several times faster
// than the hundreds of small modules it is made of: the body pipeline took 130 ms to load from
// node_modules, 37 ms bundled, and a one-post rebuild or each worker thread waits for it.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nunjucksSafeString } from './nunjucks-safe-string.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: projectRoot,
  // The command, and the two worker threads' entries (Piscina loads them by path).
  entryPoints: ['src/cli/main.ts', 'src/parallel/worker.ts', 'src/search/shard-worker.ts'],
  outdir: 'dist',
  outbase: 'src',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  // Left to Node's resolution: Piscina starts its own worker file and Pagefind its binary, each
  // found beside its own module; pinyin-pro is loaded only for `slugify: pinyin`.
  external: ['piscina', 'pagefind', 'pinyin-pro'],
  // The CommonJS dependencies (nunjucks, yaml) require Node's built-in modules.
  banner: { js: "import { createRequire as __baokuCreateRequire } from 'node:module'; const require = __baokuCreateRequire(import.meta.url);" },
  // See the plugin: without it, every string loop of a thread that loads Nunjucks runs slowly.
  plugins: [nunjucksSafeString],
  logLevel: 'warning',
});
