import type nunjucks from 'nunjucks';
import { toTemplateError } from '../render/render-page.js';
import { createTemplateEnvironment, type TemplateSettings } from '../render/template-environment.js';
import type { TemplateContext } from '../render/view.js';

/** One page to render: plain data, sent to workers. */
export interface RenderJob {
  /** File written, relative to the destination. */
  readonly outputPath: string;
  /** `post.njk`, `list.njk`, … */
  readonly template: string;
  readonly context: TemplateContext;
}

export interface TemplateFailure {
  readonly template: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export type RenderedPage = { readonly outputPath: string; readonly html: string } | { readonly outputPath: string; readonly failure: TemplateFailure };

/** Renders jobs with one Nunjucks environment per thread, reused across jobs. */
export function createPageRenderer(settings: TemplateSettings): (job: RenderJob) => RenderedPage {
  const env: nunjucks.Environment = createTemplateEnvironment(settings);
  return (job) => {
    try {
      return { outputPath: job.outputPath, html: env.render(job.template, job.context) };
    } catch (caught) {
      const failure = toTemplateError(job.template, caught);
      return { outputPath: job.outputPath, failure: { template: failure.template, line: failure.line, column: failure.column, message: failure.message } };
    }
  };
}
