import nunjucks from 'nunjucks';

interface TemplateNode {
  findAll(type: unknown, results?: unknown[]): unknown[];
}

interface ForNode {
  readonly body: TemplateNode;
}

interface LoopCompiler {
  _emitLoopBindings(node: ForNode, ...rest: unknown[]): void;
}

/** Nunjucks' compiler and node types: there, though its types do not declare them. */
const internals = nunjucks as unknown as { readonly nodes: Record<string, unknown>; readonly compiler: { readonly Compiler?: { readonly prototype: LoopCompiler } } };
const nodes = internals.nodes;
/**
 * What lets a loop's body reach `loop` other than by name: an included template renders in the
 * loop's frame; a `{% call %}` body and an extension may look it up too.
 */
const reachesFrame = ['Include', 'Caller', 'CallExtension', 'CallExtensionAsync'].map((name) => nodes[name]).filter(Boolean);
let installed = false;

/**
 * Makes Nunjucks' compiler leave out a `for` loop's `loop.*` variables when nothing in its body
 * can read them. Nunjucks sets all seven on every iteration; the theme's navigation loops over
 * every category on every page without reading one, and those seven calls were most of the
 * loop's cost. A body that names `loop` anywhere (also in a nested loop, whichever loop it
 * means), includes a template, or holds a `{% call %}` or an extension keeps them all. Once per
 * thread; Nunjucks without this compiler method (another version) is left as it is.
 */
export function installLoopBindings(): void {
  if (installed) return;
  installed = true;
  const compiler = internals.compiler.Compiler?.prototype;
  const emitBindings = compiler?._emitLoopBindings;
  if (!compiler || typeof emitBindings !== 'function' || typeof nodes.Symbol !== 'function') return;
  compiler._emitLoopBindings = function emitLoopBindings(this: LoopCompiler, node, ...rest) {
    if (readsLoop(node.body)) emitBindings.call(this, node, ...rest);
  };
}

function readsLoop(body: TemplateNode | null | undefined): boolean {
  // An empty body has no node to look into, and nothing to read them.
  if (!body || typeof body.findAll !== 'function') return body !== null && body !== undefined;
  if ((body.findAll(nodes.Symbol) as { value?: unknown }[]).some((symbol) => symbol.value === 'loop')) return true;
  return reachesFrame.some((type) => body.findAll(type).length > 0);
}
