import { redact } from './redaction.js';
/**
 * The one interface the agent talks to: messages in, text out, with usage. Providers, the scripted
 * test model and the replay model all implement it, so the loop never knows which one it drives.
 */

export type ModelRole = 'system' | 'user' | 'assistant';

export interface ModelMessage {
  role: ModelRole;
  content: string;
}

export interface ModelRequest {
  messages: ModelMessage[];
  /** Upper bound on completion tokens for this request. */
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  /** Cancels the request (and any retry wait); the model then throws a `ModelError` of kind 'aborted'. */
  signal?: AbortSignal;
  /** 'json' asks the provider for a single JSON object where it has a way to say so. */
  responseFormat?: 'text' | 'json';
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the provider reported nothing and the counts are a characters/4 estimate. */
  estimated?: boolean;
}

/**
 * Why generation stopped, normalised across providers: 'length' means the token limit cut the text
 * short (the loop may ask to continue), 'content-filter' means the provider refused.
 */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'other';

export interface ModelResponse {
  text: string;
  usage: ModelUsage;
  finishReason: FinishReason;
  /** The provider's own response body, kept for debugging and cassettes; never relied upon. */
  raw?: unknown;
  /** Wall time of the whole call, retries and back-off included. */
  durationMs: number;
}

export interface LanguageModel {
  /** `provider:model`, e.g. `openai:gpt-5-mini` or `openai-compatible:llama3.1:8b`. */
  readonly id: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
}

/** What a provider produces for one attempt; timing is added by the wrapper that owns retries. */
export type ProviderResult = Omit<ModelResponse, 'durationMs'>;

export type ModelErrorKind =
  | 'auth'
  | 'not-found'
  | 'rate-limit'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'bad-request'
  | 'bad-response'
  | 'budget'
  | 'aborted';

export interface ModelErrorOptions {
  kind: ModelErrorKind;
  message: string;
  retryable?: boolean;
  /** Server-requested wait (from `retry-after` / `retry-after-ms`), honoured by the retry loop. */
  retryAfterMs?: number;
  status?: number;
  cause?: unknown;
}

/** Kinds worth another attempt when the error itself does not say otherwise. */
const retryableByDefault: ReadonlySet<ModelErrorKind> = new Set([
  'rate-limit',
  'server',
  'unreachable',
  'timeout',
]);

/**
 * Every failure of a model call, with a one-line message naming provider, model and (where there
 * is one) base URL, so the CLI can print it as is and the loop can decide by `kind`.
 */
export class ModelError extends Error {
  override name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(options: ModelErrorOptions) {
    // Servers echo what they were sent (a wrong key, in a 401 body): the message never carries it.
    super(redact(options.message), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.retryable = options.retryable ?? retryableByDefault.has(options.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}

/** Where a model lives, used to make error messages say what was being called. */
export interface ModelEndpoint {
  provider: string;
  model: string;
  baseURL?: string;
}

export function describeEndpoint(endpoint: ModelEndpoint): string {
  const where = endpoint.baseURL ? ` at ${endpoint.baseURL}` : '';
  return `${endpoint.provider} model '${endpoint.model}'${where}`;
}

/** Rough token count for providers that report none: about four characters per token in English and code. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateUsage(messages: ModelMessage[], completion: string): ModelUsage {
  const input = messages.reduce((total, message) => total + estimateTokens(message.content), 0);
  return { inputTokens: input, outputTokens: estimateTokens(completion), estimated: true };
}
