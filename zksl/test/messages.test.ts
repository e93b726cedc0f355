/** What a sketch author reads when the sketch itself breaks: the failing name, the nearest real ones, the line. */
import { describe, expect, it } from 'vitest';
import { G, H, runSketchSource } from '../index.js';
import { nearestNames, UnknownMemberError } from '../core/namespace.js';

const sketchWith = (body: string, top = '') => `import { Field, G, H, sketch, UInt, witness } from 'zksl';
${top}
export default sketch({
  name: 'T',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: UInt(bits) }),
  outputs: () => ({ y: Field }),
  body: ({ a, b }) => {
    ${body}
  },
});
`;

describe('unknown G. and H. names', () => {
  it('names the member and the nearest existing ones, in process', () => {
    expect(() => (G as unknown as Record<string, unknown>).isEqaul).toThrow(UnknownMemberError);
    expect(() => (G as unknown as Record<string, unknown>).isEqaul).toThrow(/^G\.isEqaul does not exist; nearest: G\.isEqual \(G has toBits, /);
    expect(() => (H as unknown as Record<string, unknown>).gcd).toThrow(/^H\.gcd does not exist \(H has add, sub, mul, div, mod/);
    // existing members, symbols and the probes JSON and module interop make still work
    expect(typeof G.divMod).toBe('function');
    expect((H as unknown as Record<string, unknown>).then).toBeUndefined();
    expect(JSON.stringify(Object.keys(H))).toContain('"div"');
  });

  it('ranks containing names first, then small edit distances, and suggests nothing far away', () => {
    expect(nearestNames('lessThen', Object.keys(G))).toEqual(['lessThan']);
    expect(nearestNames('range', Object.keys(G))).toEqual(['assertRange']);
    expect(nearestNames('gcd', Object.keys(H))).toEqual([]);
  });
});

describe('runtime errors in sandboxed sketches name what failed and the sketch line', () => {
  it('an unknown hint in the body', async () => {
    const run = await runSketchSource(sketchWith('const g = witness(Field, H.gcd(a, b));\n    return { y: g };'), { mode: 'witness', inputs: { a: 6, b: 4 } });
    expect(run.ok).toBe(false);
    expect(!run.ok && run.failure).toMatchObject({ kind: 'sketch', location: { file: 'sketch.ts', line: 9 } });
    expect(!run.ok && run.failure?.message).toMatch(/^sketch error: H\.gcd does not exist .*\(sketch\.ts:9\)$/);
  });

  it('a call of something that is not a function', async () => {
    const run = await runSketchSource(sketchWith('// a Signal has no foo\n    return { y: (a as any).foo(b) };'), { mode: 'constraints' });
    expect(!run.ok && run.failure?.message).toMatch(/^sketch error: .*not a function.* \(sketch\.ts:10\)$/);
  });

  it('an unknown gadget read at the top level of the module', async () => {
    const run = await runSketchSource(sketchWith('return { y: a };', '\nconst helper = G.lessThen;'), { mode: 'constraints' });
    expect(!run.ok && run.failure).toMatchObject({ kind: 'sketch', location: { file: 'sketch.ts', line: 3 } });
    expect(!run.ok && run.failure?.message).toMatch(/^sketch error: G\.lessThen does not exist; nearest: G\.lessThan .*\(sketch\.ts:3\)$/);
  });
});
