import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { RunStore } from '../agent/runs/run-store.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { collect as collectWith, fixture, sketchAnswer as answer, temporaryDir } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());
const collect: typeof collectWith = (options, onEvent) => collectWith({ backends: { circom }, ...options }, onEvent);
const task = 'square of an 8-bit number';

/** Every file under a run's attempts/ with its content and modification time. */
function attemptFiles(runDir: string): Record<string, string> {
  const root = join(runDir, 'attempts');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = `${statSync(path).mtimeMs} ${readFileSync(path, 'utf8')}`;
    }
  };
  walk(root);
  return files;
}

describe('abort and resume with a scripted model', () => {
  it('an abort stops the loop between steps and saves the run; resuming continues with attempt 2', async () => {
    const store = new RunStore(temporaryDir('runs'));
    const controller = new AbortController();
    const first = scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const stopped = await collect({ task, model: first, store, prove: false, signal: controller.signal }, (event) => {
      if (event.type === 'sketch-checked') controller.abort();
    });
    const { runId, runDir } = stopped.result;
    expect(stopped.result.ok).toBe(false);
    expect(first.calls).toHaveLength(1);
    expect(stopped.events.at(-1)).toMatchObject({ type: 'error', message: `aborted by the user; the run is saved: zkcoder generate --resume ${runId}` });
    expect(store.open(runId).state).toMatchObject({ status: 'interrupted', completedStages: [] });
    // Every event the consumer saw is on disk.
    expect(store.open(runId).events()).toEqual(stopped.events);
    const before = attemptFiles(runDir);
    expect(Object.keys(before).sort()).toEqual(['1/answer.md', '1/sketch-report.txt', '1/sketch.ts']);

    const again = scriptedModel({ script: [answer('square-correct.ts')] });
    const { events, result } = await collect({ task: '', resume: runId, model: again, store, prove: false });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'notice', message: 'resuming the run at attempt 2' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'repair', iteration: 2 }));
    // The repair prompt comes from the saved report on attempt 1.
    expect(again.calls[0].messages.at(-1)!.content).toContain('UNDER-CONSTRAINED');
    const after = attemptFiles(runDir);
    for (const [path, content] of Object.entries(before)) expect(after[path]).toBe(content);
    expect(after['2/sketch.ts']).toContain(fixture('square-correct.ts'));
    expect(store.open(runId).state.status).toBe('done');
  });

  it('interrupted after the check, a resumed run re-runs only prove (and output) and writes no attempt over', async () => {
    const store = new RunStore(temporaryDir('runs'));
    const controller = new AbortController();
    const first = scriptedModel({ script: [answer('square-unconstrained.ts'), answer('square-correct.ts')] });
    const stopped = await collect({ task, model: first, store, signal: controller.signal }, (event) => {
      if (event.type === 'stage-end' && event.stage === 'check' && event.ok) controller.abort();
    });
    const { runId, runDir } = stopped.result;
    expect(stopped.events.some((e) => e.type === 'proved')).toBe(false);
    expect(store.open(runId).state).toMatchObject({ status: 'interrupted', completedStages: ['sketch', 'retrieve', 'target', 'check'] });
    const before = attemptFiles(runDir);

    const again = scriptedModel({ script: [] });
    const { events, result } = await collect({ task: '', resume: runId, model: again, store });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(2);
    expect(again.calls).toHaveLength(0);
    expect(events[0]).toMatchObject({ type: 'run-start', runId, task, resumedFrom: 'check' });
    expect(events.filter((e) => e.type === 'stage-start').map((e) => e.stage)).toEqual(['prove', 'output']);
    expect(events.find((e) => e.type === 'proved')).toMatchObject({ lang: 'circom', system: 'groth16', verified: true, tamperedRejected: true });
    expect(attemptFiles(runDir)).toEqual(before);
    expect(existsSync(join(runDir, 'final', 'circom'))).toBe(true);
    expect(store.open(runId).state.status).toBe('done');
  });

  it('an abort while proving stops before the outputs; resuming proves again and writes them', async () => {
    const store = new RunStore(temporaryDir('runs'));
    const controller = new AbortController();
    const first = scriptedModel({ script: [answer('square-correct.ts')] });
    const stopped = await collect({ task, model: first, store, signal: controller.signal }, (event) => {
      if (event.type === 'stage-start' && event.stage === 'prove') controller.abort();
    });
    const { runId } = stopped.result;
    expect(stopped.events.some((e) => e.type === 'stage-start' && e.stage === 'output')).toBe(false);
    expect(store.open(runId).state).toMatchObject({ status: 'interrupted', completedStages: ['sketch', 'retrieve', 'target', 'check', 'prove'] });

    const { events, result } = await collect({ task: '', resume: runId, model: scriptedModel({ script: [] }), store });
    expect(result.ok).toBe(true);
    // The proofs are not kept between runs (the outputs need them): prove again, nothing before it.
    expect(events.filter((e) => e.type === 'stage-start').map((e) => e.stage)).toEqual(['prove', 'output']);
    expect(store.open(runId).state.status).toBe('done');
  });

  it('refuses to resume a model run without a model, and changes nothing', async () => {
    const store = new RunStore(temporaryDir('runs'));
    const controller = new AbortController();
    const model = scriptedModel({ id: 'scripted:first', script: [answer('square-unconstrained.ts')] });
    const { result: stopped } = await collect({ task, model, store, prove: false, signal: controller.signal }, (event) => {
      if (event.type === 'model-response') controller.abort();
    });
    const saved = readFileSync(join(stopped.runDir, 'state.json'), 'utf8');
    const { events, result } = await collect({ task: '', resume: stopped.runId, store });
    expect(result.ok).toBe(false);
    expect(events).toEqual([expect.objectContaining({ type: 'error', message: `run ${stopped.runId} was started with the model scripted:first: configure the same model to resume it (flags, environment or zkcoder.config.json), or pass --provider none to finish it from the knowledge base` })]);
    expect(readFileSync(join(stopped.runDir, 'state.json'), 'utf8')).toBe(saved);

    // Said explicitly (--provider none), the run finishes from the knowledge base instead.
    const switched = await collect({ task: '', resume: stopped.runId, store, noModel: true });
    expect(switched.events[0]).toMatchObject({ type: 'run-start', mode: 'knowledge-base', task });
    expect(switched.events[1]).toMatchObject({ type: 'notice', message: `run ${stopped.runId} was started with the model scripted:first; with the model switched off it finishes from the knowledge base` });
    expect(store.open(stopped.runId).state.mode).toBe('knowledge-base');
  });
});
