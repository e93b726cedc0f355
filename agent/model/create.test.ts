import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCassette } from './cassette.js';
import { resolveModelConfig, type ModelFlags, type ResolvedModelConfig } from './config.js';
import { createLanguageModel } from './create.js';
import { chatCompletionReply, startLoopbackServer, type LoopbackServer } from './testing/loopback-server.js';

let server: LoopbackServer | undefined;
let folder: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function resolved(flags: ModelFlags, env: Record<string, string> = {}): Promise<ResolvedModelConfig> {
  const config = await resolveModelConfig({ flags, env, cwd: '/nowhere', readTextFile: async () => undefined });
  if (config.kind !== 'model') throw new Error(`expected a model, got: ${config.reason}`);
  return config;
}

describe('createLanguageModel', () => {
  it('builds an OpenAI-compatible model from configuration and meters its usage', async () => {
    server = await startLoopbackServer([chatCompletionReply('hello', { prompt_tokens: 7, completion_tokens: 3 })]);
    const config = await resolved({ baseUrl: `${server.url}/v1`, model: 'llama3.1:8b', maxTokens: 5 });
    const { model, meter } = await createLanguageModel(config);
    expect(model.id).toBe('openai-compatible:llama3.1:8b');
    expect((await model.generate({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('hello');
    expect(meter.totals()).toMatchObject({ requests: 1, inputTokens: 7, outputTokens: 3, costUsd: undefined });
    // 10 tokens used of a budget of 5: the next request never reaches the server.
    await expect(model.generate({ messages: [{ role: 'user', content: 'again' }] })).rejects.toMatchObject({ kind: 'budget' });
    expect(server.requests).toHaveLength(1);
  });

  it('passes the configured retry count and the injected fetch to the provider', async () => {
    let calls = 0;
    const failingFetch = (async () => {
      calls += 1;
      return new Response(JSON.stringify({ error: { message: 'down' } }), { status: 500, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const config = await resolved({ maxRetries: '1' }, { OPENAI_API_KEY: 'sk' });
    const { model } = await createLanguageModel(config, { fetch: failingFetch, retry: { sleep: async () => {} } });
    expect(model.id).toBe('openai:gpt-5-mini');
    await expect(model.generate({ messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ kind: 'server' });
    expect(calls).toBe(2);
  });

  it('records with --record and replays with --replay', async () => {
    folder = await mkdtemp(join(tmpdir(), 'zkcoder-create-'));
    const file = join(folder, 'session.json');
    server = await startLoopbackServer([chatCompletionReply('recorded answer')]);
    const recordConfig = await resolved({ baseUrl: `${server.url}/v1`, model: 'm', record: file });
    const recorder = await createLanguageModel(recordConfig);
    const request = { messages: [{ role: 'user' as const, content: 'question' }] };
    await recorder.model.generate(request);
    expect((await readCassette(file)).exchanges).toHaveLength(1);

    const { model, meter } = await createLanguageModel(await resolved({ replay: file }));
    expect(model.id).toBe('replay:openai-compatible:m');
    expect((await model.generate(request)).text).toBe('recorded answer');
    expect(meter.totals().costUsd).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('builds an exec model from --exec', async () => {
    const config = await resolved({ exec: `"${process.execPath}" -e "process.stdin.pipe(process.stdout)"`, model: 'echo' });
    const { model } = await createLanguageModel(config);
    expect(model.id).toBe('exec:echo');
    expect((await model.generate({ messages: [{ role: 'user', content: 'round trip' }] })).text).toBe('round trip');
  });
});
