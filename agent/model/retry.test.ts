import { describe, expect, it } from 'vitest';
import { abortableSleep, backoffDelay, defaultRetryPolicy, parseRetryAfter, withRetry } from './retry.js';
import { ModelError } from './types.js';

const serverError = () => new ModelError({ kind: 'server', message: 'boom', status: 500 });

describe('retry', () => {
  it('grows the delay exponentially, with jitter, up to the cap', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0.999999))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('reads retry-after as seconds, as an HTTP date, and retry-after-ms', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3_000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '120', 'retry-after': '3' }))).toBe(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), () => now)).toBe(5_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('retries retryable errors, reporting each retry, then succeeds', async () => {
    const delays: number[] = [];
    const notices: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw serverError();
        return 'done';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0, onRetry: (notice) => notices.push(notice.attempt) },
    );
    expect(result).toBe('done');
    expect(delays).toEqual([500, 1_000]);
    expect(notices).toEqual([1, 2]);
  });

  it('does not retry what is not retryable, nor foreign errors', async () => {
    let calls = 0;
    const auth = new ModelError({ kind: 'auth', message: 'bad key' });
    await expect(withRetry(async () => { calls += 1; throw auth; }, { sleep: async () => {} })).rejects.toBe(auth);
    const bug = new TypeError('our bug');
    await expect(withRetry(async () => { calls += 1; throw bug; }, { sleep: async () => {} })).rejects.toBe(bug);
    expect(calls).toBe(2);
  });

  it('honours retry-after, but refuses to wait longer than the limit', async () => {
    const delays: number[] = [];
    const limited = (ms: number) => new ModelError({ kind: 'rate-limit', message: 'slow down', retryAfterMs: ms });
    let calls = 0;
    await withRetry(async () => { calls += 1; if (calls === 1) throw limited(7_000); }, { sleep: async (ms) => void delays.push(ms) });
    expect(delays).toEqual([7_000]);
    const failure = await withRetry(async () => { throw limited(3_600_000); }, { sleep: async () => {} }).catch((error) => error);
    expect(failure.kind).toBe('rate-limit');
    expect(failure.message).toBe('slow down (the server asked to wait 3600 s, longer than the retry limit)');
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const waiting = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
    const failure = await withRetry(async () => { throw serverError(); }, { signal: controller.signal }).catch((error) => error);
    expect(failure.kind).toBe('aborted');
  });
});
