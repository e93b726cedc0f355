/**
 * A vector refused by a declared input's type check names that input in a field (`refusedInput`),
 * in-process and through the sandbox, so callers never read it out of the message text.
 */
import { describe, expect, it } from 'vitest';
import { checkVectors } from '../core/run.js';
import { checkSketchVectors } from '../index.js';
import { G, sketch, UInt } from '../runtime.js';

const source = `import { sketch, UInt, G } from 'zksl';
export default sketch({
  name: 'Below', params: {},
  inputs: () => ({ a: UInt(8), b: UInt(8) }),
  outputs: () => ({ out: UInt(8) }),
  body: ({ a, b }) => { G.assertLessThan(a, b, 8); return { out: b.sub(a) }; },
});`;

const below = sketch({
  name: 'Below',
  params: {},
  inputs: () => ({ a: UInt(8), b: UInt(8) }),
  outputs: () => ({ out: UInt(8) }),
  body: ({ a, b }) => {
    G.assertLessThan(a, b, 8);
    return { out: b.sub(a) };
  },
});

const vectors = {
  accept: [{ inputs: { a: 1, b: 300 } }, { inputs: { a: 1, b: 2 } }],
  reject: [
    { inputs: { a: 256, b: 2 }, reason: 'a is no byte' },
    { inputs: { a: 1, b: -1 }, reason: 'b is no byte' },
    { inputs: { a: 5, b: 2 }, reason: 'a is not below b' },
  ],
};

function refusals(report: { verdicts: { kind: string; refusedInput?: string }[] }) {
  return report.verdicts.map((v) => `${v.kind}:${v.refusedInput ?? '-'}`);
}

describe('refusedInput', () => {
  it('names the input whose type check refused, and only for type checks', () => {
    expect(refusals(checkVectors(below, vectors))).toEqual(['accept:b', 'accept:-', 'reject:a', 'reject:b', 'reject:-']);
  });

  it('survives the sandbox reply', async () => {
    const report = await checkSketchVectors(source, vectors, { timeoutMs: 20_000 });
    expect(refusals(report)).toEqual(['accept:b', 'accept:-', 'reject:a', 'reject:b', 'reject:-']);
    expect(report.verdicts[4]).toMatchObject({ ok: true, detail: expect.stringMatching(/violated/) });
  });
});
