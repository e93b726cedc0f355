import { basename, resolve } from 'node:path';
import {
  configFileName,
  ModelConfigError,
  providerNames,
  readTextFileIfPresent,
  type ModelSection,
  type ProviderName,
  type ReadTextFile,
} from './config-file.js';
import { loadConfigLayers, userConfigPath } from './config-layers.js';
import { defaultTimeoutMs } from './provider-model.js';
import { rememberSecret } from './redaction.js';
import type { Budget, ModelPrice } from './usage.js';

/**
 * Decides which model drives the agent: flags > environment > the project's zkcoder.config.json >
 * the user's own config > defaults. The project file may not route keys or run commands unless
 * trusted (config-layers.ts); a key goes to its provider's official endpoint unless the user set
 * the URL. Having no model is a normal outcome (knowledge-base mode), returned as
 * `{ kind: 'none' }`; only a configuration that is present but wrong throws a ModelConfigError.
 */
export interface ModelFlags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  /** Seconds, per attempt. */
  timeout?: string | number;
  maxRetries?: string | number;
  maxTokens?: string | number;
  /** US dollars. */
  maxCost?: string | number;
  /** Write a cassette of this run's exchanges. */
  record?: string;
  /** Answer from a cassette instead of a provider. */
  replay?: string;
  /** Use an external command as the model. */
  exec?: string;
  /** Path of the project configuration file; by default zkcoder.config.json in `cwd`, if present. */
  config?: string;
  /** Let the project file set base URLs, apiKeyEnv and exec too (--trust-project-config). */
  trustProjectConfig?: boolean;
}

export interface ResolveModelConfigOptions {
  flags?: ModelFlags;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  readTextFile?: ReadTextFile;
}

export type Source = 'flag' | 'env' | 'config' | 'default' | 'inferred';

export interface ExecSettings {
  command: string | string[];
  input: 'text' | 'json';
  output: 'text' | 'json';
}

export interface ResolvedModelConfig {
  kind: 'model';
  provider: ProviderName;
  model: string;
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
  /** Unset means the provider's own default (3 for HTTP providers, 0 for exec). */
  maxRetries?: number;
  budget: Budget;
  prices: Record<string, ModelPrice>;
  record?: string;
  replay?: string;
  exec?: ExecSettings;
  /** Where each choice came from, so the CLI can say "openai (from OPENAI_API_KEY)". */
  sources: { provider: Source; model: Source; baseURL?: Source; apiKey?: Source };
  /** The project file read, if any. */
  configFile?: string;
  /** The user's own config file read, if any. */
  userConfigFile?: string;
  /** Project settings that were ignored, one line each: the CLI shows them. */
  warnings: string[];
}

export interface NoModelConfig {
  kind: 'none';
  /** Why, in one line, for the CLI to show when it falls back to knowledge-base mode. */
  reason: string;
  configFile?: string;
  userConfigFile?: string;
  warnings: string[];
}

export type ModelConfig = ResolvedModelConfig | NoModelConfig;

export const defaultModels: Readonly<Partial<Record<ProviderName, string>>> = {
  openai: 'gpt-5-mini',
  anthropic: 'claude-sonnet-4-5',
};

export const defaultOpenAICompatibleBaseURL = 'http://localhost:11434/v1';

type SharedSettings = Omit<ResolvedModelConfig, 'provider' | 'model' | 'sources'>;
type FileInfo = Pick<ResolvedModelConfig, 'configFile' | 'userConfigFile' | 'warnings'>;

export async function resolveModelConfig(
  options: ResolveModelConfigOptions = {},
): Promise<ModelConfig> {
  const flags = options.flags ?? {};
  const env = options.env ?? process.env;
  const configPath = resolve(options.cwd ?? process.cwd(), flags.config ?? configFileName);
  const layers = await loadConfigLayers({
    projectPath: configPath,
    projectRequired: flags.config !== undefined,
    trustProject: flags.trustProjectConfig === true,
    env,
    readTextFile: options.readTextFile ?? readTextFileIfPresent,
  });
  const file: ModelSection = layers.section;
  const files: FileInfo = {
    ...(layers.projectFile ? { configFile: layers.projectFile } : {}),
    ...(layers.userFile ? { userConfigFile: layers.userFile } : {}),
    warnings: layers.warnings,
  };
  const chosen = chooseProvider({ flags, env, file });
  if (chosen === 'none') {
    const reason = noModelReason({ flags, env, file });
    return { kind: 'none', reason, ...files };
  }
  const { provider, source: providerSource } = chosen;
  const base = sharedSettings({ flags, file, files });
  const where = layers.projectFile ?? layers.userFile ?? configFileName;
  // A command or a key variable belongs in the user's own file: a project's would be ignored.
  const userWhere = layers.userFile ?? userConfigPath(env).path;
  switch (provider) {
    case 'replay': {
      const replay = flags.replay ?? '';
      if (!replay) {
        throw new ModelConfigError('provider replay needs a cassette: pass --replay FILE');
      }
      const sources = { provider: providerSource, model: 'flag' as const };
      return { ...base, provider, model: basename(replay), replay, sources };
    }
    case 'exec':
      return resolveExec({ providerSource, base, flags, env, file, where, userWhere });
    case 'openai':
    case 'anthropic':
    case 'openai-compatible':
      return resolveHttpProvider({ provider, providerSource, base, flags, env, file, where, userWhere });
    default:
      return provider satisfies never;
  }
}

