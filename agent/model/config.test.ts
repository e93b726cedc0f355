import { describe, expect, it } from 'vitest';
import { resolveModelConfig, type ModelFlags } from './config.js';
import { ModelConfigError } from './config-file.js';

/** Resolves against an in-memory file system: no real zkcoder.config.json is ever read. */
function resolveWith(options: { flags?: ModelFlags; env?: Record<string, string>; files?: Record<string, unknown> }) {
  const files = options.files ?? {};
  return resolveModelConfig({
    flags: options.flags,
    env: options.env ?? {},
    cwd: '/project',
    readTextFile: async (path) => {
      const content = files[path];
      return content === undefined ? undefined : typeof content === 'string' ? content : JSON.stringify(content);
    },
  });
}

const configPath = '/project/zkcoder.config.json';
const userPath = '/home/u/.config/zkcoder/config.json';

describe('model configuration', () => {
  it('says "no model configured" (not an error) when nothing is set', async () => {
    const config = await resolveWith({});
    expect(config.kind).toBe('none');
    if (config.kind === 'none') expect(config.reason).toMatch(/^no model configured: set OPENAI_API_KEY/);
  });

  it('lets --provider none switch the model off even with keys around', async () => {
    const config = await resolveWith({ flags: { provider: 'none' }, env: { OPENAI_API_KEY: 'sk' } });
    expect(config).toMatchObject({ kind: 'none', reason: expect.stringContaining('switched off') });
  });

  it('infers OpenAI with its default model from OPENAI_API_KEY', async () => {
    const config = await resolveWith({ env: { OPENAI_API_KEY: 'sk-env' } });
    expect(config).toMatchObject({
      kind: 'model',
      provider: 'openai',
      model: 'gpt-5-mini',
      apiKey: 'sk-env',
      timeoutMs: 180_000,
      sources: { provider: 'inferred', model: 'default', apiKey: 'env' },
    });
  });

  it('picks the provider from the model name when both keys are set', async () => {
    const config = await resolveWith({ env: { OPENAI_API_KEY: 'sk', ANTHROPIC_API_KEY: 'ant', ZKCODER_MODEL: 'claude-haiku-4-5' } });
    expect(config).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'ant' });
  });

  it('ranks flags over environment over the config file over defaults', async () => {
    const files = { [configPath]: { model: { provider: 'anthropic', name: 'from-file', timeoutSeconds: 30, maxTokens: 5000 } } };
    const fileOnly = await resolveWith({ files, env: { ANTHROPIC_API_KEY: 'ant' } });
    expect(fileOnly).toMatchObject({ provider: 'anthropic', model: 'from-file', timeoutMs: 30_000, budget: { maxTokens: 5000 }, configFile: configPath });
    const withEnv = await resolveWith({ files, env: { ANTHROPIC_API_KEY: 'ant', ZKCODER_MODEL: 'from-env' } });
    expect(withEnv).toMatchObject({ model: 'from-env', sources: { model: 'env', provider: 'config' } });
    const withFlags = await resolveWith({
      files,
      env: { ANTHROPIC_API_KEY: 'ant', ZKCODER_MODEL: 'from-env', ZKCODER_PROVIDER: 'openai', OPENAI_API_KEY: 'sk' },
      flags: { model: 'from-flag', maxTokens: '900', maxCost: '0.5', timeout: '12' },
    });
    expect(withFlags).toMatchObject({
      provider: 'openai',
      model: 'from-flag',
      apiKey: 'sk',
      timeoutMs: 12_000,
      budget: { maxTokens: 900, maxCostUsd: 0.5 },
      sources: { provider: 'env', model: 'flag' },
    });
  });

  it('treats OPENAI_BASE_URL as an OpenAI-compatible server, key optional', async () => {
    const config = await resolveWith({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', ZKCODER_MODEL: 'qwen2.5-coder' } });
    expect(config).toMatchObject({ provider: 'openai-compatible', baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-coder' });
    expect(config).not.toHaveProperty('apiKey');
  });

  it('takes an Ollama-style name:tag model for a local server', async () => {
    const config = await resolveWith({ flags: { model: 'gpt-oss:20b' }, env: { OPENAI_API_KEY: 'sk' } });
    expect(config).toMatchObject({ provider: 'openai-compatible', baseURL: 'http://localhost:11434/v1' });
    // The OpenAI key is not handed to a server it was not set for.
    expect(config).not.toHaveProperty('apiKey');
  });

  it('pairs OPENAI_API_KEY with OPENAI_BASE_URL, as the OpenAI SDK does', async () => {
    const env = { OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', OPENAI_API_KEY: 'vllm-key', ZKCODER_MODEL: 'm' };
    expect(await resolveWith({ env })).toMatchObject({ apiKey: 'vllm-key', sources: { apiKey: 'env', baseURL: 'env' } });
    const viaFlag = await resolveWith({ env: { OPENAI_API_KEY: 'sk' }, flags: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } });
    expect(viaFlag).not.toHaveProperty('apiKey');
  });

  it('defaults an OpenAI-compatible server to Ollama but needs a model name', async () => {
    await expect(resolveWith({ flags: { provider: 'openai-compatible' } })).rejects.toThrow(
      'provider openai-compatible needs a model name: pass --model, set ZKCODER_MODEL or model.name in zkcoder.config.json',
    );
    const config = await resolveWith({ flags: { provider: 'openai-compatible', model: 'llama3.1:8b' } });
    expect(config).toMatchObject({ baseURL: 'http://localhost:11434/v1', sources: { baseURL: 'default' } });
  });

  it('asks for the key when a hosted provider is chosen without one', async () => {
    await expect(resolveWith({ flags: { provider: 'anthropic' } })).rejects.toThrow(
      'provider anthropic needs an API key: set ANTHROPIC_API_KEY or pass --api-key',
    );
  });

  it('reads the key from the variable the user config names', async () => {
    const files = { [userPath]: { model: { provider: 'openai', apiKeyEnv: 'TEAM_OPENAI_KEY' } } };
    const env = { XDG_CONFIG_HOME: '/home/u/.config', TEAM_OPENAI_KEY: 'sk-team', OPENAI_API_KEY: 'sk-personal' };
    const config = await resolveWith({ files, env });
    expect(config).toMatchObject({ apiKey: 'sk-team', userConfigFile: userPath, warnings: [] });
  });

  it('layers the project file over the user config, ZKCODER_CONFIG naming the user config', async () => {
    const files = {
      '/etc/team/zkcoder.json': { model: { provider: 'openai-compatible', baseURL: 'http://10.0.0.5:8000/v1', name: 'team-model', maxTokens: 100, prices: { 'a:b': { inputPerMillion: 1, outputPerMillion: 2 } } } },
      [configPath]: { model: { name: 'project-model', prices: { 'c:d': { inputPerMillion: 3, outputPerMillion: 4 } } } },
    };
    const config = await resolveWith({ files, env: { ZKCODER_CONFIG: '/etc/team/zkcoder.json' } });
    expect(config).toMatchObject({
      provider: 'openai-compatible',
      baseURL: 'http://10.0.0.5:8000/v1',
      model: 'project-model',
      budget: { maxTokens: 100 },
      prices: { 'a:b': { inputPerMillion: 1 }, 'c:d': { inputPerMillion: 3 } },
      configFile: configPath,
      userConfigFile: '/etc/team/zkcoder.json',
      warnings: [],
    });
    await expect(resolveWith({ env: { ZKCODER_CONFIG: '/missing.json' } })).rejects.toThrow('/missing.json: no such file (ZKCODER_CONFIG)');
  });

  it('names the file and the bad key of an invalid config file', async () => {
    const bad = (model: unknown) => resolveWith({ files: { [configPath]: { model } } });
    await expect(bad({ provider: 'gemini' })).rejects.toThrow(new RegExp(`^${configPath}: model\\.provider: Invalid option`));
    await expect(bad({ timeoutSeconds: -5 })).rejects.toThrow(`${configPath}: model.timeoutSeconds: Too small`);
    await expect(bad({ nmae: 'typo' })).rejects.toThrow(`${configPath}: model.nmae: unknown key 'nmae'`);
    await expect(bad({ apiKey: 'sk-secret' })).rejects.toThrow(/model\.apiKey: keys do not belong in a project file/);
    await expect(resolveWith({ files: { [configPath]: '{ not json' } })).rejects.toThrow(`${configPath}: not valid JSON`);
    const failure = await bad({ provider: 'gemini' }).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelConfigError);
  });

  it('leaves other sections of the config file to their owners', async () => {
    const config = await resolveWith({ files: { [configPath]: { ptau: '/ceremony.ptau' } } });
    expect(config.kind).toBe('none');
  });

  it('rejects malformed numeric flags and unknown providers', async () => {
    const env = { OPENAI_API_KEY: 'sk' };
    await expect(resolveWith({ env, flags: { maxCost: 'lots' } })).rejects.toThrow("--max-cost must be a number > 0, got 'lots'");
    await expect(resolveWith({ env, flags: { maxTokens: '1.5' } })).rejects.toThrow('--max-tokens must be a whole number > 0');
    await expect(resolveWith({ env: { ZKCODER_PROVIDER: 'gemini' } })).rejects.toThrow("ZKCODER_PROVIDER: unknown provider 'gemini'");
    await expect(resolveWith({ flags: { config: 'custom.json' } })).rejects.toThrow('/project/custom.json: no such file (--config)');
  });

  it('resolves --replay and --exec, which win over keys in the environment', async () => {
    const env = { OPENAI_API_KEY: 'sk' };
    expect(await resolveWith({ env, flags: { replay: 'runs/a.cassette.json' } })).toMatchObject({
      provider: 'replay',
      replay: 'runs/a.cassette.json',
    });
    expect(await resolveWith({ env, flags: { exec: 'llm -m local' } })).toMatchObject({
      provider: 'exec',
      model: 'llm',
      exec: { command: 'llm -m local', input: 'text', output: 'text' },
    });
    await expect(resolveWith({ env, flags: { replay: 'a.json', provider: 'openai' } })).rejects.toThrow(
      '--replay cannot be combined with --provider openai',
    );
  });
});
