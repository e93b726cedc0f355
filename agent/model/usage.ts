import {
  ModelError,
  type LanguageModel,
  type ModelRequest,
  type ModelResponse,
  type ModelUsage,
} from './types.js';

/**
 * Token and cost accounting for one run, and the `--max-tokens` / `--max-cost` budgets. A budget is
 * checked before each request, so a run stops cleanly between model calls, never in the middle of
 * one; the last call may therefore overshoot by at most one response.
 */
export interface ModelPrice {
  /** US dollars per million input (prompt) tokens. */
  inputPerMillion: number;
  /** US dollars per million output (completion) tokens. */
  outputPerMillion: number;
}

/**
 * List prices (USD per million tokens, standard tier, no caching discounts) for a few models we
 * know; keyed by `provider:model`. Prices change: `prices` in zkcoder.config.json overrides them.
 */
export const knownPrices: Readonly<Record<string, ModelPrice>> = {
  'openai:gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'openai:gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'openai:gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'openai:gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'openai:gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'openai:gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'openai:gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'openai:gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'openai:o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'openai:o3': { inputPerMillion: 2, outputPerMillion: 8 },
  'anthropic:claude-opus-4-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'anthropic:claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'anthropic:claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
};

/** Recorded and scripted answers cost nothing to replay. */
const freeProviders = new Set(['replay', 'scripted']);

/**
 * The price of a model by its full id, `provider:model` (`openai:gpt-5-mini`): the same model name
 * can cost differently at another provider, and a replayed `replay:openai:gpt-5-mini` costs nothing
 * whatever the recorded model cost. `overrides` (model.prices in zkcoder.config.json) win.
 */
export function priceFor(
  modelId: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  const exact = overrides[modelId];
  if (exact) return exact;
  if (freeProviders.has(modelId.split(':')[0] ?? '')) {
    return { inputPerMillion: 0, outputPerMillion: 0 };
  }
  if (knownPrices[modelId]) return knownPrices[modelId];
  // Dated snapshots ('gpt-4.1-2025-04-14', 'claude-sonnet-4-5-20250929') cost what their alias costs.
  const undated = modelId.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  return undated === modelId ? undefined : (overrides[undated] ?? knownPrices[undated]);
}

export function costOf(usage: ModelUsage, price: ModelPrice): number {
  const input = usage.inputTokens * price.inputPerMillion;
  const output = usage.outputTokens * price.outputPerMillion;
  return (input + output) / 1e6;
}

/** What one request cost in US dollars, or undefined when the model's price is unknown. */
export function requestCost(
  modelId: string,
  usage: ModelUsage,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): number | undefined {
  const price = priceFor(modelId, overrides);
  return price ? costOf(usage, price) : undefined;
}

/** What a run spent on its model, summed over its responses (a resumed run adds to it). */
export interface RunUsage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Undefined once any response came from a model without a known price. */
  costUsd: number | undefined;
}

export function noUsage(): RunUsage {
  return { requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, costUsd: 0 };
}

/** The run's usage after one more response. */
export function addResponseUsage(
  total: RunUsage,
  response: { inputTokens: number; outputTokens: number; costUsd?: number },
): RunUsage {
  const inputTokens = total.inputTokens + response.inputTokens;
  const outputTokens = total.outputTokens + response.outputTokens;
  const costUsd =
    total.costUsd === undefined || response.costUsd === undefined ? undefined : total.costUsd + response.costUsd;
  return { requests: total.requests + 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, costUsd };
}

export interface Budget {
  maxTokens?: number;
  maxCostUsd?: number;
}

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Undefined when any model used has no known price: a partial sum would understate the cost. */
  costUsd: number | undefined;
  /** True when some counts are characters/4 estimates rather than provider reports. */
  estimated: boolean;
  unpricedModels: string[];
}

export class UsageMeter {
  private readonly budget: Budget;
  /** Price overrides from the configuration, keyed `provider:model`. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
  private totalsSoFar: UsageTotals = {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    estimated: false,
    unpricedModels: [],
  };

  constructor(options: { budget?: Budget; prices?: Record<string, ModelPrice> } = {}) {
    this.budget = options.budget ?? {};
    this.prices = options.prices ?? {};
  }

  record(modelId: string, usage: ModelUsage): void {
    const totals = this.totalsSoFar;
    const price = priceFor(modelId, this.prices);
    totals.requests += 1;
    totals.inputTokens += usage.inputTokens;
    totals.outputTokens += usage.outputTokens;
    totals.totalTokens = totals.inputTokens + totals.outputTokens;
    totals.estimated ||= usage.estimated === true;
    if (!price && !totals.unpricedModels.includes(modelId)) totals.unpricedModels.push(modelId);
    totals.costUsd =
      price && totals.costUsd !== undefined ? totals.costUsd + costOf(usage, price) : undefined;
  }

  totals(): UsageTotals {
    return { ...this.totalsSoFar, unpricedModels: [...this.totalsSoFar.unpricedModels] };
  }

  /** Throws a 'budget' ModelError when the next request to `modelId` must not be made. */
  checkBudget(modelId: string): void {
    const totals = this.totalsSoFar;
    const { maxTokens, maxCostUsd } = this.budget;
    if (maxTokens !== undefined && totals.totalTokens >= maxTokens) {
      const used = `${totals.totalTokens} of ${maxTokens} tokens used`;
      throw budgetError(`token budget spent: ${used} (--max-tokens)`);
    }
    if (maxCostUsd === undefined) return;
    // Refuse rather than overspend silently: without a price the cost cannot be bounded.
    if (!priceFor(modelId, this.prices)) {
      throw budgetError(
        `cannot enforce --max-cost: no price known for ${modelId}; add it under model.prices in zkcoder.config.json`,
      );
    }
    if (totals.costUsd === undefined) {
      throw budgetError(`cannot enforce --max-cost: no price known for ${totals.unpricedModels.join(', ')}`);
    }
    if (totals.costUsd >= maxCostUsd) {
      throw budgetError(`cost budget spent: $${totals.costUsd.toFixed(4)} of $${maxCostUsd} (--max-cost)`);
    }
  }
}

function budgetError(message: string): ModelError {
  return new ModelError({ kind: 'budget', message, retryable: false });
}

/** Checks the budget before each request and records usage after each response. */
export function meteredModel(model: LanguageModel, meter: UsageMeter): LanguageModel {
  return {
    id: model.id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      meter.checkBudget(model.id);
      const response = await model.generate(request);
      meter.record(model.id, response.usage);
      return response;
    },
  };
}
