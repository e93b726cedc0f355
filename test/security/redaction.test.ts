import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel, resolveModelConfig } from '../../agent/model/index.js';
import { redact, redactValue } from '../../agent/model/redaction.js';
import { chatCompletionReply, startLoopbackServer, type LoopbackServer } from '../../agent/model/testing/loopback-server.js';
import { ModelError } from '../../agent/model/types.js';
import { collect, temporaryDir } from '../agent-scripted.js';
import { zkcoder } from '../run-cli.js';

/**
 * A server echoes the key it was sent (OpenAI's 401 says "Incorrect API key provided: sk-…"); a
 * model may repeat one. None of it may reach a file zkcoder writes or the terminal. The keys here
 * are random and unlike any credential shape, so only the known-values redaction can catch them.
 */
const secret = () => `zkc${randomBytes(12).toString('hex')}`;

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe('redaction of a key a server echoes', () => {
  const flagKey = secret();
  const envKey = secret();
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((_request, index) =>
      index === 0
        ? chatCompletionReply(`I will not write a sketch. Your keys: ${flagKey} and ${envKey}; also sk-proj-${secret()}.`)
        : { status: 401, body: { error: { message: `Incorrect API key provided: ${flagKey} (header x-api-key: ${secret()}, Authorization: Bearer ${secret()})`, code: 'invalid_api_key' } } },
    );
    process.env.ZKCODER_SECURITY_TEST_API_KEY = envKey;
  });
  afterAll(async () => {
    delete process.env.ZKCODER_SECURITY_TEST_API_KEY;
    await server.close();
  });

  it('keeps it out of state.json, events.jsonl, transcript.jsonl, attempts, the cassette, the events and the result', async () => {
    const folder = temporaryDir('redaction');
    const cassette = join(folder, 'run.cassette.json');
    const flags = { provider: 'openai-compatible', baseUrl: `${server.url}/v1`, apiKey: flagKey, model: 'echo', maxRetries: 0, record: cassette };
    const config = await resolveModelConfig({ flags, env: { XDG_CONFIG_HOME: folder }, cwd: folder });
    if (config.kind !== 'model') throw new Error('expected a model');
    const { model, meter } = await createLanguageModel(config);
    const { events, result } = await collect({ task: 'square of an 8-bit number', model, meter, maxIterations: 3 });
    // The key did go to the server (so the echo is real), and the run failed on the echoed 401.
    expect(server.requests.map((request) => request.headers.authorization)).toContain(`Bearer ${flagKey}`);
    expect(result.ok).toBe(false);
    const everything = [
      ...filesUnder(result.runDir),
      ...filesUnder(folder),
      { path: 'events', text: JSON.stringify(events) },
      { path: 'result', text: JSON.stringify(result) },
    ];
    expect(everything.map((file) => file.path)).toEqual(expect.arrayContaining([
      join(result.runDir, 'state.json'), join(result.runDir, 'events.jsonl'), join(result.runDir, 'transcript.jsonl'), cassette,
    ]));
    for (const { path, text } of everything) {
      expect(text, path).not.toContain(flagKey);
      expect(text, path).not.toContain(envKey);
      expect(text, path).not.toMatch(/sk-proj-zkc|x-api-key: zkc|Bearer zkc/);
    }
    // Not vacuous: the echoes are there, redacted.
    const state = readFileSync(join(result.runDir, 'state.json'), 'utf8');
    expect(state).toContain('Incorrect API key provided: [redacted]');
    expect(readFileSync(cassette, 'utf8')).toContain('Your keys: [redacted] and [redacted]; also sk-[redacted].');
    expect(readFileSync(join(result.runDir, 'transcript.jsonl'), 'utf8')).toContain('x-api-key: [redacted], Authorization: Bearer [redacted]');
  }, 60_000);

  it('keeps it out of what the CLI prints', async () => {
    const key = secret();
    const echo = await startLoopbackServer([{ status: 401, body: { error: { message: `Incorrect API key provided: ${key}` } } }]);
    try {
      const cwd = temporaryDir('redaction-cli');
      const result = await zkcoder(['generate', 'square of an 8-bit number', '--json', '--lang', 'circom', '--provider', 'openai-compatible', '--base-url', `${echo.url}/v1`, '--api-key', key, '--model', 'echo'], { cwd, timeoutMs: 120_000 });
      expect(echo.requests.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).toContain('Incorrect API key provided: [redacted]');
      expect(result.stdout + result.stderr).not.toContain(key);
      for (const { path, text } of filesUnder(cwd)) expect(text, path).not.toContain(key);
    } finally {
      await echo.close();
    }
  }, 150_000);
});

describe('the redaction step', () => {
  afterEach(() => {
    delete process.env.ZKCODER_SECURITY_TEST_TOKEN;
  });

  it('replaces keys held in credential variables of the environment, and credential shapes', () => {
    const token = secret();
    process.env.ZKCODER_SECURITY_TEST_TOKEN = token;
    expect(redact(`token ${token}!`)).toBe('token [redacted]!');
    expect(redact('key sk-ant-api03-abcdefgh_XYZ, then Bearer abc.def-ghi.9876 and "x-api-key":"k3y-value"')).toBe(
      'key sk-[redacted], then Bearer [redacted] and "x-api-key":"[redacted]"',
    );
    expect(redact('api_key=abcdef123&next=1')).toBe('api_key=[redacted]&next=1');
  });

  it('leaves ordinary text, short values and JSON validity alone', () => {
    const prose = 'task: risk-adjusted mask-bits; Bearer tokens, Basic blocks; apiKeyEnv: "MY_KEY"; apiKey: string; sk-learn';
    expect(redact(prose)).toBe(prose);
    const json = JSON.stringify({ message: 'x-api-key: abc\\"def', ok: true });
    expect(JSON.parse(redact(json))).toEqual({ message: 'x-api-key: [redacted]\\"def', ok: true });
  });

  it('redacts every string of a value, keys included, and copies only what changes', () => {
    const token = secret();
    process.env.ZKCODER_SECURITY_TEST_TOKEN = token;
    const untouched = { a: [1, 'b'] };
    const value = { untouched, deep: { list: [`is ${token}`] }, [token]: 1, ['__proto__']: 'plain' };
    const redacted = redactValue(JSON.parse(JSON.stringify(value)) as typeof value);
    expect(JSON.stringify(redacted)).not.toContain(token);
    expect(redacted.deep.list).toEqual(['is [redacted]']);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    const same = { untouched };
    expect(redactValue(same)).toBe(same);
  });

  it('redacts model error messages where they are made', () => {
    const token = secret();
    process.env.ZKCODER_SECURITY_TEST_TOKEN = token;
    expect(new ModelError({ kind: 'auth', message: `refused ${token}` }).message).toBe('refused [redacted]');
  });
});
