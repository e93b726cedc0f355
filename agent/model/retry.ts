import { ModelError } from './types.js';

/**
 * Our own retry loop, used for every provider (the SDKs' built-in retries are switched off) so that
 * rate limits, outages and timeouts behave the same whichever model drives the agent.
 */
export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer pause than this gets a clear error instead of a silent hang. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

export interface RetryNotice {
  /** The attempt that failed, counting from 1. */
  attempt: number;
  delayMs: number;
  error: ModelError;
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  sleep?: Sleep;
  /** In [0, 1); injectable so tests see exact delays. */
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

/** Waits, but wakes early (rejecting with an 'aborted' ModelError) when the signal fires. */
export const abortableSleep: Sleep = (milliseconds, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function abortedError(): ModelError {
  return new ModelError({ kind: 'aborted', message: 'model request cancelled', retryable: false });
}

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so clients that
 * failed together do not retry together, yet no retry comes back immediately.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date, RFC 9110) as milliseconds.
 */
export function parseRetryAfter(
  headers: Headers | undefined,
  now: () => number = Date.now,
): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = { ...defaultRetryPolicy, ...options.policy };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      // Anything that is not a ModelError is our own bug: surface it untouched.
      if (!(error instanceof ModelError) || !error.retryable) throw error;
      if (options.signal?.aborted) throw abortedError();
      if (attempt > policy.maxRetries) throw withSuffix(error, `gave up after ${attempt} attempts`);
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) {
        const seconds = Math.ceil(error.retryAfterMs / 1_000);
        throw withSuffix(error, `the server asked to wait ${seconds} s, longer than the retry limit`);
      }
      const delayMs = error.retryAfterMs ?? backoffDelay(attempt, policy, random);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

function withSuffix(error: ModelError, suffix: string): ModelError {
  return new ModelError({
    kind: error.kind,
    message: `${error.message} (${suffix})`,
    retryable: false,
    status: error.status,
    cause: error,
  });
}
