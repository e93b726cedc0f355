import type { Embedder } from './embedder.js';
import { EmbedderError, ModelEmbedder } from './model-embedder.js';

export const EMBEDDER_KINDS = ['hashed', 'openai', 'openai-compatible'] as const;
export type EmbedderKind = (typeof EMBEDDER_KINDS)[number];

export const DEFAULT_OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';

/** What the user asked for; flags win over the environment (`ZKCODER_EMBEDDER`, ...). */
export interface EmbedderChoice {
  kind?: string;
  model?: string;
  baseURL?: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

/**
 * The embedder a search uses: `hashed` (the offline default, returned as undefined so the
 * knowledge base fits it on its own entries), `openai` (needs OPENAI_API_KEY) or
 * `openai-compatible` (a server such as Ollama: needs a base URL and a model). Settings come from
 * the choice, then from ZKCODER_EMBEDDER, ZKCODER_EMBEDDING_MODEL, ZKCODER_EMBEDDING_URL and the
 * key: OPENAI_API_KEY for `openai` (sent to OpenAI only), ZKCODER_EMBEDDING_KEY for a compatible
 * server. Example: `chooseEmbedder({ kind: 'openai-compatible', baseURL:
 * 'http://localhost:11434/v1', model: 'nomic-embed-text' })`.
 */
export function chooseEmbedder(choice: EmbedderChoice = {}, env: NodeJS.ProcessEnv = process.env): Embedder | undefined {
  const requested = choice.kind || env.ZKCODER_EMBEDDER || 'hashed';
  if (!(EMBEDDER_KINDS as readonly string[]).includes(requested)) {
    const from = choice.kind ? '--embedder' : 'ZKCODER_EMBEDDER';
    throw new EmbedderError(`${from}: unknown embedder "${requested}" (one of ${EMBEDDER_KINDS.join(', ')})`);
  }
  const kind = requested as EmbedderKind;
  const model = choice.model || env.ZKCODER_EMBEDDING_MODEL;
  const baseURL = choice.baseURL || env.ZKCODER_EMBEDDING_URL;
  switch (kind) {
    case 'hashed':
      return undefined;
    case 'openai': {
      // The OpenAI key goes to OpenAI only: not to a base URL chosen some other way.
      const apiKey = choice.apiKey || env.OPENAI_API_KEY;
      if (!apiKey) throw new EmbedderError('the openai embedder needs an API key: set OPENAI_API_KEY');
      return new ModelEmbedder({ model: model ?? DEFAULT_OPENAI_EMBEDDING_MODEL, apiKey, fetch: choice.fetch, keyVariable: 'OPENAI_API_KEY' });
    }
    case 'openai-compatible': {
      if (!baseURL) throw new EmbedderError('the openai-compatible embedder needs the server: --embedding-url or ZKCODER_EMBEDDING_URL (e.g. http://localhost:11434/v1)');
      if (!model) throw new EmbedderError('the openai-compatible embedder needs a model: --embedding-model or ZKCODER_EMBEDDING_MODEL (e.g. nomic-embed-text)');
      // A server of the user's choosing gets its own key, never OPENAI_API_KEY.
      const apiKey = choice.apiKey || env.ZKCODER_EMBEDDING_KEY;
      return new ModelEmbedder({ model, apiKey, baseURL, fetch: choice.fetch, keyVariable: 'ZKCODER_EMBEDDING_KEY' });
    }
    default:
      return kind satisfies never;
  }
}
