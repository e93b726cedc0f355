import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExactKnn, VectorIndex, type IndexedDocument } from './vector-index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Deterministic pseudo-random vectors (a linear congruential generator), some of them near-duplicates. */
function vectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: count }, () => Float32Array.from({ length: dimensions }, next));
}

async function open(documents: IndexedDocument[], exact: boolean): Promise<VectorIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'zkcoder-vector-index-'));
  dirs.push(dir);
  const hashes = documents.map((d) => ({ id: d.id, contentHash: d.contentHash }));
  return VectorIndex.open({ dir, embedderId: 'test', dimensions: documents[0].vector.length, documents: async () => documents, hashes, exact });
}

describe('the vector index without hnswlib-node (an optional dependency)', () => {
  it('answers what the hnswlib index answers: the same documents in the same order, the same similarities', async () => {
    const documents = vectors(80, 48, 7).map((vector, i) => ({ id: `doc-${i}`, vector, contentHash: String(i) }));
    const [hnsw, exact] = [await open(documents, false), await open(documents, true)];
    for (const query of vectors(12, 48, 99)) {
      const [fromHnsw, fromExact] = [hnsw.search(query, 5), exact.search(query, 5)];
      expect(fromExact.map((hit) => hit.id)).toEqual(fromHnsw.map((hit) => hit.id));
      fromExact.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(fromHnsw[i].similarity, 5));
    }
  });

  it('ranks by cosine similarity, an identical direction first, and never returns more than it holds', () => {
    const knn = new ExactKnn([Float32Array.from([1, 0]), Float32Array.from([0, 2]), Float32Array.from([3, 3])]);
    const { neighbors, distances } = knn.searchKnn([0, 5], 5);
    expect(neighbors).toEqual([1, 2, 0]);
    expect(distances[0]).toBeCloseTo(0, 10);
    expect(distances[1]).toBeCloseTo(1 - Math.SQRT1_2, 10);
    expect(distances[2]).toBeCloseTo(1, 10);
  });
});
