import type { RunUsage } from '../model/usage.js';

/** The state a stop condition looks at. */
export interface LoopState {
  /** Attempts begun so far. */
  attempt: number;
  verified: boolean;
  /** What the model has spent in this run so far (a resumed run carries it over). */
  usage: RunUsage;
}

/** Names why the loop must stop, or returns undefined to let it go on. */
export type StopCondition = (state: LoopState) => string | undefined;

/*
 * Small composable predicates, each naming why the loop stops (vercel/ai's `stopWhen` habit). The
 * loop checks them all after each attempt; an abort also before every stage, and the budgets before
 * every model request, so a run stops between steps and never loses a finished one.
 */

export const isVerified: StopCondition = (s) => (s.verified ? 'verified' : undefined);

export const iterationBudget =
  (max: number): StopCondition =>
  (s) =>
    s.attempt >= max ? `no attempts left (${max})` : undefined;

export const tokenBudget =
  (maxTokens: number): StopCondition =>
  (s) =>
    s.usage.totalTokens >= maxTokens ? `token budget spent: ${s.usage.totalTokens} of ${maxTokens} tokens used (--max-tokens)` : undefined;

export const costBudget =
  (maxCostUsd: number): StopCondition =>
  (s) => {
    // Refuse rather than overspend silently: without a price the cost cannot be bounded.
    if (s.usage.costUsd === undefined) return 'cannot enforce --max-cost: the model has no known price';
    return s.usage.costUsd >= maxCostUsd ? `cost budget spent: $${s.usage.costUsd.toFixed(4)} of $${maxCostUsd} (--max-cost)` : undefined;
  };

export const ABORTED = 'aborted by the user';

export const isAborted =
  (signal: AbortSignal | undefined): StopCondition =>
  () =>
    signal?.aborted ? ABORTED : undefined;

export function firstStop(conditions: StopCondition[], state: LoopState): string | undefined {
  for (const condition of conditions) {
    const reason = condition(state);
    if (reason) return reason;
  }
  return undefined;
}

/** The conditions of one run, by when the loop checks them. */
export interface StopConditions {
  /** Before every stage: the user's abort. */
  beforeStage: StopCondition[];
  /** Before every model request: the abort and the token and cost budgets (checks and proofs cost no tokens). */
  beforeRequest: StopCondition[];
  /** After every attempt: all of them, with success and the attempt budget. */
  afterAttempt: StopCondition[];
}

export function stopConditionsFor(options: {
  maxIterations: number;
  budget?: { maxTokens?: number; maxCostUsd?: number };
  signal?: AbortSignal;
}): StopConditions {
  const { maxTokens, maxCostUsd } = options.budget ?? {};
  const aborted = isAborted(options.signal);
  const budgets = [
    ...(maxTokens === undefined ? [] : [tokenBudget(maxTokens)]),
    ...(maxCostUsd === undefined ? [] : [costBudget(maxCostUsd)]),
  ];
  return {
    beforeStage: [aborted],
    beforeRequest: [aborted, ...budgets],
    // Abort before success: a run interrupted right after a passing check resumes at prove. Success
    // before the budgets: proving a verified circuit costs no tokens.
    afterAttempt: [aborted, isVerified, ...budgets, iterationBudget(options.maxIterations)],
  };
}
