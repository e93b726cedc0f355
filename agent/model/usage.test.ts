import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEventInput } from '../events.js';
import { askModel } from '../model-loop/ask-model.js';
import type { RunContext } from '../run-context.js';
import { RunStore } from '../runs/run-store.js';
import { scriptedModel } from './providers/scripted.js';
import { ModelError } from './types.js';
import { addResponseUsage, meteredModel, noUsage, priceFor, requestCost, UsageMeter } from './usage.js';

const ask = { messages: [{ role: 'user' as const, content: 'x' }] };

describe('usage and budgets', () => {
  it('knows a few prices, dated snapshots included, and none for local models', () => {
    expect(priceFor('openai:gpt-4o-mini')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(priceFor('anthropic:claude-sonnet-4-5-20250929')).toEqual({ inputPerMillion: 3, outputPerMillion: 15 });
    expect(priceFor('openai:gpt-4.1-2025-04-14')).toEqual({ inputPerMillion: 2, outputPerMillion: 8 });
    expect(priceFor('openai-compatible:llama3.1:8b')).toBeUndefined();
    expect(priceFor('replay:openai:gpt-5')).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(priceFor('exec:llm', { 'exec:llm': { inputPerMillion: 1, outputPerMillion: 1 } })).toEqual({ inputPerMillion: 1, outputPerMillion: 1 });
  });

  it('prices by the full provider:model id: the same name elsewhere, or replayed, is not charged list prices', () => {
    expect(priceFor('openai:gpt-5-mini')).toEqual({ inputPerMillion: 0.25, outputPerMillion: 2 });
    // A bare model name or another provider's model of the same name has no known price.
    expect(priceFor('gpt-5-mini')).toBeUndefined();
    expect(priceFor('openai-compatible:gpt-5-mini')).toBeUndefined();
    // Replays and scripts are free, whatever model they recorded, and a price override cannot make them cost.
    expect(priceFor('replay:openai:gpt-5-mini')).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(priceFor('scripted:test', { 'openai:gpt-5-mini': { inputPerMillion: 9, outputPerMillion: 9 } })).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    // Config overrides win over the list, for the alias and for dated snapshots of it.
    const overrides = { 'openai:gpt-5-mini': { inputPerMillion: 1, outputPerMillion: 4 } };
    expect(requestCost('openai:gpt-5-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 }, overrides)).toBe(5);
    expect(requestCost('openai:gpt-5-mini-2025-08-07', { inputTokens: 1_000_000, outputTokens: 0 }, overrides)).toBe(1);
    expect(requestCost('openai-compatible:qwen', { inputTokens: 10, outputTokens: 10 })).toBeUndefined();
  });

  it('sums a run\'s responses; one response without a price makes the total cost unknown', () => {
    let usage = addResponseUsage(noUsage(), { inputTokens: 100, outputTokens: 20, costUsd: 0.5 });
    usage = addResponseUsage(usage, { inputTokens: 50, outputTokens: 10, costUsd: 0.25 });
    expect(usage).toEqual({ requests: 2, inputTokens: 150, outputTokens: 30, totalTokens: 180, costUsd: 0.75 });
    expect(addResponseUsage(usage, { inputTokens: 1, outputTokens: 1 })).toMatchObject({ requests: 3, totalTokens: 182, costUsd: undefined });
  });

  it('askModel reports each response\'s cost at the provider:model price, with the configured overrides', async () => {
    const costs = async (id: string, meter?: UsageMeter): Promise<number | undefined> => {
      const store = new RunStore(mkdtempSync(join(tmpdir(), 'zkcoder-usage-')));
      const model = scriptedModel({ id, script: [{ text: 'answer', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } }] });
      const context = { options: { task: 't', model, meter, languages: ['circom'], maxIterations: 1, strategy: 'lower' }, run: store.create('t', 'model', {}) } as unknown as RunContext;
      const events: AgentEventInput[] = [];
      const steps = askModel(context, 'sketch', { id: 'sketch.v1', text: 'write a sketch' });
      for (let next = await steps.next(); !next.done; next = await steps.next()) events.push(next.value);
      const response = events.find((e) => e.type === 'model-response');
      return response?.type === 'model-response' ? response.costUsd : undefined;
    };
    expect(await costs('openai:gpt-5-mini')).toBeCloseTo(2.25, 10);
    expect(await costs('replay:openai:gpt-5-mini')).toBe(0);
    expect(await costs('openai-compatible:llama3.1:8b')).toBeUndefined();
    const meter = new UsageMeter({ prices: { 'openai-compatible:llama3.1:8b': { inputPerMillion: 0.1, outputPerMillion: 0.2 } } });
    expect(await costs('openai-compatible:llama3.1:8b', meter)).toBeCloseTo(0.3, 10);
  });

  it('accumulates tokens and cost in US dollars', () => {
    const meter = new UsageMeter();
    meter.record('openai:gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 });
    meter.record('openai:gpt-4o-mini', { inputTokens: 0, outputTokens: 500_000, estimated: true });
    const totals = meter.totals();
    expect(totals).toMatchObject({ requests: 2, inputTokens: 1_000_000, outputTokens: 500_000, totalTokens: 1_500_000, estimated: true });
    expect(totals.costUsd).toBeCloseTo(0.45, 10);
  });

  it('reports the cost as unknown once an unpriced model is used', () => {
    const meter = new UsageMeter();
    meter.record('openai:gpt-4o', { inputTokens: 10, outputTokens: 10 });
    meter.record('openai-compatible:qwen', { inputTokens: 10, outputTokens: 10 });
    expect(meter.totals().costUsd).toBeUndefined();
    expect(meter.totals().unpricedModels).toEqual(['openai-compatible:qwen']);
  });

  it('refuses the request after the token budget is spent, without calling the model', async () => {
    const inner = scriptedModel([
      { text: 'a', usage: { inputTokens: 60, outputTokens: 50 } },
      { text: 'never' },
    ]);
    const meter = new UsageMeter({ budget: { maxTokens: 100 } });
    const model = meteredModel(inner, meter);
    await model.generate(ask);
    const failure = await model.generate(ask).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('budget');
    expect(failure.message).toBe('token budget spent: 110 of 100 tokens used (--max-tokens)');
    expect(inner.calls).toHaveLength(1);
  });

  it('stops on the cost budget, and refuses a cost budget it cannot enforce', async () => {
    const prices = { 'scripted:paid': { inputPerMillion: 1_000_000, outputPerMillion: 0 } };
    const meter = new UsageMeter({ budget: { maxCostUsd: 2 }, prices });
    const paid = meteredModel(scriptedModel({ id: 'scripted:paid', script: [{ text: 'a', usage: { inputTokens: 2, outputTokens: 0 } }, 'b'] }), meter);
    await paid.generate(ask);
    await expect(paid.generate(ask)).rejects.toThrow('cost budget spent: $2.0000 of $2 (--max-cost)');
    const local = meteredModel(scriptedModel({ id: 'exec:local', script: ['x'] }), new UsageMeter({ budget: { maxCostUsd: 1 } }));
    await expect(local.generate(ask)).rejects.toThrow(/cannot enforce --max-cost: no price known for exec:local/);
  });
});
