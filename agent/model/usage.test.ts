import { describe, expect, it } from 'vitest';
import { scriptedModel } from './providers/scripted.js';
import { ModelError } from './types.js';
import { meteredModel, priceFor, UsageMeter } from './usage.js';

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
