import { normalize, type Embedder } from './embedder.js';
import { queryFeatures, textFeatures, type Feature } from './text-features.js';

const DIMENSIONS = 2048;

/** FNV-1a, 32-bit: a stable hash for the hashing trick. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The default embedder: no model, no network. Hashed word, word-pair and character n-gram features
 * with TF-IDF weights fitted on the knowledge base itself, so rare, telling words ("softmax",
 * "remainder") count for more than common ones ("value", "input"). Signed hashing keeps collisions
 * from piling up in one direction.
 */
export class HashedTfIdfEmbedder implements Embedder {
  readonly dimensions = DIMENSIONS;
  readonly id: string;
  private readonly idf: Map<string, number>;

  private constructor(idf: Map<string, number>, corpusSize: number) {
    this.idf = idf;
    this.id = `hashed-tfidf-v4:${DIMENSIONS}:${corpusSize}`;
  }

  /** Fit document frequencies on the corpus (the entries' texts). */
  static fit(corpus: string[]): HashedTfIdfEmbedder {
    const documentFrequency = new Map<string, number>();
    for (const text of corpus) {
      for (const key of new Set(textFeatures(text).map((f) => f.key))) {
        documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
      }
    }
    const idf = new Map<string, number>();
    for (const [key, df] of documentFrequency) idf.set(key, Math.log((1 + corpus.length) / (1 + df)) + 1);
    return new HashedTfIdfEmbedder(idf, corpus.length);
  }

  /**
   * Embed queries: their words plus related words from the thesaurus. A feature no entry has
   * ("eight", a variable name) can match nothing, and at the highest IDF its hashed bucket only
   * adds noise where it collides with real features: it is left out.
   */
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedFeatures(queryFeatures(text).filter((f) => this.idf.has(f.key))));
  }

  /** Embed pre-weighted features (documents weight their name and tags above their description). */
  embedFeatures(features: Feature[]): Float32Array {
    const termFrequency = new Map<string, number>();
    for (const f of features) termFrequency.set(f.key, (termFrequency.get(f.key) ?? 0) + f.weight);
    const vector = new Float32Array(DIMENSIONS);
    // Unseen features get the highest IDF, as if they occurred in no document.
    const unseen = Math.log(1 + this.idf.size) + 1;
    for (const [key, tf] of termFrequency) {
      const hash = fnv1a(key);
      const sign = hash & 0x80000000 ? -1 : 1;
      vector[hash % DIMENSIONS] += sign * (1 + Math.log(tf > 1 ? tf : 1)) * Math.min(tf, 1) * (this.idf.get(key) ?? unseen);
    }
    return normalize(vector);
  }
}
