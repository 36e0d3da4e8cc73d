import type { BuildResult } from '../build.js';
import type { BrokenLink, LinkReport } from '../check/check-links.js';
import { formatProblem, type Problem } from '../report/problem.js';

/** How much of a build's report to print. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Warnings printed in full before the rest are only counted (all of them with --verbose). */
const warningsShown = 20;

/** The problem lines to print: every error, and warnings as verbosity allows. */
export function problemLines(problems: readonly Problem[], verbosity: Verbosity): string[] {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const lines = errors.map((p) => `error: ${formatProblem(p)}`);
  if (verbosity === 'quiet') return lines;
  const shown = verbosity === 'verbose' ? warnings : warnings.slice(0, warningsShown);
  lines.push(...shown.map((p) => `warning: ${formatProblem(p)}`));
  const hidden = warnings.slice(shown.length);
  if (hidden.length > 0) {
    const byRule = new Map<string, number>();
    for (const p of hidden) byRule.set(p.rule, (byRule.get(p.rule) ?? 0) + 1);
    const counts = [...byRule].map(([rule, n]) => `${n} ${rule}`).join(', ');
    lines.push(`… and ${hidden.length} more warnings (${counts}); --verbose lists them`);
  }
  return lines;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary: posts read, pages written, files unchanged, problems, time. */
export function summaryLine(result: BuildResult): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const problems = errors + warnings > 0 ? `; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : '';
  const removed = result.filesRemoved > 0 ? `, ${result.filesRemoved} removed` : '';
  return `baoku: ${plural(result.postsRead, 'post')} read, ${plural(result.pagesWritten, 'file')} written, ${result.filesUnchanged} unchanged${removed}${problems} in ${(result.durationMs / 1000).toFixed(2)} s`;
}

/** Per-step timings, for --verbose. */
export function timingLine(result: BuildResult): string {
  return `timings: ${result.timings.map((t) => `${t.step} ${Math.round(t.ms)} ms`).join(', ')}`;
}

/** `tag/x.html:12: broken link "/nope.html" — no file at nope.html` */
export function brokenLinkLine(link: BrokenLink): string {
  return `${link.page}:${link.line}: broken link ${JSON.stringify(link.href)} — ${link.reason}`;
}

/** `baoku check: 146 pages, 3012 links, 0 broken` */
export function checkSummaryLine(report: LinkReport): string {
  return `baoku check: ${plural(report.pagesChecked, 'page')}, ${plural(report.linksChecked, 'link')}, ${report.broken.length} broken`;
}
