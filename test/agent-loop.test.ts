import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../agent/events.js';
import { loadReplayModel, meteredModel, recordingModel, scriptedModel, UsageMeter } from '../agent/model/index.js';
import { runAgent, type AgentResult } from '../agent/run-agent.js';
import { RunStore } from '../agent/runs/run-store.js';
import type { AgentOptions } from '../agent/run-context.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { KnowledgeBase } from '../knowledge-base/search.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/agent/${name}`, import.meta.url), 'utf8');
const answer = (file: string) => `Here is the sketch.\n\n\`\`\`ts\n${fixture(file)}\`\`\`\n`;
const circom = new CircomBackend();
const home = mkdtempSync(join(tmpdir(), 'zkcoder-agent-home-'));
const knowledgeBase = KnowledgeBase.open({ home, includeUser: false });
afterAll(() => circom.dispose());

async function collect(options: Partial<AgentOptions> & Pick<AgentOptions, 'task'>): Promise<{ events: AgentEvent[]; result: AgentResult }> {
  const events: AgentEvent[] = [];
  const generator = runAgent({
    languages: ['circom'],
    backends: { circom },
    knowledgeBase: await knowledgeBase,
    store: new RunStore(mkdtempSync(join(tmpdir(), 'zkcoder-runs-'))),
    soundnessBudgetMs: 3000,
    ...options,
  });
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
  }
}

describe('the agent loop with a scripted model and the real toolchains', () => {
  it('repairs a syntax error, then an under-constrained sketch, and verifies on the third attempt', async () => {
    const model = scriptedModel({ script: [answer('square-broken-syntax.ts'), answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const { events, result } = await collect({ task: 'square of an 8-bit number', model });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(3);
    const checks = events.filter((e) => e.type === 'sketch-checked');
    expect(checks.map((e) => e.ok)).toEqual([false, false, true]);
    expect(checks[0].summary).toMatch(/does not parse/);
    expect(checks[1].summary).toMatch(/UNDER-CONSTRAINED|unconstrained hint/);
    expect(events.filter((e) => e.type === 'repair').map((e) => e.iteration)).toEqual([2, 3]);
    const order = events.map((e) => (e.type === 'stage-start' || e.type === 'stage-end' ? `${e.type}:${e.stage}` : e.type)).filter((t) => !t.startsWith('model-'));
    const lastAttempt = order.slice(order.lastIndexOf('repair') + 1);
    expect(lastAttempt).toEqual([
      'stage-start:sketch', 'sketch-checked', 'stage-end:sketch',
      'stage-start:retrieve', 'retrieved', 'stage-end:retrieve',
      'stage-start:target', 'stage-end:target',
      'stage-start:check', 'compiled', 'tested', 'stage-end:check',
      'stage-start:prove', 'proved', 'stage-end:prove',
      'notice',
      'stage-start:output', 'stage-end:output',
      'done',
    ]);
    expect(events.find((e) => e.type === 'proved')).toMatchObject({ lang: 'circom', system: 'groth16', verified: true, tamperedRejected: true });
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: true, iterations: 3 });
    // Every request and response is in the run's transcript.
    const transcript = readFileSync(join(result.runDir, 'transcript.jsonl'), 'utf8').trim().split('\n');
    expect(transcript).toHaveLength(6);
    expect(model.calls[1].messages.at(-1)!.content).toContain('does not parse');
  });

  it('write strategy: repairs a Circom compile error from its diagnostic', async () => {
    const code = (file: string) => `\`\`\`circom\n${fixture(file)}\`\`\`\n`;
    const model = scriptedModel({ script: [answer('square-correct.ts'), code('square-broken.circom'), code('square-fixed.circom')] });
    const { events, result } = await collect({ task: 'square of an 8-bit number', model, strategy: 'write', prove: false });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(2);
    const compiled = events.filter((e) => e.type === 'compiled');
    expect(compiled.map((e) => e.ok)).toEqual([false, true]);
    const repairPrompt = model.calls[2].messages.at(-1)!.content;
    expect(repairPrompt).toContain('error[P1008]: main.circom:7');
    expect(repairPrompt).toContain('component bits = Num2Bits(8)');
    // The sketch passed once: the repair went to the code, not back to the sketch.
    expect(events.filter((e) => e.type === 'sketch-checked')).toHaveLength(1);
  });

  it('sends soundness findings (the counterexample) back to the model in the repair prompt', async () => {
    const code = (file: string) => `\`\`\`circom\n${fixture(file)}\`\`\`\n`;
    const model = scriptedModel({ script: [answer('square-correct.ts'), code('square-hint.circom'), code('square-fixed.circom')] });
    const { result } = await collect({ task: 'square of an 8-bit number', model, strategy: 'write', prove: false });
    expect(result.ok).toBe(true);
    const repairPrompt = model.calls[2].messages.at(-1)!.content;
    expect(repairPrompt).toContain('soundness: UNSOUND');
    expect(repairPrompt).toMatch(/main\.y: honest \d+, also satisfies the constraints: \d+/);
    expect(repairPrompt).toContain('A forged output was accepted: add the missing constraint.');
  });

  it('replays a recorded cassette into the same run', async () => {
    const cassette = join(mkdtempSync(join(tmpdir(), 'zkcoder-cassette-')), 'square.json');
    const scripted = scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const recorded = await collect({ task: 'square of an 8-bit number', model: recordingModel(scripted, { file: cassette }), prove: false });
    const replayed = await collect({ task: 'square of an 8-bit number', model: await loadReplayModel(cassette), prove: false });
    const shape = (events: AgentEvent[]) => events.filter((e) => !e.type.startsWith('model-') && e.type !== 'run-start').map((e) => ('summary' in e && e.type !== 'stage-end' ? `${e.type}:${e.summary}` : e.type));
    expect(replayed.result.ok).toBe(true);
    expect(replayed.result.iterations).toBe(recorded.result.iterations);
    expect(shape(replayed.events)).toEqual(shape(recorded.events));
  });

  it('stops when the token budget is spent, with a clear reason', async () => {
    const meter = new UsageMeter({ budget: { maxTokens: 300 } });
    const model = meteredModel(scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] }), meter);
    const { events, result } = await collect({ task: 'square of an 8-bit number', model, prove: false });
    expect(result.ok).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'error' });
    expect(result.summary).toMatch(/budget/i);
  });

  it('resumes an interrupted run from its last completed stage without asking the model again', async () => {
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'zkcoder-runs-')));
    const controller = new AbortController();
    const first = runAgent({
      task: 'square of an 8-bit number',
      languages: ['circom'],
      model: scriptedModel({ script: [answer('square-correct.ts')] }),
      backends: { circom },
      knowledgeBase: await knowledgeBase,
      store,
      prove: false,
      signal: controller.signal,
    });
    let runId = '';
    for await (const event of first) {
      if (event.type === 'run-start') runId = event.runId;
      if (event.type === 'stage-end' && event.stage === 'sketch') controller.abort();
    }
    expect(store.open(runId).state).toMatchObject({ status: 'interrupted', completedStages: ['sketch'] });
    const again = scriptedModel({ script: [] });
    const { events, result } = await collect({ task: '', resume: runId, model: again, store, prove: false });
    expect(result.ok).toBe(true);
    expect(again.calls).toHaveLength(0);
    expect(events[0]).toMatchObject({ type: 'run-start', runId, task: 'square of an 8-bit number', resumedFrom: 'sketch' });
    expect(store.open(runId).state.status).toBe('done');
  });
});
