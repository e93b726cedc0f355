import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../knowledge-base/search.js';
import type { AgentEvent } from './events.js';
import { scriptedModel } from './model/providers/scripted.js';
import { UsageMeter } from './model/usage.js';
import { runAgent, type AgentResult } from './run-agent.js';
import { RunStore } from './runs/run-store.js';

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), `zkcoder-${prefix}-`));

describe('usage totals of a run', () => {
  it('are in the done event, the result and state.json, priced by provider:model with the configured overrides', async () => {
    // Answers without a sketch fail before any compiler runs: two attempts, two priced requests.
    const answer = { text: 'I cannot write this circuit.', usage: { inputTokens: 1_000_000, outputTokens: 500_000 } };
    const model = scriptedModel({ id: 'openai-compatible:qwen2.5-coder:7b', script: [answer, answer] });
    const meter = new UsageMeter({ prices: { 'openai-compatible:qwen2.5-coder:7b': { inputPerMillion: 1, outputPerMillion: 2 } } });
    const events: AgentEvent[] = [];
    const run = runAgent({
      task: 'square of an 8-bit number',
      model,
      meter,
      languages: ['circom'],
      maxIterations: 2,
      store: new RunStore(temporary('runs')),
      knowledgeBase: await KnowledgeBase.open({ home: temporary('home'), includeUser: false }),
    });
    let next = await run.next();
    for (; !next.done; next = await run.next()) events.push(next.value);
    const result = next.value;

    const total = { requests: 2, inputTokens: 2_000_000, outputTokens: 1_000_000, totalTokens: 3_000_000, costUsd: 4 };
    expect(events.filter((e) => e.type === 'model-response').map((e) => e.type === 'model-response' && e.costUsd)).toEqual([2, 2]);
    expect(result).toMatchObject({ ok: false, usage: total });
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: false, usage: total });
    const state = JSON.parse(readFileSync(join(result.runDir, 'state.json'), 'utf8'));
    expect(state.results.usage).toEqual(total);
  }, 120_000);

  it('carry over when an interrupted run is resumed', async () => {
    const answer = { text: 'No sketch here.', usage: { inputTokens: 100, outputTokens: 10 } };
    const store = new RunStore(temporary('runs'));
    const knowledgeBase = await KnowledgeBase.open({ home: temporary('home'), includeUser: false });
    const common = { task: 'square of an 8-bit number', languages: ['circom' as const], maxIterations: 2, store, knowledgeBase };
    // Stop the first run as soon as the model has answered once.
    const controller = new AbortController();
    const first = await collect(runAgent({ ...common, model: scriptedModel({ id: 'openai:gpt-5-mini', script: [answer, answer] }), signal: controller.signal }), (e) => {
      if (e.type === 'model-response') controller.abort();
    });
    expect(first.result.usage).toMatchObject({ requests: 1, inputTokens: 100, outputTokens: 10 });
    const second = await collect(runAgent({ ...common, model: scriptedModel({ id: 'openai:gpt-5-mini', script: [answer, answer] }), resume: first.result.runId }));
    const more = second.events.filter((e) => e.type === 'model-response').length;
    expect(more).toBeGreaterThan(0);
    expect(second.result.usage).toMatchObject({ requests: 1 + more, inputTokens: 100 * (1 + more), outputTokens: 10 * (1 + more) });
    expect(second.result.usage.costUsd).toBeCloseTo(((100 * 0.25 + 10 * 2) * (1 + more)) / 1e6, 12);
  }, 120_000);
});

async function collect(run: AsyncGenerator<AgentEvent, AgentResult>, onEvent?: (event: AgentEvent) => void): Promise<{ events: AgentEvent[]; result: AgentResult }> {
  const events: AgentEvent[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
    onEvent?.(next.value);
  }
}
