import { createHash } from 'node:crypto';

/**
 * Compiled programs kept for the life of the process (the analysis worker), by a digest of their
 * sources: the agent's repair loop, `kb verify` and the benchmarks analyse the same program again
 * and again, and the hint attack's rewritten program is a pure function of the user's sources.
 * Only successes are kept (a failure may be the machine's, e.g. a timeout); at most `limit` entries,
 * the oldest dropped first.
 */
export class CompileCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly limit = 16) {}

  /** `compile(files)` once per distinct set of sources; concurrent callers share one compile. */
  async get(files: Record<string, string>, compile: (files: Record<string, string>) => Promise<T>, keep: (result: T) => boolean): Promise<T> {
    const key = sourceDigest(files);
    const cached = this.entries.get(key);
    if (cached) return cached;
    const pending = compile(files);
    this.entries.set(key, pending);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    const result = await pending.catch((error: unknown) => {
      this.entries.delete(key);
      throw error;
    });
    if (!keep(result)) this.entries.delete(key);
    return result;
  }
}

/** sha256 over the file names and texts, in name order. */
export function sourceDigest(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}
