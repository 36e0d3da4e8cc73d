/**
 * A problem with the user's input, tied to a file and (when known) a line.
 * Collected per stage and printed together at the end of a build.
 */
export interface Problem {
  readonly severity: 'error' | 'warning';
  /** Path as the user knows it: relative to the site root when inside it. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, in one line. */
  readonly message: string;
  /** How to fix it, in one line; empty when there is nothing to do. */
  readonly hint: string;
  /** A stable identifier for the kind of problem, e.g. `front-matter/date`. */
  readonly rule: string;
}

/** A problem that makes baoku skip what it is about (and exit 1). */
export function error(file: string, rule: string, message: string, hint: string, line?: number, column?: number): Problem {
  return { severity: 'error', file, rule, message, hint, line, column };
}

/** A problem baoku works around; the build still succeeds. */
export function warning(file: string, rule: string, message: string, hint: string, line?: number, column?: number): Problem {
  return { ...error(file, rule, message, hint, line, column), severity: 'warning' };
}

/** `posts/x.md:3:7: invalid date "2022-13-45" — write it as 2022-02-25 09:55:40 +0800  [front-matter/date]` */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const fix = problem.hint ? ` — ${problem.hint}` : '';
  return `${where}: ${problem.message}${fix}  [${problem.rule}]`;
}
