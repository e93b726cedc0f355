import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../agent/events.js';
import { loadReplayModel, meteredModel, ModelError, recordingModel, scriptedModel, UsageMeter } from '../agent/model/index.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { codeAnswer, collect as collectWith, eventOrder, fixture, sketchAnswer as answer, transcript } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());
const collect: typeof collectWith = (options, onEvent) => collectWith({ backends: { circom }, ...options }, onEvent);
const task = 'square of an 8-bit number';
const retrievedIds = (events: AgentEvent[]) => events.filter((e) => e.type === 'retrieved').map((e) => e.hits.map((h) => h.id));

describe('the agent loop with a scripted model and the real toolchains', () => {
  it('repairs a syntax error, then an under-constrained sketch, and verifies on the third attempt', async () => {
    const model = scriptedModel({ script: [answer('square-broken-syntax.ts'), answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const { events, result } = await collect({ task, model });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(3);
    const checks = events.filter((e) => e.type === 'sketch-checked');
    expect(checks.map((e) => e.ok)).toEqual([false, false, true]);
    expect(checks[0].summary).toMatch(/does not parse/);
    expect(checks[1].summary).toMatch(/UNDER-CONSTRAINED|unconstrained hint/);
    expect(events.filter((e) => e.type === 'repair').map((e) => e.iteration)).toEqual([2, 3]);
    const order = eventOrder(events);
    // Retrieval by the task's words comes before the first sketch; every sketch is followed by a sketch-guided search.
    expect(order.slice(0, order.indexOf('repair'))).toEqual([
      'run-start', 'retrieved',
      'stage-start:sketch', 'sketch-checked', 'stage-end:sketch',
      'stage-start:retrieve', 'retrieved', 'stage-end:retrieve',
    ]);
    // (Notices — the dev setup warnings after proving — are the harness's business, not the loop's.)
    expect(order.slice(order.lastIndexOf('repair') + 1).filter((t) => t !== 'notice')).toEqual([
      'stage-start:sketch', 'sketch-checked', 'stage-end:sketch',
      'stage-start:retrieve', 'retrieved', 'stage-end:retrieve',
      'stage-start:target', 'stage-end:target',
      'stage-start:check', 'compiled', 'tested', 'stage-end:check',
      'stage-start:prove', 'proved', 'stage-end:prove',
      'stage-start:output', 'stage-end:output',
      'done',
    ]);
    expect(events.find((e) => e.type === 'proved')).toMatchObject({ lang: 'circom', system: 'groth16', verified: true, tamperedRejected: true });
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: true, iterations: 3 });

    // Every prompt carries the task and the ZKSL reference; the retrieved entries reach the next prompt.
    const prompts = model.calls.map((c) => c.messages.at(-1)!.content);
    const [forTask, afterFirst] = retrievedIds(events);
    for (const prompt of prompts) {
      expect(prompt).toContain(task);
      expect(prompt).toContain('# ZKSL reference');
    }
    expect(prompts[0]).toContain(`(${forTask[0]}; matched`);
    expect(prompts[1]).toContain(`(${afterFirst[0]}; matched`);
    expect(prompts[1]).toContain('does not parse');
    expect(prompts[1]).toContain(fixture('square-broken-syntax.ts').trim());
    expect(prompts[2]).toContain('UNDER-CONSTRAINED');
    // Every request and response is in the run's transcript, with the version of its prompt.
    const lines = transcript(result.runDir);
    expect(lines.map((l) => l.role)).toEqual(['request', 'response', 'request', 'response', 'request', 'response']);
    expect(lines.filter((l) => l.role === 'request').map((l) => l.content.prompt)).toEqual(['sketch.v4', 'repair-sketch.v4', 'repair-sketch.v4']);
  });

  it('write strategy: repairs a Circom compile error from its diagnostic, with the task, sketch and retrieved Circom in every prompt', async () => {
    const model = scriptedModel({ script: [answer('square-correct.ts'), codeAnswer('circom', 'square-broken.circom'), codeAnswer('circom', 'square-fixed.circom')] });
    const { events, result } = await collect({ task, model, strategy: 'write', prove: false });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(2);
    const compiled = events.filter((e) => e.type === 'compiled');
    expect(compiled.map((e) => e.ok)).toEqual([false, true]);
    const [writePrompt, repairPrompt] = model.calls.slice(1).map((c) => c.messages.at(-1)!.content);
    expect(repairPrompt).toContain('error[P1008]: main.circom:7');
    expect(repairPrompt).toContain('component bits = Num2Bits(8)');
    const hits = retrievedIds(events).at(-1)!;
    for (const prompt of [writePrompt, repairPrompt]) {
      expect(prompt).toContain(task);
      expect(prompt).toContain(fixture('square-correct.ts').trim());
      expect(prompt).toContain('# ZKSL reference');
      expect(prompt).toContain(`(${hits[0]}; matched`);
      expect(prompt).toMatch(/```circom\n[\s\S]*template \w+/);
    }
    // The sketch passed once: the repair went to the code, not back to the sketch.
    expect(events.filter((e) => e.type === 'sketch-checked')).toHaveLength(1);
    expect(transcript(result.runDir).filter((l) => l.role === 'request').map((l) => l.content.prompt)).toEqual(['sketch.v4', 'write-code.v2', 'repair-code.v2']);
  });

  it('sends soundness findings (the counterexample) back to the model in the repair prompt', async () => {
    const model = scriptedModel({ script: [answer('square-correct.ts'), codeAnswer('circom', 'square-hint.circom'), codeAnswer('circom', 'square-fixed.circom')] });
    const { result } = await collect({ task, model, strategy: 'write', prove: false });
    expect(result.ok).toBe(true);
    const repairPrompt = model.calls[2].messages.at(-1)!.content;
    expect(repairPrompt).toContain('soundness: UNSOUND');
    expect(repairPrompt).toMatch(/main\.y: honest \d+, also satisfies the constraints: \d+/);
    expect(repairPrompt).toContain('A forged output was accepted: add the missing constraint.');
  });

  it('replays a recorded cassette into the same run', async () => {
    const cassette = join(mkdtempSync(join(tmpdir(), 'zkcoder-cassette-')), 'square.json');
    const scripted = scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const recorded = await collect({ task, model: recordingModel(scripted, { file: cassette }), prove: false });
    const replayed = await collect({ task, model: await loadReplayModel(cassette), prove: false });
    const shape = (events: AgentEvent[]) => events.filter((e) => !e.type.startsWith('model-') && e.type !== 'run-start').map((e) => ('summary' in e && e.type !== 'stage-end' ? `${e.type}:${e.summary}` : e.type));
    expect(replayed.result.ok).toBe(true);
    expect(replayed.result.iterations).toBe(recorded.result.iterations);
    expect(shape(replayed.events)).toEqual(shape(recorded.events));
  });
});

describe('stop conditions and failed requests', () => {
  it('stops on the token budget before the next request, with the reason', async () => {
    const model = scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const { events, result } = await collect({ task, model, prove: false, budget: { maxTokens: 300 } });
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/^not verified: token budget spent: \d+ of 300 tokens used \(--max-tokens\)$/);
    expect(model.calls).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: false });
  });

  it('a metered model refusing over budget stops the run the same way, and the refusal is in the transcript', async () => {
    const meter = new UsageMeter({ budget: { maxTokens: 300 } });
    const model = meteredModel(scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] }), meter);
    const { result } = await collect({ task, model, prove: false });
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/^not verified: token budget spent/);
    const lines = transcript(result.runDir);
    expect(lines.map((l) => l.role)).toEqual(['request', 'response', 'request', 'error']);
    expect(lines[3].content).toMatchObject({ prompt: 'repair-sketch.v4', kind: 'budget' });
  });

  it('records a refused request (401) in the transcript and ends the run with its message', async () => {
    const refusal = new ModelError({ kind: 'auth', status: 401, message: "openai model 'gpt-5-mini': the API key was refused (401); check OPENAI_API_KEY" });
    const model = scriptedModel({ script: [refusal] });
    const { events, result } = await collect({ task, model, prove: false });
    expect(result.ok).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'error', message: refusal.message });
    const lines = transcript(result.runDir);
    expect(lines.map((l) => l.role)).toEqual(['request', 'error']);
    expect(lines[1]).toMatchObject({ purpose: 'sketch', content: { prompt: 'sketch.v4', kind: 'auth', status: 401, message: refusal.message } });
  });
});
