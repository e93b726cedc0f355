import { abortedError, withRetry, type RetryOptions } from './retry.js';
import {
  describeEndpoint,
  ModelError,
  type LanguageModel,
  type ModelEndpoint,
  type ModelRequest,
  type ModelResponse,
  type ProviderResult,
} from './types.js';

/**
 * The part every real provider shares: a per-attempt time limit, our retry loop and timing. A
 * provider only supplies one attempt (`call`) and a way to read its own errors (`classify`).
 */
export type ProviderCall = (request: ModelRequest, signal: AbortSignal) => Promise<ProviderResult>;

/** Options the factory passes to every provider; all optional so tests set only what they check. */
export interface ResilienceOptions {
  /** Per-attempt limit; a slow local model may need minutes, hence the generous default. */
  timeoutMs?: number;
  retry?: Omit<RetryOptions, 'signal'>;
  now?: () => number;
}

export interface ProviderModelOptions extends ResilienceOptions {
  id: string;
  endpoint: ModelEndpoint;
  call: ProviderCall;
  /** Maps the provider's own failures to ModelError; undefined means "not ours, rethrow". */
  classify?: (error: unknown) => ModelError | undefined;
}

export const defaultTimeoutMs = 180_000;

export function createProviderModel(options: ProviderModelOptions): LanguageModel {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const now = options.now ?? Date.now;
  const where = describeEndpoint(options.endpoint);
  const attempt = async (request: ModelRequest): Promise<ProviderResult> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort();
    request.signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      if (request.signal?.aborted) throw abortedError();
      return await options.call(request, controller.signal);
    } catch (error) {
      // Our own abort reasons win over whatever the SDK made of the aborted fetch.
      if (request.signal?.aborted) throw abortedError();
      if (timedOut) {
        throw new ModelError({
          kind: 'timeout',
          message: `${where}: no answer within ${formatSeconds(timeoutMs)}`,
          cause: error,
        });
      }
      if (error instanceof ModelError) throw error;
      throw options.classify?.(error) ?? error;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', forwardAbort);
    }
  };
  return {
    id: options.id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const started = now();
      const result = await withRetry(() => attempt(request), {
        ...options.retry,
        signal: request.signal,
      });
      return { ...result, durationMs: now() - started };
    },
  };
}

function formatSeconds(milliseconds: number): string {
  return milliseconds >= 1_000 ? `${Math.round(milliseconds / 100) / 10} s` : `${milliseconds} ms`;
}

/** A response we cannot use; not retried, as the same request would likely get the same answer. */
export function badResponse(endpoint: ModelEndpoint, problem: string, raw?: unknown): ModelError {
  return new ModelError({
    kind: 'bad-response',
    message: `${describeEndpoint(endpoint)}: unexpected response: ${problem}`,
    retryable: false,
    cause: raw,
  });
}
