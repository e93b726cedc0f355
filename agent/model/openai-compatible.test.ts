import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleModel } from './providers/openai-compatible.js';
import {
  chatCompletionReply,
  startLoopbackServer,
  type LoopbackServer,
} from './testing/loopback-server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('openai-compatible provider against an Ollama-style server', () => {
  it('sends no Authorization header without a key and uses max_tokens', async () => {
    server = await startLoopbackServer([chatCompletionReply('local answer')]);
    const model = createOpenAICompatibleModel({ model: 'llama3.1:8b', baseURL: `${server.url}/v1` });
    const response = await model.generate({
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 128,
    });
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 128,
    });
    expect(model.id).toBe('openai-compatible:llama3.1:8b');
    expect(response.text).toBe('local answer');
  });

  it('sends a bearer token when a key is given', async () => {
    server = await startLoopbackServer([chatCompletionReply('ok')]);
    const model = createOpenAICompatibleModel({
      model: 'served-model',
      baseURL: `${server.url}/v1`,
      apiKey: 'vllm-token',
    });
    await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(server.requests[0].headers.authorization).toBe('Bearer vllm-token');
  });

  it('estimates usage when the server reports none', async () => {
    const body = chatCompletionReply('12345678').body as Record<string, unknown>;
    server = await startLoopbackServer([{ body: { ...body, usage: undefined } }]);
    const model = createOpenAICompatibleModel({ model: 'm', baseURL: `${server.url}/v1` });
    const response = await model.generate({ messages: [{ role: 'user', content: 'abcdefgh' }] });
    expect(response.usage).toEqual({ inputTokens: 2, outputTokens: 2, estimated: true });
  });

  it('turns Ollama\'s "model not found" into a not-found error with advice', async () => {
    server = await startLoopbackServer([
      {
        status: 404,
        body: { error: { message: 'model "qwen-nope" not found, try pulling it first', type: 'api_error' } },
      },
    ]);
    const model = createOpenAICompatibleModel({ model: 'qwen-nope', baseURL: `${server.url}/v1` });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('not-found');
    expect(failure.message).toContain("openai-compatible model 'qwen-nope'");
    expect(failure.message).toContain('try pulling it first');
    expect(failure.message).toContain('ollama pull');
    expect(server.requests).toHaveLength(1);
  });
});
