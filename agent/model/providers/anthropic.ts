import type Anthropic from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsNonStreaming,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { errorFromSdk } from '../http-errors.js';
import {
  badResponse,
  createProviderModel,
  defaultTimeoutMs,
  type ResilienceOptions,
} from '../provider-model.js';
import {
  describeEndpoint,
  ModelError,
  type FinishReason,
  type LanguageModel,
  type ModelEndpoint,
  type ModelRequest,
  type ProviderResult,
} from '../types.js';

/** Claude through the official SDK's Messages API. */
export interface AnthropicOptions extends ResilienceOptions {
  model: string;
  apiKey: string;
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  /** The Messages API requires a limit on every request; this one applies when the request has none. */
  defaultMaxTokens?: number;
}

export const anthropicDefaultBaseURL = 'https://api.anthropic.com';
const defaultMaxTokens = 8_192;

/**
 * The Messages API has no "reply in JSON" switch without a schema, so 'json' becomes an instruction.
 */
const jsonInstruction = 'Reply with exactly one JSON object and nothing else: no prose, no code fences.';

export function createAnthropicModel(options: AnthropicOptions): LanguageModel {
  const baseURL = options.baseURL ?? anthropicDefaultBaseURL;
  const endpoint: ModelEndpoint = { provider: 'anthropic', model: options.model, baseURL };
  if (!options.apiKey) {
    // Without a key the SDK would go looking for credential files of its own; we never want that.
    throw new ModelError({
      kind: 'auth',
      message: `${describeEndpoint(endpoint)}: no API key; set ANTHROPIC_API_KEY or pass --api-key`,
    });
  }
  // The SDK loads on the first request: a run with another provider (or none) never loads it.
  let client: Promise<Anthropic> | undefined;
  const connect = async () => new (await import('@anthropic-ai/sdk')).default({
    apiKey: options.apiKey,
    baseURL,
    fetch: options.fetch,
    // Our retry loop and time limit apply to every provider alike; the SDK's limit is a backstop.
    maxRetries: 0,
    timeout: (options.timeoutMs ?? defaultTimeoutMs) + 1_000,
    // Nothing outside cli/ writes to the terminal.
    logLevel: 'off',
  });
  return createProviderModel({
    ...options,
    id: `anthropic:${options.model}`,
    endpoint,
    classify: (error) =>
      errorFromSdk(error, endpoint, { keyHint: 'ANTHROPIC_API_KEY or --api-key' }),
    async call(request, signal) {
      const body = messagesBody(request, {
        model: options.model,
        defaultMaxTokens: options.defaultMaxTokens ?? defaultMaxTokens,
      });
      client ??= connect();
      const message = await (await client).messages.create(body, { signal });
      return parseMessage(message, endpoint);
    },
  });
}

/**
 * System messages move to the `system` field (the API has no system role); their order is kept
 * but their position among the turns is not, which is how every Claude client treats them.
 */
export function messagesBody(
  request: ModelRequest,
  options: { model: string; defaultMaxTokens: number },
): MessageCreateParamsNonStreaming {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content);
  if (request.responseFormat === 'json') system.push(jsonInstruction);
  const body: MessageCreateParamsNonStreaming = {
    model: options.model,
    max_tokens: request.maxTokens ?? options.defaultMaxTokens,
    messages: request.messages
      .filter((message) => message.role !== 'system')
      .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content })),
  };
  if (system.length > 0) body.system = system.join('\n\n');
  // No temperature: the Messages API of this SDK generation no longer takes sampling parameters.
  if (request.stop?.length) body.stop_sequences = request.stop;
  return body;
}

export function parseMessage(message: Message, endpoint: ModelEndpoint): ProviderResult {
  if (!Array.isArray(message?.content)) {
    throw badResponse(endpoint, 'the message has no content blocks', message);
  }
  const text = message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('');
  return {
    text,
    usage: {
      // Cached prompt tokens are reported apart from `input_tokens`; the prompt is all of them.
      inputTokens:
        (message.usage?.input_tokens ?? 0) +
        (message.usage?.cache_creation_input_tokens ?? 0) +
        (message.usage?.cache_read_input_tokens ?? 0),
      outputTokens: message.usage?.output_tokens ?? 0,
    },
    finishReason: finishReason(message.stop_reason),
    raw: message,
  };
}

function finishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
