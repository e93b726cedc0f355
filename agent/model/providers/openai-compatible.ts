import type { LanguageModel } from '../types.js';
import { createChatCompletionsModel, type OpenAIChatOptions } from './openai.js';

/**
 * Any server that speaks Chat Completions: Ollama (`http://localhost:11434/v1`), vLLM
 * (`http://host:8000/v1`), llama.cpp's `llama-server` (`http://host:8080/v1`), LM Studio, proxies.
 * The key is optional because local servers usually have none; without one no Authorization header
 * is sent at all (some proxies reject a dummy bearer token).
 */
export interface OpenAICompatibleOptions extends OpenAIChatOptions {
  baseURL: string;
}

export const ollamaDefaultBaseURL = 'http://localhost:11434/v1';

export function createOpenAICompatibleModel(options: OpenAICompatibleOptions): LanguageModel {
  return createChatCompletionsModel({
    ...options,
    provider: 'openai-compatible',
    // `max_completion_tokens` is recent; Ollama, vLLM and llama.cpp all understand `max_tokens`.
    tokenLimitField: 'max_tokens',
    hints: {
      keyHint: 'the key for this server (--api-key or OPENAI_API_KEY)',
      notFoundHint:
        'check the model name (for Ollama: `ollama list`, `ollama pull NAME`) and that the base URL ends in /v1',
    },
  });
}
