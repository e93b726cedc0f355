import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: the longest first, so the last file to finish is a short one and
 * neither worker idles at the end of a run (a 2-core machine runs two files at a time).
 *
 * Vitest orders by the durations of the previous run in its cache (node_modules/.vite), but a fresh
 * clone (CI) has none and falls back to file size, which starts the prover's short but slow files
 * last. `test/file-durations.json` holds the (CPU) seconds each file takes; a file it
 * does not list runs first (as vitest runs files it does not know), and the cache, when present,
 * wins over the table.
 */
const table = JSON.parse(readFileSync(new URL('./file-durations.json', import.meta.url), 'utf8')) as { seconds: Record<string, number> };
/** A file the table does not list (a new one) starts before every listed one. */
const UNKNOWN_SECONDS = Number.POSITIVE_INFINITY;

export class HeaviestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      if (cached) return cached.duration / 1000;
      return Object.hasOwn(table.seconds, path) ? table.seconds[path] : UNKNOWN_SECONDS;
    };
    const weights = new Map(files.map((spec) => [spec, weight(spec)]));
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!);
  }
}
