import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRIMITIVES, loadEntry } from '../../knowledge-base/entry.js';
import { instantiateEntry, setNoirGlobals } from './instance.js';
import { planParameters } from './decision.js';

const load = (id: string) => loadEntry(join(BUILTIN_PRIMITIVES, id));
const numbers = (value: unknown): number[] => (value as string[]).map(Number);

// The entries' ZKSL sketches run in the real sandbox; compiling and proving is test/generate-cli.test.ts.
describe('instantiateEntry', () => {
  it('builds softmax over 8 values: template parameters, Noir globals, sketch defaults, and vectors computed by the sketch', async () => {
    const entry = await load('softmax');
    const plan = planParameters('softmax over 8 values', entry);
    expect(plan).toMatchObject({ values: { n: 8, bits: 8 }, changed: [{ name: 'n', value: 8, phrase: '8 values' }], unused: [] });
    const built = await instantiateEntry({ entry, params: plan.values, languages: ['circom', 'noir'] });
    if (!built.ok) throw new Error(built.message);
    const { circuits, vectors, sketch, notes } = built.instance;
    expect(circuits.circom?.params).toEqual([8n, 8n]);
    expect(circuits.noir?.files['src/main.nr']).toMatch(/global N: u32 = 8;\s+global BITS: u32 = 8;/);
    expect(sketch).toContain('params: { n: 8, bits: 8 }');
    expect(notes[0]).toMatch(/^Instantiated at n=8, bits=8\. .* \d+ accept .* 2 forge .* 2 reject/);

    const { accept, forge, reject } = vectors.circom!;
    expect(accept.length).toBeGreaterThanOrEqual(5);
    for (const { inputs, outputs } of accept) {
      const x = numbers(inputs.x);
      const out = numbers(outputs!.out);
      expect(x).toHaveLength(8);
      // floor-rounded probabilities over 8 values (256 = 1.0), larger logits never get less
      const total = out.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(256 - 7);
      expect(total).toBeLessThanOrEqual(256);
      for (const i of x.keys()) for (const j of x.keys()) if (x[i] > x[j]) expect(out[i]).toBeGreaterThanOrEqual(out[j]);
    }
    // forge: an honest input whose output is moved by one
    expect(forge[0].inputs).toEqual(accept[0].inputs);
    expect(numbers(forge[0].outputs.out)[0]).toBe(numbers(accept[0].outputs!.out)[0] + 1);
    // reject: an accepted input with one logit just outside SInt(8)
    expect(reject.map((r) => r.reason)).toEqual(['x[0] = 128 is outside SInt(8)', 'x[0] = -129 is outside SInt(8)']);
    expect(numbers(reject[0].inputs.x).slice(1)).toEqual(numbers(accept[0].inputs.x).slice(1));
  }, 60_000);

  it('refuses parameters the entry does not support, naming them and what the entry takes', async () => {
    const entry = await load('softmax');
    const built = await instantiateEntry({ entry, params: { n: 4, bits: 4 }, languages: ['circom'] });
    expect(built).toEqual({
      ok: false,
      message: 'cannot build softmax at n=4, bits=4: sketch error: UInt(0): bits must be an integer in [1, 252] (sketch.ts:20) (n: row length; bits: signed width of the logits (1 fractional bit), at least 5)',
    });
  });

  it('asks reject vectors only for inputs whose range the entry enforces, and samples Field inputs a body range-checks', async () => {
    // bitwise-and declares Field inputs and range-checks them in the body: no type rejects, valid samples below 2^16.
    const entry = await load('bitwise-and');
    const built = await instantiateEntry({ entry, params: { n: 16 }, languages: ['noir'] });
    if (!built.ok) throw new Error(built.message);
    const { accept, reject } = built.instance.vectors.noir!;
    expect(reject).toEqual([]);
    expect(accept.length).toBeGreaterThanOrEqual(3);
    for (const { inputs, outputs } of accept) expect(BigInt(outputs!.out as string)).toBe(BigInt(inputs.a as string) & BigInt(inputs.b as string));
  }, 60_000);

  it('says so when the Noir main has no global for a parameter', async () => {
    const entry = await load('softmax');
    expect(setNoirGlobals('fn main() {}', entry, { n: 8, bits: 8 })).toEqual({ ok: false, message: 'the Noir main has no global N to set n=8' });
    expect(setNoirGlobals('global N: u32 = 4;\nglobal BITS: u32 = 8;', entry, { n: 4, bits: 8 })).toEqual({ ok: true, source: 'global N: u32 = 4;\nglobal BITS: u32 = 8;' });
  });

  it('lists quantities in the task that the entry cannot take, so the task is refused', async () => {
    const entry = await load('field-inverse');
    expect(planParameters('inverse of 8 values', entry).unused).toEqual([
      'The task says "8 values" (a number of elements), but field-inverse cannot be built with it (it has no parameters).',
    ]);
    // The 32 of rotate-left-32 is what the entry is: nothing unused.
    expect(planParameters('rotate a 32-bit word left', await load('rotate-left-32')).unused).toEqual([]);
    expect(planParameters('rotate a 16-bit word left', await load('rotate-left-32')).unused).toHaveLength(1);
  });

  it('applies the parameters the naming tag implies, unless the task states them', async () => {
    const entry = await load('pow-const');
    expect(planParameters('square a number', entry, 'square')).toMatchObject({ values: { e: 2 }, changed: [{ name: 'e', value: 2, phrase: 'square' }] });
    expect(planParameters('cube of x', entry, 'cube').values).toEqual({ e: 3 });
    // negative twin: named by a tag with no implied parameters, the default stands
    expect(planParameters('power of x', entry, 'power')).toMatchObject({ values: { e: 5 }, changed: [] });
    expect(planParameters('x to the power 7', entry, 'power').values).toEqual({ e: 7 });
  });
});
