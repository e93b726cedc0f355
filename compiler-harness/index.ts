import type { Backend, HarnessOptions, Lang } from './types.js';

export type * from './types.js';
export { checkCircuit, type CheckReport } from './check.js';
export { formatCheckReport } from './report-text.js';
export { loadTestVectors, parseTestVectors, VectorsError, type TestVectors } from './vectors/schema.js';

/** The backend for a language; loaded on demand so a Circom check never loads the Noir toolchain. */
export async function createBackend(lang: Lang, options: HarnessOptions = {}): Promise<Backend> {
  switch (lang) {
    case 'circom': {
      const { CircomBackend } = await import('./circom/backend.js');
      return new CircomBackend(options) as unknown as Backend;
    }
    case 'noir': {
      const { NoirBackend } = await import('./noir/backend.js');
      return new NoirBackend(options) as unknown as Backend;
    }
    default:
      return lang satisfies never;
  }
}
