import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { statedTolerance } from '../agent/model-loop/float-accuracy.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { collect, sketchAnswer } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());

describe('a fixed-point sketch with a float reference', () => {
  it('reads the tolerance a task states', () => {
    expect(statedTolerance('fixed-point square within 1 ulp')).toBe(1);
    expect(statedTolerance('error at most 0.5 ULPs')).toBe(0.5);
    expect(statedTolerance('2 units in the last place')).toBe(2);
    expect(statedTolerance('square of an 8-bit number')).toBeUndefined();
  });

  it('fails a sketch whose integer reference is beyond the stated ulps, then reports the error of the repaired one in REPORT.md', async () => {
    const model = scriptedModel({ script: [sketchAnswer('fixed-square-wrong-scale.ts'), sketchAnswer('fixed-square.ts')] });
    const { events, result } = await collect({ task: 'square of a fixed-point number, within 1 ulp', model, languages: ['circom'], backends: { circom }, prove: false, maxIterations: 2 });
    const checked = events.filter((e) => e.type === 'sketch-checked');
    expect(checked[0]).toMatchObject({ ok: false });
    // -128 at scale 2 is -32; its square 1024 is 8192 at scale 3, 16384 claimed: 8192 ulp away
    expect(JSON.stringify(checked[0])).toMatch(/the integer reference is 8192 ulp from floatReference at y.*more than the 1 ulp the task states/);
    expect(checked[1]).toMatchObject({ ok: true });
    expect(result.ok).toBe(true);
    const reportPath = result.outputs.find((o) => o.path.endsWith('REPORT.md'))!.path;
    expect(readFileSync(reportPath, 'utf8')).toContain('float reference: max error 0 ulp at y, accept case 1 of 30; tolerance 1 ulp (task)');
  }, 120_000);
});
