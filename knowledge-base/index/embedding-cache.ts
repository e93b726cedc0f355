import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeAtomicInside } from '../../compiler-harness/files/write-gate.js';
import { basename, dirname, join } from 'node:path';
import type { Embedder } from './embedder.js';

/**
 * Wraps a model embedder so each text is embedded once per model: vectors are stored by model id
 * and content hash under `<home>/embeddings/`. Model calls cost money and time; the knowledge base
 * rarely changes.
 */
export class CachedEmbedder implements Embedder {
  private readonly file: string;
  private cache: Record<string, string> | undefined;

  constructor(
    private readonly inner: Embedder,
    home: string,
  ) {
    this.file = join(home, 'embeddings', `${inner.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }

  get id(): string {
    return this.inner.id;
  }

  /** The model's, or (for a model that says only when asked) the size of the vectors cached for it. */
  get dimensions(): number {
    if (this.inner.dimensions) return this.inner.dimensions;
    const [cached] = Object.values(this.load());
    return cached ? Buffer.from(cached, 'base64').byteLength / Float32Array.BYTES_PER_ELEMENT : 0;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const cache = this.load();
    const keys = texts.map((t) => createHash('sha256').update(t).digest('hex'));
    const missing = [...new Set(keys.map((k, i) => (cache[k] ? -1 : i)).filter((i) => i >= 0))];
    if (missing.length) {
      const vectors = await this.inner.embed(missing.map((i) => texts[i]));
      missing.forEach((textIndex, j) => (cache[keys[textIndex]] = Buffer.from(vectors[j].buffer, vectors[j].byteOffset, vectors[j].byteLength).toString('base64')));
      await writeAtomicInside(dirname(this.file), basename(this.file), JSON.stringify(cache));
    }
    return keys.map((k) => {
      const bytes = Buffer.from(cache[k], 'base64');
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    });
  }

  private load(): Record<string, string> {
    this.cache ??= existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
    return this.cache;
  }
}
