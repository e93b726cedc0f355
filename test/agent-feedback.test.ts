/**
 * What the model reads on repair, through the whole loop with a scripted model: runtime errors name
 * the failing call, the nearest real names and the sketch line; repeated findings come once with a
 * count; failures in lowered code point at sketch lines, never at files the model has not seen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { collect as collectWith, sketchAnswer as answer } from './agent-scripted.js';

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
    // six accept vectors failing alike are one line naming them
    expect(afterUnknown).toMatch(/accept\[0–5\] \(6 vectors\): sketch error: H\.mull does not exist/);
    expect(afterUnknown.match(/does not exist/g)!.length).toBeLessThanOrEqual(4);

    const hintLines = afterMany.split('\n').filter((l) => l.includes("unconstrained hint 'x_k' at sketch.ts:12:"));
    // the summary names the first one; the list has one line for all 47
    expect(hintLines).toHaveLength(2);
    expect(hintLines[1]).toMatch(/so a prover can set it freely \(47×\)$/);
    expect(afterMany).toContain("12 | const x_k = witness(Field, H.mul(x, k), 'x_k');");
  });
});
