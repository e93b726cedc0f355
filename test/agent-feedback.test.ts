/**
 * What the model reads on repair, through the whole loop with a scripted model: runtime errors name
 * the failing call, the nearest real names and the sketch line; repeated findings come once with a
 * count; failures in lowered code point at sketch lines, never at files the model has not seen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { MISSING_INVALID_INPUTS } from '../agent/model-loop/derive-vectors.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { collect as collectWith, sketchAnswer as answer, temporaryDir } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());
const collect: typeof collectWith = (options, onEvent) => collectWith({ backends: { circom }, ...options }, onEvent);
const task = 'square of an 8-bit number';
const prompts = (model: ReturnType<typeof scriptedModel>) => model.calls.map((c) => c.messages.at(-1)!.content);

describe('repair feedback the model can act on', () => {
  it('an unknown hint: the name, the nearest existing one, the sketch line and its text; then repeated findings once, with a count', async () => {
    const model = scriptedModel({ script: [answer('square-unknown-hint.ts'), answer('square-many-hints.ts'), answer('square-correct.ts')] });
    const { events, result } = await collect({ task, model, prove: false });
    expect(result.ok).toBe(true);
    const checks = events.filter((e) => e.type === 'sketch-checked');
    expect(checks.map((e) => e.ok)).toEqual([false, false, true]);
    const [, afterUnknown, afterMany] = prompts(model);

    expect(afterUnknown).toContain('sketch error: H.mull does not exist; nearest: H.mul (H has add, sub, mul,');
    expect(afterUnknown).toContain('(sketch.ts:9)');
    expect(afterUnknown).toContain('9 | const y = witness(Field, H.mull(x, x));');
    expect(afterUnknown).not.toMatch(/sketch error: not a function/);
    // thirty accept vectors failing alike are one line naming them
    expect(afterUnknown).toMatch(/accept\[0–29\] \(30 vectors\): sketch error: H\.mull does not exist/);
    expect(afterUnknown.match(/does not exist/g)!.length).toBeLessThanOrEqual(4);

    const hintLines = afterMany.split('\n').filter((l) => l.includes("unconstrained hint 'x_k' at sketch.ts:12:"));
    // the summary names the first one; the list has one line for all 47
    expect(hintLines).toHaveLength(2);
    expect(hintLines[1]).toMatch(/so a prover can set it freely \(47×\)$/);
    expect(afterMany).toContain("12 | const x_k = witness(Field, H.mul(x, k), 'x_k');");
  });
});

describe('failures in lowered code are reported at sketch lines', () => {
  it('an under-constrained output found by the attacker in Circom and Noir points at the sketch line, never at main.circom or src/main.nr', async () => {
    const noir = new NoirBackend();
    try {
      const model = scriptedModel({ script: [answer('square-sign-ambiguous.ts'), answer('square-correct.ts')] });
      // the attacker needs time for Noir's hint answers on a loaded machine
      const { events, result } = await collect({ task, model, prove: false, languages: ['circom', 'noir'], backends: { circom, noir }, soundnessBudgetMs: 30_000 });
      expect(result.ok).toBe(true);
      // the sketch's own vectors pass: the fault shows only in the lowered circuits
      expect(events.filter((e) => e.type === 'sketch-checked').map((e) => e.ok)).toEqual([true, true]);
      const repair = prompts(model)[1];
      expect(repair).toContain('circom lowered from sketch.ts: compile ok');
      expect(repair).toContain('noir lowered from sketch.ts: compile ok');
      expect(repair.match(/soundness: UNSOUND/g)).toHaveLength(2);
      expect(repair).toContain('11 | const y = witness(Field, H.mul(x, x));');
      expect(repair).not.toMatch(/main\.circom|src\/main\.nr|main\.nr:/);
      // what the lowering writes, not the model (`<--` for hints), draws no compiler warning
      expect(repair).not.toContain('Consider using <== instead of <--');
      // the run's own report keeps the lowered locations for a person
      expect(readFileSync(join(result.runDir, 'attempts', '1', 'circom-report.txt'), 'utf8')).toMatch(/main\.circom:\d+/);
    } finally {
      await noir.dispose?.();
    }
  }, 300_000);
});

describe('generated tests are hard to pass by accident', () => {
  it('≥ 30 accept vectors with the type boundaries, forges moved several ways, type rejects; a missing invalidInputs is a warning in the report and the repair prompt', async () => {
    const out = join(temporaryDir('feedback-out'), 'square');
    const model = scriptedModel({ script: [answer('square-sign-no-invalid.ts'), answer('square-correct.ts')] });
    const { events, result } = await collect({ task, model, prove: false, outDir: out });
    expect(result.ok).toBe(true);
    const notices = events.filter((e) => e.type === 'notice' && e.level === 'warning').map((e) => (e as { message: string }).message);
    expect(notices).toEqual([MISSING_INVALID_INPUTS]);
    expect(readFileSync(join(result.runDir, 'attempts', '1', 'sketch-report.txt'), 'utf8')).toContain(MISSING_INVALID_INPUTS);
    const repair = prompts(model)[1];
    expect(repair).toContain('soundness: UNSOUND');
    expect(repair).toContain(MISSING_INVALID_INPUTS);

    const vectors = JSON.parse(readFileSync(join(out, 'vectors.json'), 'utf8')) as TestVectors;
    const xs = vectors.accept.map((v) => String(v.inputs.x));
    expect(vectors.accept.length).toBeGreaterThanOrEqual(30);
    expect(new Set(xs).size).toBe(xs.length);
    expect(xs).toEqual(expect.arrayContaining(['0', '255']));
    // the repaired module's invalidInputs, plus x just outside UInt(8) from the declared type
    expect(vectors.reject.map((r) => r.reason)).toEqual(['x must fit in bits', 'x = 256 is outside UInt(8)']);
    const moves = vectors.forge.map((f) => f.name!.replace(/^reference \d+ /, ''));
    expect(new Set(moves)).toEqual(new Set(['y + 1', 'y - 1', 'y = 0', 'y = p - 1']));
    expect(vectors.forge.length).toBeGreaterThanOrEqual(6);
  }, 300_000);
});