/** Time limit, retries, budgets and prices: the same for every provider. */
function sharedSettings(input: {
  flags: ModelFlags;
  file: ModelSection;
  files: FileInfo;
}): SharedSettings {
  const { flags, file, files } = input;
  const timeoutSeconds = numberFrom('--timeout', flags.timeout) ?? file.timeoutSeconds;
  const maxRetries =
    numberFrom('--max-retries', flags.maxRetries, { integer: true, allowZero: true }) ??
    file.maxRetries;
  const maxTokens = numberFrom('--max-tokens', flags.maxTokens, { integer: true }) ?? file.maxTokens;
  const maxCostUsd = numberFrom('--max-cost', flags.maxCost) ?? file.maxCostUsd;
  return {
    kind: 'model',
    timeoutMs: timeoutSeconds !== undefined ? timeoutSeconds * 1_000 : defaultTimeoutMs,
    ...(maxRetries === undefined ? {} : { maxRetries }),
    budget: { maxTokens, maxCostUsd },
    prices: file.prices ?? {},
    ...(flags.record ? { record: flags.record } : {}),
    ...files,
  };
}

/** How each source spells the provider setting, for error messages. */
const providerSettingName: Record<Source, string> = {
  flag: '--provider',
  env: 'ZKCODER_PROVIDER',
  config: 'model.provider',
  default: 'provider',
  inferred: 'provider',
};

interface ProviderChoiceInput {
  flags: ModelFlags;
  env: Readonly<Record<string, string | undefined>>;
  file: ModelSection;
}

function chooseProvider(
  input: ProviderChoiceInput,
): { provider: ProviderName; source: Source } | 'none' {
  const { flags, env, file } = input;
  // A cassette or a command on the command line is the most specific request there is.
  for (const [flagName, provider] of [['replay', 'replay'], ['exec', 'exec']] as const) {
    if (!flags[flagName]) continue;
    if (flags.provider && flags.provider !== provider) {
      throw new ModelConfigError(`--${flagName} cannot be combined with --provider ${flags.provider}`);
    }
    return { provider, source: 'flag' };
  }
  const explicit = pick(
    [flags.provider, 'flag'],
    [env.ZKCODER_PROVIDER, 'env'],
    [file.provider, 'config'],
  );
  if (explicit) {
    const [name, source] = explicit;
    if (name === 'none') return 'none';
    if (!(providerNames as readonly string[]).includes(name)) {
      const origin = providerSettingName[source];
      const expected = `${providerNames.join(', ')}, none`;
      throw new ModelConfigError(`${origin}: unknown provider '${name}' (expected one of ${expected})`);
    }
    return { provider: name as ProviderName, source };
  }
  if (flags.baseUrl || env.OPENAI_BASE_URL || file.baseURL) {
    return { provider: 'openai-compatible', source: 'inferred' };
  }
  // The model's name says whose it is when both keys are set.
  const modelName = flags.model ?? env.ZKCODER_MODEL ?? file.name;
  if (modelName?.startsWith('claude')) return { provider: 'anthropic', source: 'inferred' };
  // 'name:tag' is how Ollama names models (llama3.1:8b, gpt-oss:20b): a local server, not OpenAI.
  if (modelName?.includes(':')) return { provider: 'openai-compatible', source: 'inferred' };
  if (modelName && /^(gpt-|o\d)/.test(modelName)) return { provider: 'openai', source: 'inferred' };
  if (env.OPENAI_API_KEY) return { provider: 'openai', source: 'inferred' };
  if (env.ANTHROPIC_API_KEY) return { provider: 'anthropic', source: 'inferred' };
  if (file.exec) return { provider: 'exec', source: 'inferred' };
  return 'none';
}

function noModelReason({ flags, env, file }: ProviderChoiceInput): string {
  if (flags.provider === 'none' || env.ZKCODER_PROVIDER === 'none' || file.provider === 'none') {
    return 'no model configured: the model is switched off (provider none)';
  }
  return (
    'no model configured: set OPENAI_API_KEY or ANTHROPIC_API_KEY, pass --provider/--model/--base-url, ' +
    'or add a model section to your config (~/.config/zkcoder/config.json) or zkcoder.config.json'
  );
}

