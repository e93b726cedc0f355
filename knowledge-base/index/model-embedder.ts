import OpenAI from 'openai';
import { normalize, type Embedder } from './embedder.js';

export interface ModelEmbedderOptions {
  /** e.g. `text-embedding-3-small`, or `nomic-embed-text` on Ollama. */
  model: string;
  /** Vector size the model returns. */
  dimensions: number;
  apiKey?: string;
  /** An OpenAI-compatible server, e.g. `http://localhost:11434/v1` for Ollama. */
  baseURL?: string;
  fetch?: typeof fetch;
}

/**
 * Embeddings from OpenAI or any server speaking its `/embeddings` API (Ollama, vLLM, llama.cpp).
 * Wrap it in `CachedEmbedder` so the knowledge base is embedded once per model.
 */
export class ModelEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly client: OpenAI;

  constructor(private readonly options: ModelEmbedderOptions) {
    this.id = `model:${options.baseURL ?? 'openai'}:${options.model}`;
    this.dimensions = options.dimensions;
    this.client = new OpenAI({
      apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'no-key',
      baseURL: options.baseURL,
      fetch: options.fetch,
      maxRetries: 2,
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const response = await this.client.embeddings.create({ model: this.options.model, input: texts });
    const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => Float32Array.from(d.embedding));
    for (const v of vectors) {
      if (v.length !== this.dimensions) {
        throw new Error(`embedding model ${this.options.model} returned ${v.length} dimensions, expected ${this.dimensions}`);
      }
    }
    return vectors.map(normalize);
  }
}
