import type { PageCache } from '../cache/page-cache.js';
import { mapWithLimit } from '../map-with-limit.js';
import type { KeyedPage } from '../plan/plan-pages.js';
import { error, warning, type Problem } from '../report/problem.js';
import type { OutputTarget } from './output-target.js';

/** A file the build produces, relative to the output root. */
export interface OutputFile {
  readonly path: string;
  /** Text for generated files; bytes for files copied from `public/`. */
  readonly content: string | Uint8Array;
}

/** How writing one file went, on this thread or on a worker that wrote it. */
export type WriteOutcome =
  | { readonly outputPath: string; readonly outcome: 'written' | 'unchanged'; readonly size: number }
  | { readonly outputPath: string; readonly refused: string };

/**
 * The build's account of its output: which paths are taken, what was written or left as it was,
 * and each page's key for the next build. Pages claim their paths first and win over a public file
 * on the same path (NFC-normalized: the file systems we write to may fold the two spellings).
 */
export interface OutputLedger {
  /** Takes a path for a page about to be made elsewhere; false when an earlier file has it. */
  claim(outputPath: string): boolean;
  /** Files the last build wrote that stay as they are. */
  keep(outputPaths: readonly string[]): void;
  /** The key a file is made with, recorded in the page cache once the file is written. */
  setKey(outputPath: string, keyed: KeyedPage): void;
  /**
   * Writes files through the target; each takes its path first, unless `claimed` says the caller
   * did (see claim).
   * @param total files accounted for once this step is done, for progress
   */
  write(files: readonly OutputFile[], total: number, options?: { readonly claimed?: boolean }): Promise<void>;
  /** Accounts for a file written elsewhere (a worker thread), whose path was claimed. */
  note(written: WriteOutcome, total: number): void;
  /** Files written by a step with its own accounting (the search index), which the build produced too. */
  adopt(outputPaths: readonly string[]): void;
  /** Every path this build produced: written, unchanged or kept. */
  readonly produced: ReadonlySet<string>;
  /** Files written, files found as they were (kept or unchanged), and files accounted for so far (for progress). */
  counts(): { readonly written: number; readonly unchanged: number; readonly done: number };
  /**
   * The size of a file as this build left it, when the ledger knows it: written or found unchanged
   * here, or kept with the size the page cache checked. Undefined for adopted files.
   */
  sizeOf(outputPath: string): number | undefined;
}

/**
 * @param shown how messages show an output path (the destination's, as the user sees it)
 * @param problems where write failures go, as errors naming the file
 */
export function createOutputLedger(
  target: OutputTarget,
  pageCache: PageCache | null,
  shown: (outputPath: string) => string,
  problems: Problem[],
  onProgress?: (done: number, total: number) => void,
): OutputLedger {
  const claimed = new Set<string>();
  const produced = new Set<string>();
  const keys = new Map<string, KeyedPage>();
  const sizes = new Map<string, number>();
  let written = 0;
  let unchanged = 0;
  let done = 0;

  const claim = (outputPath: string): boolean => {
    const normalized = outputPath.normalize('NFC');
    if (claimed.has(normalized)) return false;
    claimed.add(normalized);
    produced.add(outputPath);
    return true;
  };
  const note = (result: WriteOutcome, total: number): void => {
    if ('refused' in result) {
      // The writer refuses rather than write outside the destination (a symlink in it leading
      // out): that is the user's to fix, and the rest of the site still gets written.
      const hint = /refusing/.test(result.refused) ? 'remove the symbolic link from the destination, or build into an empty folder' : 'check the destination’s permissions and free space';
      problems.push(error(shown(result.outputPath), 'output/write', `not written: ${result.refused}`, hint));
      // It may have been written elsewhere (on a thread), part way: the target sweeps, then.
      target.failedElsewhere?.();
    } else {
      if (result.outcome === 'written') written++;
      else unchanged++;
      sizes.set(result.outputPath, result.size);
      const keyed = keys.get(result.outputPath);
      if (keyed) {
        pageCache?.record(result.outputPath, keyed.key, keyed.reads, result.size);
        keys.delete(result.outputPath);
      }
    }
    onProgress?.(++done, total);
  };

  return {
    claim,
    keep(outputPaths) {
      for (const kept of outputPaths) {
        claim(kept);
        unchanged++;
        // Taken now: a page cache that serves another build forgets this one's pages once saved.
        const size = pageCache?.sizeOf(kept);
        if (size !== undefined) sizes.set(kept, size);
      }
    },
    setKey: (outputPath, keyed) => void keys.set(outputPath, keyed),
    write: async (files, total, options = {}) => {
      await mapWithLimit(files, 64, async (file) => {
        if (!options.claimed && !claim(file.path)) {
          if (typeof file.content !== 'string') {
            problems.push(warning(`public/${file.path}`, 'public/shadowed', 'a generated page has the same path; the file is not copied', 'rename or remove the file'));
          }
          return;
        }
        note(await writeOne(target, file), total);
      });
    },
    note,
    adopt(outputPaths) {
      for (const file of outputPaths) produced.add(file);
    },
    produced,
    counts: () => ({ written, unchanged, done }),
    sizeOf: (outputPath) => sizes.get(outputPath),
  };
}

/** Writes one file through a target, saying how it went instead of throwing. */
export async function writeOne(target: OutputTarget, file: OutputFile): Promise<WriteOutcome> {
  try {
    const { outcome, size } = await target.write(file.path, file.content);
    return { outputPath: file.path, outcome, size };
  } catch (caught) {
    return { outputPath: file.path, refused: caught instanceof Error ? caught.message : String(caught) };
  }
}