interface ProviderInput extends ProviderChoiceInput {
  providerSource: Source;
  base: SharedSettings;
  /** The config file's path, or its usual name when there is none, for error messages. */
  where: string;
  /** The user's own config file, for settings a project file may not hold. */
  userWhere: string;
}

function resolveExec(input: ProviderInput): ResolvedModelConfig {
  const { flags, env, file } = input;
  const command = flags.exec ?? file.exec?.command;
  if (!command) {
    throw new ModelConfigError(
      `provider exec needs a command: pass --exec COMMAND or set model.exec.command in ${input.userWhere}`,
    );
  }
  const exec: ExecSettings = {
    command,
    input: file.exec?.input ?? 'text',
    output: file.exec?.output ?? 'text',
  };
  const named = pick([flags.model, 'flag'], [env.ZKCODER_MODEL, 'env'], [file.name, 'config']);
  const program = Array.isArray(command) ? command[0] : command.trim().split(/\s+/)[0];
  const model = named?.[0] ?? basename(program || 'command');
  const sources = { provider: input.providerSource, model: named?.[1] ?? ('inferred' as const) };
  return { ...input.base, provider: 'exec', model, exec, sources };
}

interface HttpProviderInput extends ProviderInput {
  provider: 'openai' | 'anthropic' | 'openai-compatible';
}

function resolveHttpProvider(input: HttpProviderInput): ResolvedModelConfig {
  const { provider, flags, env, file } = input;
  const usesOpenAIEnvironment = provider !== 'anthropic';
  const keyVariable = usesOpenAIEnvironment ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const defaultBaseURL =
    provider === 'openai-compatible' ? defaultOpenAICompatibleBaseURL : undefined;
  const baseURL = pick(
    [flags.baseUrl, 'flag'],
    [usesOpenAIEnvironment ? env.OPENAI_BASE_URL : undefined, 'env'],
    [file.baseURL, 'config'],
    [defaultBaseURL, 'default'],
  );
  if (baseURL && !URL.canParse(baseURL[0])) {
    throw new ModelConfigError(`base URL '${baseURL[0]}' (from ${baseURL[1]}) is not a valid URL`);
  }
  // OPENAI_API_KEY goes to OpenAI, or to the server OPENAI_BASE_URL names (the usual pairing);
  // never to a server chosen some other way, which may belong to someone else.
  const sendsOpenAIKey = provider !== 'openai-compatible' || baseURL?.[1] === 'env';
  const apiKey = pick(
    [flags.apiKey, 'flag'],
    [file.apiKeyEnv ? env[file.apiKeyEnv] : undefined, 'env'],
    [sendsOpenAIKey ? env[keyVariable] : undefined, 'env'],
  );
  rememberSecret(apiKey?.[0]);
  if (!apiKey && provider !== 'openai-compatible') {
    const named = file.apiKeyEnv ? `${file.apiKeyEnv} (named by model.apiKeyEnv)` : keyVariable;
    throw new ModelConfigError(`provider ${provider} needs an API key: set ${named} or pass --api-key`);
  }
  const model = pick(
    [flags.model, 'flag'],
    [env.ZKCODER_MODEL, 'env'],
    [file.name, 'config'],
    [defaultModels[provider], 'default'],
  );
  if (!model) {
    throw new ModelConfigError(
      `provider ${provider} needs a model name: pass --model, set ZKCODER_MODEL or model.name in ${input.where}`,
    );
  }
  return {
    ...input.base,
    provider,
    model: model[0],
    ...(apiKey ? { apiKey: apiKey[0] } : {}),
    ...(baseURL ? { baseURL: baseURL[0] } : {}),
    sources: {
      provider: input.providerSource,
      model: model[1],
      ...(apiKey ? { apiKey: apiKey[1] } : {}),
      ...(baseURL ? { baseURL: baseURL[1] } : {}),
    },
  };
}

/** The first candidate with a non-empty value, with where it came from. */
function pick<T extends string>(...candidates: [T | undefined, Source][]): [T, Source] | undefined {
  const found = candidates.find(([value]) => value !== undefined && value !== '');
  return found as [T, Source] | undefined;
}

function numberFrom(
  flag: string,
  value: string | number | undefined,
  rules: { integer?: boolean; allowZero?: boolean } = {},
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  const valid =
    Number.isFinite(number) &&
    (rules.allowZero ? number >= 0 : number > 0) &&
    (!rules.integer || Number.isInteger(number));
  if (!valid) {
    const expected = rules.integer ? 'a whole number' : 'a number';
    const bound = rules.allowZero ? '≥ 0' : '> 0';
    throw new ModelConfigError(`${flag} must be ${expected} ${bound}, got '${value}'`);
  }
  return number;
}

export { ModelConfigError };
