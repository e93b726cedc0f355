import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { gatePath, mkdirInside, writeInside } from '../../compiler-harness/files/write-gate.js';
import { join } from 'node:path';
import type hnswlib from 'hnswlib-node';

export interface IndexedDocument {
  id: string;
  vector: Float32Array;
  /** Hash of the content the vector was computed from; a change triggers a rebuild. */
  contentHash: string;
}

interface Manifest {
  embedderId: string;
  dimensions: number;
  fingerprint: string;
  ids: string[];
}

/** What a search needs of an index: hnswlib's `searchKnn`, distances being 1 − cosine similarity. */
interface Knn {
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
}

/**
 * hnswlib-node is an optional dependency: a native addon compiled when zkcoder is installed, so a
 * machine without a C++ toolchain has none. Without it the index compares the query with every
 * vector, which for a knowledge base of hundreds of entries takes well under a millisecond.
 */
async function loadHnswlib(): Promise<typeof hnswlib | undefined> {
  try {
    return (await import('hnswlib-node')).default;
  } catch {
    return undefined;
  }
}

/** Every vector compared with the query: the exact answer hnswlib approximates. */
export class ExactKnn implements Knn {
  private readonly norms: number[];

  constructor(private readonly vectors: Float32Array[]) {
    this.norms = vectors.map(norm);
  }

  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] } {
    const queryNorm = norm(query);
    const scored = this.vectors.map((vector, label) => {
      let dot = 0;
      for (let i = 0; i < vector.length; i++) dot += vector[i] * query[i];
      return { label, distance: 1 - dot / (queryNorm * this.norms[label]) };
    });
    scored.sort((a, b) => a.distance - b.distance || a.label - b.label);
    const nearest = scored.slice(0, k);
    return { neighbors: nearest.map((s) => s.label), distances: nearest.map((s) => s.distance) };
  }
}

function norm(vector: ArrayLike<number>): number {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
  return Math.sqrt(squares) || 1;
}

/**
 * An hnswlib index over document vectors, persisted as `hnsw.bin` + `manifest.json` in `dir`. The
 * manifest fingerprints the embedder and every document's content, so an index built from stale
 * entries (or another embedder) is rebuilt automatically instead of answering from old data.
 * Without hnswlib-node (see `loadHnswlib`) the vectors are searched exactly and nothing is persisted.
 */
export class VectorIndex {
  private constructor(
    private readonly index: Knn,
    readonly ids: string[],
    /** Whether this open rebuilt the index (false when it was read from disk). */
    readonly rebuilt: boolean,
  ) {}

  static async open(options: { dir: string; embedderId: string; dimensions: number; documents: () => Promise<IndexedDocument[]>; hashes: { id: string; contentHash: string }[]; /** Search exactly even when hnswlib-node is installed (tests compare the two). */ exact?: boolean }): Promise<VectorIndex> {
    const hnswlib = options.exact ? undefined : await loadHnswlib();
    if (!hnswlib) {
      const documents = await options.documents();
      return new VectorIndex(new ExactKnn(documents.map((d) => d.vector)), documents.map((d) => d.id), true);
    }
    const fingerprint = createHash('sha256')
      .update(options.embedderId)
      .update(JSON.stringify(options.hashes.map((h) => [h.id, h.contentHash])))
      .digest('hex');
    const manifestPath = join(options.dir, 'manifest.json');
    const indexPath = join(options.dir, 'hnsw.bin');
    if (existsSync(manifestPath) && existsSync(indexPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (manifest.fingerprint === fingerprint && manifest.dimensions === options.dimensions) {
        const index = new hnswlib.HierarchicalNSW('cosine', options.dimensions);
        await index.readIndex(indexPath);
        index.setEf(Math.max(50, manifest.ids.length));
        return new VectorIndex(index, manifest.ids, false);
      }
    }
    const documents = await options.documents();
    const index = new hnswlib.HierarchicalNSW('cosine', options.dimensions);
    index.initIndex({ maxElements: Math.max(documents.length, 1), m: 16, efConstruction: 200, randomSeed: 42 });
    documents.forEach((d, label) => index.addPoint(Array.from(d.vector), label));
    index.setEf(Math.max(50, documents.length));
    await mkdirInside(options.dir, '.');
    const manifest: Manifest = { embedderId: options.embedderId, dimensions: options.dimensions, fingerprint, ids: documents.map((d) => d.id) };
    // Write to temporary names and rename, so a killed process never leaves a half index behind.
    const suffix = `.${process.pid}.partial`;
    await index.writeIndex(gatePath(options.dir, `hnsw.bin${suffix}`));
    await writeInside(options.dir, `manifest.json${suffix}`, JSON.stringify(manifest));
    await rename(gatePath(options.dir, `hnsw.bin${suffix}`), gatePath(options.dir, 'hnsw.bin'));
    await rename(gatePath(options.dir, `manifest.json${suffix}`), gatePath(options.dir, 'manifest.json'));
    return new VectorIndex(index, manifest.ids, true);
  }

  /** The k nearest documents by cosine similarity (1 = same direction). */
  search(vector: Float32Array, k: number): { id: string; similarity: number }[] {
    const count = Math.min(k, this.ids.length);
    if (count === 0) return [];
    const result = this.index.searchKnn(Array.from(vector), count);
    return result.neighbors.map((label, i) => ({ id: this.ids[label], similarity: 1 - result.distances[i] }));
  }
}
