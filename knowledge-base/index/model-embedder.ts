import type OpenAI from 'openai';
import { normalize, type Embedder } from './embedder.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface ModelEmbedderOptions {
  /** e.g. `text-embedding-3-small`, or `nomic-embed-text` on Ollama. */
  model: string;
  /** Vector size the model returns; learnt from the first response when not given. */
  dimensions?: number;
  apiKey?: string;
  /** An OpenAI-compatible server, e.g. `http://localhost:11434/v1` for Ollama (default: OpenAI). */
  baseURL?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The environment variable the key comes from, named when the server refuses it. */
  keyVariable?: string;
}

/** The embedding server refused or failed a request: one line naming the server and the cause. */
export class EmbedderError extends Error {
  override name = 'EmbedderError';
}

/**
 * Embeddings from OpenAI or any server speaking its `/embeddings` API (Ollama, vLLM, llama.cpp).
 * Wrap it in `CachedEmbedder` so the knowledge base is embedded once per model.
 */
export class ModelEmbedder implements Embedder {
  readonly id: string;
  /** Made on the first request: the SDK is loaded only when a model embedder is actually used. */
  private client: Promise<OpenAI> | undefined;
  private readonly baseURL: string;
  private known: number | undefined;

  constructor(private readonly options: ModelEmbedderOptions) {
    this.baseURL = options.baseURL ?? OPENAI_BASE_URL;
    this.id = `model:${options.baseURL ?? 'openai'}:${options.model}`;
    this.known = options.dimensions;
  }

  private openai(): Promise<OpenAI> {
    const { apiKey, fetch, timeoutMs } = this.options;
    this.client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey: apiKey || 'no-key',
          // Always explicit, so the SDK never falls back to OPENAI_BASE_URL behind the user's back.
          baseURL: this.baseURL,
          fetch,
          maxRetries: 2,
          timeout: timeoutMs ?? 60_000,
        }),
    );
    return this.client;
  }

  /** 0 until the first response when the options did not say. */
  get dimensions(): number {
    return this.known ?? 0;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      // Plain floats: the SDK's default (base64) is decoded wrongly when a compatible server
      // ignores encoding_format and answers with numbers anyway.
      response = await (await this.openai()).embeddings.create({ model: this.options.model, input: texts, encoding_format: 'float' });
    } catch (error) {
      throw await this.explain(error);
    }
    const data = Array.isArray(response?.data) ? response.data : [];
    if (data.length !== texts.length) {
      throw new EmbedderError(`embedding server ${this.baseURL} returned ${data.length} embeddings for ${texts.length} texts`);
    }
    const vectors = [...data].sort((a, b) => a.index - b.index).map((d) => Float32Array.from(d.embedding));
    this.known ??= vectors[0].length;
    for (const v of vectors) {
      if (v.length !== this.known) {
        throw new EmbedderError(`embedding model ${this.options.model} returned ${v.length} dimensions, expected ${this.known}`);
      }
    }
    return vectors.map(normalize);
  }

  private async explain(error: unknown): Promise<Error> {
    const server = `embedding server ${this.baseURL}`;
    const { default: OpenAI } = await import('openai');
    if (error instanceof OpenAI.AuthenticationError) {
      return new EmbedderError(`${server} refused the API key (401): set ${this.options.keyVariable ?? 'the key'} to a key it accepts`);
    }
    if (error instanceof OpenAI.APIConnectionError) return new EmbedderError(`cannot reach ${server}: ${error.message}`);
    if (error instanceof OpenAI.APIError) {
      return new EmbedderError(`${server} answered ${error.status ?? 'an error'} for model ${this.options.model}: ${firstLine(error.message)}`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 200);
}
