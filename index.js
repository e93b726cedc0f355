// The package entry (`import { runAgent } from 'zkcoder'`): the API of agent/index.ts, from dist/
// when built and current, otherwise from the TypeScript sources through tsx (scripts/dist.mjs).
// Static re-exports would be resolved before the choice is made, hence the import and the names
// below; test/package-entry.test.ts checks this list against agent/index.ts.
import { importModule } from './scripts/dist.mjs';

const api = await importModule('agent/index.ts');

export const {
  runAgent,
  STAGES,
  RunStore,
  Run,
  NO_MODEL_NOTICE,
  createLanguageModel,
  resolveModelConfig,
  ModelConfigError,
  ModelError,
  isModelError,
  UsageMeter,
  meteredModel,
  priceFor,
  createOpenAIModel,
  createAnthropicModel,
  createOpenAICompatibleModel,
  createExecModel,
  scriptedModel,
  replayModel,
  loadReplayModel,
  recordingModel,
} = api;
