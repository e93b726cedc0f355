import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { RunStore } from '../agent/runs/run-store.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { collect, sketchAnswer, temporaryDir, transcript } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());

/**
 * `generate --assume "x < 2^8"`: the model reads the precondition in its task, and a circuit that
 * accepts an input outside it is not verified (precondition-bypass), so the repair must add the check.
 */
describe('stated preconditions in the agent loop', () => {
  it('tells the model, refuses a circuit that accepts x = 2^8, and verifies the range-checked repair', async () => {
    const model = scriptedModel({ script: [sketchAnswer('square-too-wide.ts'), sketchAnswer('square-correct.ts')] });
    const store = new RunStore(temporaryDir('runs'));
    const { events, result } = await collect({
      task: 'square a number',
      model,
      store,
      languages: ['circom'],
      backends: { circom },
      prove: false,
      maxIterations: 2,
      assumptions: ['x < 2^8'],
    });
    const tested = events.filter((e) => e.type === 'tested');
    expect(tested[0]).toMatchObject({ lang: 'circom', passed: false });
    expect(JSON.stringify(tested[0])).toMatch(/precondition/);
    expect(tested.at(-1)).toMatchObject({ lang: 'circom', passed: true });
    expect(result.ok).toBe(true);

    const start = events.find((e) => e.type === 'run-start');
    const runId = start?.type === 'run-start' ? start.runId : '';
    const run = store.open(runId);
    expect(run.state.options.assumptions).toEqual(['x < 2^8']);
    const requests = transcript(run.dir).filter((line) => line.role === 'request') as unknown as { content: { messages: { content: string }[] } }[];
    const prompts = requests.map((line) => line.content.messages.at(-1)?.content ?? '');
    expect(prompts.length).toBe(2);
    for (const prompt of prompts) expect(prompt).toContain('Stated preconditions on the inputs');
    expect(prompts[0]).toContain('- x < 2^8');
  }, 180_000);
});
