import type { ResolvedModelConfig } from './config.js';
import type { Cassette } from './cassette.js';
import { createAnthropicModel } from './providers/anthropic.js';
import { createExecModel } from './providers/exec.js';
import { createOpenAICompatibleModel } from './providers/openai-compatible.js';
import { createOpenAIModel } from './providers/openai.js';
import { loadReplayModel, recordingModel } from './providers/replay.js';
import type { ResilienceOptions } from './provider-model.js';
import { rememberSecret } from './redaction.js';
import type { RetryOptions } from './retry.js';
import type { LanguageModel } from './types.js';
import { meteredModel, UsageMeter } from './usage.js';

/**
 * Builds the model a run uses from a resolved configuration: the provider, wrapped in recording
 * (with --record) and, outermost, in usage metering with the run's budgets.
 */
export interface CreateModelOptions {
  /** Passed to the HTTP SDKs; tests inject one to avoid any network. */
  fetch?: typeof globalThis.fetch;
  /** A meter shared by several models of one run; by default a fresh one with the config's budget. */
  meter?: UsageMeter;
  /** Test hooks and the retry notification; the policy itself comes from the configuration. */
  retry?: Omit<RetryOptions, 'signal' | 'policy'>;
  now?: () => number;
  /** Replaces the cassette file writer (tests). */
  writeCassette?: (file: string, cassette: Cassette) => Promise<void>;
}

export interface CreatedModel {
  model: LanguageModel;
  /** Token and cost totals of everything this model did; read it at the end of a run. */
  meter: UsageMeter;
}

export async function createLanguageModel(
  config: ResolvedModelConfig,
  options: CreateModelOptions = {},
): Promise<CreatedModel> {
  // From here on the key is in use: whatever echoes it (an error body, a recording) is redacted.
  rememberSecret(config.apiKey);
  const meter = options.meter ?? new UsageMeter({ budget: config.budget, prices: config.prices });
  let model = await createProvider(config, options);
  if (config.record) {
    model = recordingModel(model, { file: config.record, write: options.writeCassette });
  }
  return { model: meteredModel(model, meter), meter };
}

async function createProvider(
  config: ResolvedModelConfig,
  options: CreateModelOptions,
): Promise<LanguageModel> {
  const resilience: ResilienceOptions = {
    timeoutMs: config.timeoutMs,
    retry: {
      ...options.retry,
      ...(config.maxRetries === undefined ? {} : { policy: { maxRetries: config.maxRetries } }),
    },
    now: options.now,
  };
  const http = { model: config.model, apiKey: config.apiKey, fetch: options.fetch, ...resilience };
  switch (config.provider) {
    case 'openai':
      return createOpenAIModel({ ...http, baseURL: config.baseURL });
    case 'anthropic':
      return createAnthropicModel({
        ...http,
        apiKey: config.apiKey ?? '',
        baseURL: config.baseURL,
      });
    case 'openai-compatible':
      return createOpenAICompatibleModel({ ...http, baseURL: config.baseURL ?? '' });
    case 'exec': {
      if (!config.exec) throw new Error('exec provider resolved without a command');
      return createExecModel({ ...resilience, ...config.exec, name: config.model });
    }
    case 'replay':
      return loadReplayModel(config.replay ?? '');
    default:
      return config.provider satisfies never;
  }
}
