import type nunjucks from 'nunjucks';
import { completeContext, toTemplateFailure, type ContextParts, type TemplateFailure } from '../render/render-page.js';
import { createTemplateEnvironment, type TemplateSettings } from '../render/template-environment.js';
import type { WriteOutcome } from '../output/output-ledger.js';
import { readsDuring, watchedContext, type VolatileRead } from '../render/volatile-reads.js';

/** One page to render: plain data, sent to workers. */
export interface RenderJob {
  /** File written, relative to the destination. */
  readonly outputPath: string;
  /** `post.njk`, `list.njk`, … */
  readonly template: string;
  readonly context: ContextParts;
}

/** `reads`: the volatile values the render read, for the page's key (see VolatileRead). */
export type RenderedPage =
  | { readonly outputPath: string; readonly html: string; readonly reads: readonly VolatileRead[] }
  /** Written by the thread that rendered it: how that went, in place of the page. */
  | { readonly outputPath: string; readonly written: WriteOutcome; readonly reads: readonly VolatileRead[] }
  | { readonly outputPath: string; readonly failure: TemplateFailure };

export interface PageRenderer {
  render(job: RenderJob): RenderedPage;
  /** Compiles templates before their first page: one that fails is left to fail that page's render. */
  compile(templates: readonly string[]): void;
}

/** Renders jobs with one Nunjucks environment per thread, reused across jobs. */
export function createPageRenderer(settings: TemplateSettings): PageRenderer {
  const env: nunjucks.Environment = createTemplateEnvironment(settings);
  return {
    render(job) {
      try {
        const { result: html, reads } = readsDuring(() => env.render(job.template, watchedContext(completeContext(job.context, settings))));
        return { outputPath: job.outputPath, html, reads };
      } catch (caught) {
        return { outputPath: job.outputPath, failure: toTemplateFailure(job.template, caught) };
      }
    },
    compile(templates) {
      for (const template of templates) {
        try {
          env.getTemplate(template, true);
        } catch {
          // Reported with the pages that use it.
        }
      }
    },
  };
}
