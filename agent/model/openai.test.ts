import { afterEach, describe, expect, it } from 'vitest';
import { chatCompletionBody, createOpenAIModel } from './providers/openai.js';
import {
  chatCompletionReply,
  startLoopbackServer,
  type LoopbackServer,
  type ReplyScript,
} from './testing/loopback-server.js';
import { ModelError } from './types.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sleeps nothing, remembers how long it was asked to sleep. */
function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (milliseconds: number) => {
    delays.push(milliseconds);
  };
  return { delays, sleep };
}

async function modelAgainst(script: ReplyScript, sleep = recordingSleep().sleep) {
  server = await startLoopbackServer(script);
  return createOpenAIModel({
    model: 'gpt-test',
    apiKey: 'sk-test-key',
    baseURL: `${server.url}/v1`,
    retry: { sleep, random: () => 0.5 },
  });
}

describe('openai provider against a loopback Chat Completions server', () => {
  it('sends the Chat Completions request shape', async () => {
    const model = await modelAgainst([chatCompletionReply('pong')]);
    await model.generate({
      messages: [
        { role: 'system', content: 'You write circuits.' },
        { role: 'user', content: 'ping' },
      ],
      maxTokens: 64,
      temperature: 0.2,
      stop: ['END'],
      responseFormat: 'json',
    });
    const [request] = server!.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test-key');
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'You write circuits.' },
        { role: 'user', content: 'ping' },
      ],
      max_completion_tokens: 64,
      temperature: 0.2,
      stop: ['END'],
      response_format: { type: 'json_object' },
    });
  });

  it('leaves out temperature and stop for reasoning models, which refuse them', () => {
    const request = {
      messages: [{ role: 'user' as const, content: 'x' }],
      temperature: 0,
      stop: ['END'],
      maxTokens: 10,
    };
    const options = { tokenLimitField: 'max_completion_tokens' as const, dropsUnsupportedSampling: true };
    const reasoning = chatCompletionBody(request, { ...options, model: 'gpt-5-mini' });
    expect(reasoning).toEqual({ model: 'gpt-5-mini', messages: request.messages, max_completion_tokens: 10 });
    expect(chatCompletionBody(request, { ...options, model: 'o4-mini' })).not.toHaveProperty('temperature');
    expect(chatCompletionBody(request, { ...options, model: 'gpt-4.1' })).toMatchObject({ temperature: 0, stop: ['END'] });
    expect(chatCompletionBody(request, { ...options, model: 'gpt-5-chat-latest' })).toHaveProperty('temperature', 0);
  });

  it('parses text, usage and finish reason', async () => {
    const model = await modelAgainst([
      chatCompletionReply('pong', { prompt_tokens: 30, completion_tokens: 4 }),
    ]);
    const response = await model.generate({ messages: [{ role: 'user', content: 'ping' }] });
    expect(model.id).toBe('openai:gpt-test');
    expect(response.text).toBe('pong');
    expect(response.usage).toEqual({ inputTokens: 30, outputTokens: 4 });
    expect(response.finishReason).toBe('stop');
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a 429, honouring retry-after, then succeeds', async () => {
    const { delays, sleep } = recordingSleep();
    const model = await modelAgainst(
      [
        { status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'slow down' } } },
        chatCompletionReply('after the wait'),
      ],
      sleep,
    );
    const response = await model.generate({ messages: [{ role: 'user', content: 'ping' }] });
    expect(response.text).toBe('after the wait');
    expect(server!.requests).toHaveLength(2);
    expect(delays).toEqual([2_000]);
  });

  it('backs off exponentially on server errors and gives up with a clear error', async () => {
    const { delays, sleep } = recordingSleep();
    const model = await modelAgainst([{ status: 503, body: { error: { message: 'overloaded' } } }], sleep);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('server');
    expect(failure.message).toMatch(/gave up after 4 attempts/);
    expect(server!.requests).toHaveLength(4);
    // base 1 s, equal jitter at random 0.5: 0.75 of 1 s, 2 s, 4 s.
    expect(delays).toEqual([750, 1_500, 3_000]);
  });

  it('fails at once with a one-line auth error on 401', async () => {
    const model = await modelAgainst([
      { status: 401, body: { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } } },
    ]);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('auth');
    expect(failure.retryable).toBe(false);
    expect(server!.requests).toHaveLength(1);
    expect(failure.message).not.toContain('\n');
    expect(failure.message).toContain("openai model 'gpt-test'");
    expect(failure.message).toContain(`${server!.url}/v1`);
    expect(failure.message).toContain('HTTP 401');
    expect(failure.message).toContain('OPENAI_API_KEY');
    expect(failure.message).toContain('Incorrect API key provided');
  });

  it('reports an unknown model as not-found', async () => {
    const model = await modelAgainst([
      { status: 404, body: { error: { message: 'The model `gpt-nope` does not exist', code: 'model_not_found' } } },
    ]);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('not-found');
    expect(failure.message).toContain('does not exist');
  });

  it('stops at the time limit with a timeout error', async () => {
    server = await startLoopbackServer([{ ...chatCompletionReply('late'), delayMs: 2_000 }]);
    const model = createOpenAIModel({
      model: 'gpt-test',
      apiKey: 'sk-test-key',
      baseURL: `${server.url}/v1`,
      timeoutMs: 100,
      retry: { policy: { maxRetries: 0 } },
    });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('no answer within 100 ms');
  });

  it('says the server is unreachable when nothing listens', async () => {
    server = await startLoopbackServer([chatCompletionReply('unused')]);
    const closedURL = `${server.url}/v1`;
    await server.close();
    server = undefined;
    const model = createOpenAIModel({
      model: 'gpt-test',
      apiKey: 'sk-test-key',
      baseURL: closedURL,
      retry: { policy: { maxRetries: 1 }, sleep: async () => {} },
    });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(failure.message).toContain(closedURL);
  });

  it('uses an injected fetch (no server at all)', async () => {
    const seen: { url: string; body: unknown }[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify(chatCompletionReply('from fetch').body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const model = createOpenAIModel({ model: 'gpt-test', apiKey: 'k', baseURL: 'https://example.invalid/v1', fetch: fakeFetch });
    const response = await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.text).toBe('from fetch');
    expect(seen[0].url).toBe('https://example.invalid/v1/chat/completions');
    expect(seen[0].body).toMatchObject({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('rejects a completion without choices as a bad response', async () => {
    const model = await modelAgainst([{ body: { id: 'x', object: 'chat.completion', choices: [] } }]);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('bad-response');
    expect(server!.requests).toHaveLength(1);
  });
});
