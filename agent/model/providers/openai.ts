import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { errorFromSdk, type ErrorHints } from '../http-errors.js';
import {
  badResponse,
  createProviderModel,
  defaultTimeoutMs,
  type ResilienceOptions,
} from '../provider-model.js';
import {
  estimateUsage,
  type FinishReason,
  type LanguageModel,
  type ModelEndpoint,
  type ModelRequest,
  type ProviderResult,
} from '../types.js';

/** The Chat Completions protocol through the official SDK: OpenAI itself and compatible servers. */
export interface OpenAIChatOptions extends ResilienceOptions {
  model: string;
  apiKey?: string;
  /** Always passed explicitly so the SDK never falls back to OPENAI_BASE_URL behind our back. */
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
}

export const openAIDefaultBaseURL = 'https://api.openai.com/v1';

interface ChatProtocolOptions extends OpenAIChatOptions {
  provider: string;
  /**
   * OpenAI's newer models reject `max_tokens`; most compatible servers only know `max_tokens`.
   */
  tokenLimitField: 'max_completion_tokens' | 'max_tokens';
  /** Whether to drop sampling parameters the model would refuse (OpenAI's reasoning models). */
  dropsUnsupportedSampling?: boolean;
  hints: ErrorHints;
}

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…, except the -chat variants) refuse
 * `temperature` and `stop` with a 400. The agent loop sets both for every model, so for these
 * models they are left out rather than failing the run.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model) && !model.includes('-chat');
}

export function createOpenAIModel(options: OpenAIChatOptions): LanguageModel {
  return createChatCompletionsModel({
    ...options,
    provider: 'openai',
    tokenLimitField: 'max_completion_tokens',
    dropsUnsupportedSampling: true,
    hints: { keyHint: 'OPENAI_API_KEY or --api-key' },
  });
}

export function createChatCompletionsModel(options: ChatProtocolOptions): LanguageModel {
  const baseURL = options.baseURL ?? openAIDefaultBaseURL;
  const endpoint: ModelEndpoint = { provider: options.provider, model: options.model, baseURL };
  // The SDK loads on the first request: a run with another provider (or none) never loads it.
  let client: Promise<OpenAI> | undefined;
  const connect = async () => new (await import('openai')).default({
    // A keyless local server still needs a placeholder; the header itself is removed below.
    apiKey: options.apiKey ?? 'no-key',
    baseURL,
    fetch: options.fetch,
    defaultHeaders: options.apiKey ? undefined : { Authorization: null },
    // Our retry loop and time limit apply to every provider alike; the SDK's limit is a backstop.
    maxRetries: 0,
    timeout: (options.timeoutMs ?? defaultTimeoutMs) + 1_000,
    // Nothing outside cli/ writes to the terminal.
    logLevel: 'off',
    organization: null,
    project: null,
  });
  return createProviderModel({
    ...options,
    id: `${options.provider}:${options.model}`,
    endpoint,
    classify: (error) => errorFromSdk(error, endpoint, options.hints),
    async call(request, signal) {
      const body = chatCompletionBody(request, options);
      client ??= connect();
      const completion = await (await client).chat.completions.create(body, { signal });
      return parseChatCompletion(completion, { endpoint, request });
    },
  });
}

export function chatCompletionBody(
  request: ModelRequest,
  options: Pick<ChatProtocolOptions, 'model' | 'tokenLimitField' | 'dropsUnsupportedSampling'>,
): ChatCompletionCreateParamsNonStreaming {
  const sampling = !(options.dropsUnsupportedSampling && isOpenAIReasoningModel(options.model));
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: options.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
  };
  if (request.maxTokens !== undefined) body[options.tokenLimitField] = request.maxTokens;
  if (sampling && request.temperature !== undefined) body.temperature = request.temperature;
  if (sampling && request.stop?.length) body.stop = request.stop;
  if (request.responseFormat === 'json') body.response_format = { type: 'json_object' };
  return body;
}

export function parseChatCompletion(
  completion: ChatCompletion,
  context: { endpoint: ModelEndpoint; request: ModelRequest },
): ProviderResult {
  const { endpoint } = context;
  const choice = completion?.choices?.[0];
  if (!choice?.message) throw badResponse(endpoint, 'no choices in the completion', completion);
  const { content, refusal } = choice.message;
  if (typeof content !== 'string' && typeof refusal !== 'string') {
    throw badResponse(endpoint, 'the completion has no text content', completion);
  }
  const text = content ?? '';
  const usage = completion.usage;
  const refused = typeof refusal === 'string' && !content;
  return {
    text,
    // Some compatible servers omit usage; an estimate keeps token budgets meaningful.
    usage: usage
      ? { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 }
      : estimateUsage(context.request.messages, text),
    finishReason: refused ? 'content-filter' : finishReason(choice.finish_reason),
    raw: completion,
  };
}

function finishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
