import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicModel } from './providers/anthropic.js';
import {
  anthropicMessageReply,
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

async function modelAgainst(script: ReplyScript, delays: number[] = []) {
  server = await startLoopbackServer(script);
  return createAnthropicModel({
    model: 'claude-test',
    apiKey: 'sk-ant-test',
    baseURL: server.url,
    retry: { sleep: async (milliseconds) => void delays.push(milliseconds), random: () => 0 },
  });
}

describe('anthropic provider against a loopback Messages server', () => {
  it('sends system messages in the system field with key and version headers', async () => {
    const model = await modelAgainst([anthropicMessageReply('ok')]);
    await model.generate({
      messages: [
        { role: 'system', content: 'You write circuits.' },
        { role: 'user', content: 'Write a range check.' },
        { role: 'assistant', content: 'Which width?' },
        { role: 'user', content: '8 bits.' },
      ],
      maxTokens: 300,
      stop: ['</sketch>'],
    });
    const [request] = server!.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/messages');
    // SDK 1.10 sends the key as a bearer token (older SDKs used x-api-key); we check what goes out.
    expect(request.headers.authorization).toBe('Bearer sk-ant-test');
    expect(request.headers['x-api-key']).toBeUndefined();
    expect(request.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.body).toEqual({
      model: 'claude-test',
      max_tokens: 300,
      system: 'You write circuits.',
      messages: [
        { role: 'user', content: 'Write a range check.' },
        { role: 'assistant', content: 'Which width?' },
        { role: 'user', content: '8 bits.' },
      ],
      stop_sequences: ['</sketch>'],
    });
  });

  it('always sends max_tokens and turns the json format into an instruction', async () => {
    const model = await modelAgainst([anthropicMessageReply('{}')]);
    await model.generate({ messages: [{ role: 'user', content: 'x' }], responseFormat: 'json' });
    const body = server!.requests[0].body as { max_tokens: number; system: string };
    expect(body.max_tokens).toBe(8_192);
    expect(body.system).toMatch(/exactly one JSON object/);
  });

  it('parses text blocks, usage and stop reason', async () => {
    const model = await modelAgainst([
      {
        body: {
          ...(anthropicMessageReply('').body as object),
          content: [
            { type: 'text', text: 'part one, ' },
            { type: 'text', text: 'part two' },
          ],
          stop_reason: 'max_tokens',
          usage: { input_tokens: 11, output_tokens: 22, cache_read_input_tokens: 100 },
        },
      },
    ]);
    const response = await model.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(model.id).toBe('anthropic:claude-test');
    expect(response.text).toBe('part one, part two');
    expect(response.usage).toEqual({ inputTokens: 111, outputTokens: 22 });
    expect(response.finishReason).toBe('length');
  });

  it('retries an overloaded (529) server and a 429 with retry-after-ms', async () => {
    const delays: number[] = [];
    const model = await modelAgainst(
      [
        { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
        { status: 429, headers: { 'retry-after-ms': '250' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } } },
        anthropicMessageReply('third time'),
      ],
      delays,
    );
    const response = await model.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(response.text).toBe('third time');
    expect(delays).toEqual([500, 250]);
  });

  it('gives a clear one-line error on 401 without retrying', async () => {
    const model = await modelAgainst([
      { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } },
    ]);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('auth');
    expect(server!.requests).toHaveLength(1);
    expect(failure.message).toBe(
      `anthropic model 'claude-test' at ${server!.url}: authentication failed; check ANTHROPIC_API_KEY or --api-key (HTTP 401): invalid x-api-key`,
    );
  });

  it('reports an unknown model as not-found', async () => {
    const model = await modelAgainst([
      { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-nope' } } },
    ]);
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('not-found');
    expect(failure.message).toContain('model: claude-nope');
  });
});
