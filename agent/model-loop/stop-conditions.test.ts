import { describe, expect, it } from 'vitest';
import { noUsage } from '../model/usage.js';
import { ABORTED, costBudget, firstStop, iterationBudget, stopConditionsFor, tokenBudget, type LoopState } from './stop-conditions.js';

const state = (change: Partial<LoopState> = {}): LoopState => ({ attempt: 1, verified: false, usage: noUsage(), ...change });
const spent = (totalTokens: number, costUsd: number | undefined) => ({ ...noUsage(), requests: 1, totalTokens, costUsd });

describe('stop conditions', () => {
  it('each predicate names its reason only when it holds', () => {
    expect(iterationBudget(3)(state({ attempt: 2 }))).toBeUndefined();
    expect(iterationBudget(3)(state({ attempt: 3 }))).toBe('no attempts left (3)');
    expect(tokenBudget(1000)(state({ usage: spent(999, 0) }))).toBeUndefined();
    expect(tokenBudget(1000)(state({ usage: spent(1000, 0) }))).toBe('token budget spent: 1000 of 1000 tokens used (--max-tokens)');
    expect(costBudget(0.5)(state({ usage: spent(10, 0.49) }))).toBeUndefined();
    expect(costBudget(0.5)(state({ usage: spent(10, 0.5) }))).toBe('cost budget spent: $0.5000 of $0.5 (--max-cost)');
    // Without a price the cost cannot be bounded: refuse rather than overspend.
    expect(costBudget(0.5)(state({ usage: spent(10, undefined) }))).toMatch(/cannot enforce --max-cost/);
  });

  it('composes by when they are checked: abort first, success before budgets', () => {
    const controller = new AbortController();
    const stops = stopConditionsFor({ maxIterations: 2, budget: { maxTokens: 100 }, signal: controller.signal });
    const overBudget = state({ usage: spent(500, 0) });
    expect(firstStop(stops.beforeStage, overBudget)).toBeUndefined();
    expect(firstStop(stops.beforeRequest, overBudget)).toMatch(/^token budget spent/);
    expect(firstStop(stops.afterAttempt, { ...overBudget, verified: true })).toBe('verified');
    controller.abort();
    expect(firstStop(stops.beforeStage, state())).toBe(ABORTED);
    expect(firstStop(stops.afterAttempt, state({ verified: true }))).toBe(ABORTED);
  });
});
