/** Turns texts into vectors; the index stores them and search compares them by cosine. */
export interface Embedder {
  /** Identifies the model (and its state) so cached vectors of another embedder are never mixed in. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Scale a vector to unit length (cosine similarity becomes a dot product). */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}
