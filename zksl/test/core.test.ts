import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P, toField, toSigned } from '../core/field.js';
import { checkVectors, forgeOutputs, runConstraints, runWitness } from '../core/run.js';
import { Arr, Bool, Field, G, H, pub, Signal, SInt, sketch, sum, UInt, witness } from '../runtime.js';

const thisFile = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
/** 1-based line of the first line containing the marker. */
const lineOf = (marker: string): number => thisFile.findIndex((l) => l.includes(marker)) + 1;

const square = sketch({
  name: 'Square',
  params: {},
  inputs: () => ({ x: Field, y: pub(Field) }),
  outputs: () => ({ z: Field }),
  body: ({ x, y }) => {
    const xx = x.mul(x);
    xx.assertEquals(y, 'x² = y');
    return { z: xx.add(y).scale(2) };
  },
});

describe('field', () => {
  it('maps negatives to p − |x| and back', () => {
    expect(toField(-3)).toBe(P - 3n);
    expect(toField('0x10')).toBe(16n);
    expect(toSigned(P - 3n)).toBe(-3n);
    expect(() => toField('1.5')).toThrow(/not a field element/);
  });
});

describe('witness mode', () => {
  it('computes outputs and checks constraints', () => {
    const run = runWitness(square, { inputs: { x: 3, y: 9 } });
    expect(run.ok && run.outputs).toEqual({ z: '36' });
  });

  it('reports the first violated constraint with its label and sketch line', () => {
    const run = runWitness(square, { inputs: { x: 3, y: 10 } });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.failure.kind).toBe('constraint');
    expect(run.failure.label).toBe('x² = y');
    // the assertEquals call in the body above, not a runtime file
    expect(run.failure.location?.file).toMatch(/core\.test\.ts$/);
    expect(run.failure.location?.line).toBe(lineOf("xx.assertEquals(y, 'x² = y')"));
  });

  it('refuses inputs outside their declared type, and malformed inputs', () => {
    const typed = sketch({
      name: 'Typed',
      params: {},
      inputs: () => ({ u: UInt(4), s: SInt(4), b: Bool, xs: Arr(Field, 2) }),
      outputs: () => ({ y: Field }),
      body: ({ u, s, b, xs }) => ({ y: u.add(s).add(b).add(xs[1]) }),
    });
    expect(runWitness(typed, { inputs: { u: 15, s: -8, b: 1, xs: [0, 1] } }).ok).toBe(true);
    for (const bad of [{ u: 16 }, { s: 8 }, { s: -9 }, { b: 2 }]) {
      const run = runWitness(typed, { inputs: { u: 0, s: 0, b: 0, xs: [0, 0], ...bad } });
      expect(run.ok ? 'accepted' : run.failure.kind).toBe('constraint');
    }
    const short = runWitness(typed, { inputs: { u: 0, s: 0, b: 0, xs: [0] } });
    expect(short.ok ? 'accepted' : short.failure.message).toMatch(/xs: expected an array of length 2/);
    const missing = runWitness(typed, { inputs: { u: 0, s: 0, b: 0 } });
    expect(missing.ok ? 'accepted' : missing.failure.message).toBe("missing input 'xs' (Typed's inputs are u, s, b, xs)");
  });

  it('refuses input values outside the field instead of reducing them, as Circom and Noir do', () => {
    for (const x of [P.toString(), (P + 3n).toString(), `-${P}`]) {
      const run = runWitness(square, { inputs: { x, y: 9 } });
      expect(run.ok ? 'accepted' : run.failure).toEqual({ kind: 'input', message: `input x: ${x} is outside the field (|x| must be below p)` });
    }
    // negative twin: p − 3 (that is, −3) is a field element and runs
    expect(runWitness(square, { inputs: { x: (P - 3n).toString(), y: 9 } }).ok).toBe(true);
  });

  it('refuses unknown input names, naming them rather than the input they replace', () => {
    const extra = runWitness(square, { inputs: { x: 3, y: 9, typo: 1 } });
    expect(extra.ok ? 'accepted' : extra.failure).toEqual({ kind: 'input', message: "unknown input 'typo' (Square's inputs are x, y)" });
    const misspelt = runWitness(square, { inputs: { x: 3, z: 9 } });
    expect(misspelt.ok ? 'accepted' : misspelt.failure.message).toBe("unknown input 'z' (Square's inputs are x, y; missing 'y')");
  });

  it('vectors naming inputs, outputs or parameters the sketch lacks are problems, not verdicts', () => {
    const typo = checkVectors(square, { accept: [{ inputs: { x: 3, y: 9 }, outputs: { zz: 24 } }], reject: [{ inputs: { x: 5, y: 3, typo: 1 }, reason: 'x² ≠ y' }] });
    expect(typo.ok).toBe(false);
    expect(typo.verdicts).toEqual([]);
    expect(typo.problems.map((p) => p.message)).toEqual([
      "accept[0].outputs: unknown output 'zz' (Square's outputs are z)",
      "reject[0].inputs: unknown input 'typo' (Square's inputs are x, y)",
    ]);
    expect(checkVectors(square, { reject: [{ inputs: { x: 3 }, reason: 'no y' }] }).problems[0].message).toBe("reject[0].inputs: missing input 'y'");
    expect(checkVectors(square, { accept: [{ inputs: { x: 3, y: 9 } }] }, { n: 2 }).problems).toEqual([
      { where: 'params', message: "unknown parameter 'n' (Square takes none)" },
    ]);
    // negative twin: vectors with the sketch's names run
    const fine = checkVectors(square, { accept: [{ inputs: { x: 3, y: 9 }, outputs: { z: 36 } }], reject: [{ inputs: { x: 3, y: 8 }, reason: 'x² ≠ y' }] });
    expect(fine.problems).toEqual([]);
    expect(fine.ok, fine.summary).toBe(true);
    expect(fine.verdicts[0].outputs).toEqual({ z: '36' });
  });

  it('adds type checks to every typed hint', () => {
    const s = sketch({
      name: 'HintCheck',
      params: {},
      inputs: () => ({ x: Field }),
      outputs: () => ({ y: Field }),
      body: ({ x }) => {
        const y = witness(UInt(4), H.add(x, 0));
        y.assertEquals(x);
        return { y };
      },
    });
    expect(runWitness(s, { inputs: { x: 15 } }).ok).toBe(true);
    const run = runWitness(s, { inputs: { x: 16 } });
    expect(run.ok ? 'accepted' : run.failure.label).toBe('UInt(4) check');
  });
});

describe('constraint mode', () => {
  it('builds the system without inputs and counts it', () => {
    const result = runConstraints(square);
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ variables: 4, quadratic: 3, linear: 2, range: 0 });
  });

  it('refuses to read values', () => {
    const peek = sketch({
      name: 'Peek',
      params: {},
      inputs: () => ({ x: Field }),
      outputs: () => ({ y: Field }),
      body: ({ x }) => ({ y: x.value() > 3n ? x : x.add(1) }),
    });
    const result = runConstraints(peek);
    expect(result.failure?.message).toMatch(/constraint mode/);
  });
});

describe('unconstrained hints', () => {
  const leaky = sketch({
    name: 'Leaky',
    params: { bits: 8 },
    inputs: ({ bits }) => ({ a: UInt(bits), b: UInt(bits) }),
    outputs: ({ bits }) => ({ q: UInt(bits) }),
    body: ({ a, b }, { bits }) => {
      const q = witness(UInt(bits), H.div(a, b), 'q');
      return { q };
    },
  });

  it('are reported with the line of the hint, in constraint mode', () => {
    const result = runConstraints(leaky);
    expect(result.ok).toBe(false);
    expect(result.findings).toHaveLength(1);
    const line = lineOf("const q = witness(UInt(bits), H.div(a, b), 'q')");
    expect(result.findings[0].location?.line).toBe(line);
    expect(result.findings[0].message).toMatch(new RegExp(`unconstrained hint 'q' at .*core\\.test\\.ts:${line}:`));
  });

  it('let a forged output through, and fail the vector check', () => {
    expect(forgeOutputs(leaky, { inputs: { a: 9, b: 2 }, outputs: { q: 7 } }).accepted).toBe(true);
    const report = checkVectors(leaky, { accept: [{ inputs: { a: 9, b: 2 }, outputs: { q: 4 } }], reject: [], forge: [] });
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/unconstrained hint/);
  });

  it('negative twin: the constrained version is clean and rejects the forgery', () => {
    const fixed = sketch({ ...leaky, body: ({ a, b }, { bits }) => ({ q: G.divMod(a, b, bits).quotient }) });
    expect(runConstraints(fixed).findings).toEqual([]);
    expect(forgeOutputs(fixed, { inputs: { a: 9, b: 2 }, outputs: { q: 7 } }).accepted).toBe(false);
  });
});

describe('forge', () => {
  it('re-runs hints downstream of a forged output', () => {
    // out feeds a later hint; with the forged value the later hint recomputes and the sketch stays consistent
    const chained = sketch({
      name: 'Chained',
      params: {},
      inputs: () => ({ x: UInt(8) }),
      outputs: () => ({ y: UInt(8), z: Field }),
      body: ({ x }) => {
        const y = witness(UInt(8), H.add(x, 0));
        const z = witness(Field, H.mul(y, 2));
        z.assertEquals(y.scale(2));
        return { y, z };
      },
    });
    // y is unconstrained relative to x: forging y to 9 works because z re-runs as 18
    expect(forgeOutputs(chained, { inputs: { x: 3 }, outputs: { y: 9 } }).accepted).toBe(true);
    expect(forgeOutputs(chained, { inputs: { x: 3 }, outputs: { z: 7 } }).accepted).toBe(false);
  });

  it('treats equal outputs as no forgery and bad honest inputs as a failed vector', () => {
    expect(forgeOutputs(square, { inputs: { x: 3, y: 9 }, outputs: { z: 36 } }).detail).toMatch(/not a forgery/);
    const report = checkVectors(square, { accept: [], reject: [], forge: [{ inputs: { x: 3, y: 8 }, outputs: { z: 1 }, reason: 'x' }] });
    expect(report.ok).toBe(false);
  });

  it('vectors: an accept with wrong expected outputs fails, a reject that is accepted fails', () => {
    const report = checkVectors(square, {
      accept: [{ inputs: { x: 3, y: 9 }, outputs: { z: 35 } }],
      reject: [{ inputs: { x: 3, y: 9 }, reason: 'is fine actually' }],
      forge: [],
    });
    expect(report.verdicts.map((v) => v.ok)).toEqual([false, false]);
  });
});

describe('signals', () => {
  const affine = sketch({
    name: 'Affine',
    params: {},
    inputs: () => ({ x: Field, y: Field, c: Field }),
    outputs: () => ({ z: Field, w: Field }),
    body: ({ x, y, c }) => {
      const z = x.scale(7).sub(y.scale(3)).add(11).neg();
      // c is the claimed x·y + z; the mul creates one product variable
      x.mul(y).add(z).assertEquals(c, 'claim');
      return { z, w: sum([x, y, x, z.scale(2)]) };
    },
  });

  it('linear algebra matches a bigint reference; a wrong claim is refused (negative twin)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }), fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }), (x, y) => {
        const z = -(7n * x - 3n * y + 11n);
        const c = x * y + z;
        const run = runWitness(affine, { inputs: { x: x.toString(), y: y.toString(), c: c.toString() } });
        expect(run.ok && run.outputs).toEqual({ z: toField(z).toString(), w: toField(2n * x + y + 2n * z).toString() });
        const wrong = runWitness(affine, { inputs: { x: x.toString(), y: y.toString(), c: (c + 1n).toString() } });
        expect(wrong.ok ? 'accepted' : wrong.failure.label).toBe('claim');
      }),
      { numRuns: 50 },
    );
  });

  it('constant fast paths add no constraints; a product of signals adds exactly one', () => {
    const count = (body: (x: Signal, y: Signal) => Signal): number =>
      runConstraints(sketch({ name: 'C', params: {}, inputs: () => ({ x: Field, y: Field }), outputs: () => ({ o: Field }), body: ({ x, y }) => ({ o: body(x, y) }) })).counts.quadratic;
    // the output binding of a non-variable expression is one linear constraint
    expect(count((x) => x.mul(3).add(1))).toBe(1);
    expect(count((x) => Signal.from(3).mul(x).add(1))).toBe(1);
    expect(count((x, y) => x.mul(y))).toBe(1);
    expect(count((x, y) => x.mul(y).mul(x))).toBe(2);
    expect(count((x, y) => x.add(y).sub(y).mul(2).add(1))).toBe(1);
  });

  it('operations outside a sketch body explain themselves', () => {
    expect(() => Signal.from(1).add(2)).not.toThrow();
    expect(() => Signal.variable(0).mul(Signal.variable(1))).toThrow(/inside a sketch body/);
  });
});

describe('parameters', () => {
  const ranged = sketch({
    name: 'Ranged',
    params: { bits: 8 },
    inputs: ({ bits }) => ({ x: UInt(bits) }),
    outputs: () => ({ y: Field }),
    body: ({ x }) => ({ y: x.add(1) }),
  });

  it('override defaults and change the circuit', () => {
    expect(runConstraints(ranged).counts.rangeBits).toBe(8);
    expect(runConstraints(ranged, { params: { bits: 16 } }).counts.rangeBits).toBe(16);
    expect(runWitness(ranged, { params: { bits: 16 }, inputs: { x: 300 } }).ok).toBe(true);
    expect(runWitness(ranged, { inputs: { x: 300 } }).ok).toBe(false);
  });

  it('unknown parameters are refused with the list of known ones', () => {
    const run = runWitness(ranged, { params: { width: 4 }, inputs: { x: 1 } });
    expect(run.ok ? 'accepted' : run.failure.message).toBe("unknown parameter 'width' (Ranged takes bits)");
  });
});

describe('teaching errors', () => {
  const bodyError = (body: (x: Signal) => unknown): string => {
    const s = sketch({ name: 'E', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ y: Field }), body: ({ x }) => ({ y: body(x) as Signal }) });
    const run = runConstraints(s);
    return run.failure?.message ?? 'no failure';
  };

  it('explain the o1js closure habit, bad constants and empty arrays', () => {
    expect(bodyError((x) => witness(Field, (() => x) as never))).toMatch(/H expression such as H\.div/);
    expect(bodyError((x) => x.add(1.5))).toMatch(/safe integer, got 1\.5/);
    expect(bodyError(() => G.max([], { bits: 8 }))).toMatch(/max needs a non-empty array/);
  });

  it('locate sketch bugs at the sketch line', () => {
    const s = sketch({ name: 'E', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ y: Field }), body: ({ x }) => ({ y: x.add(1.5) }) });
    const run = runWitness(s, { inputs: { x: 1 } });
    expect(run.ok ? undefined : run.failure.location?.line).toBe(lineOf("body: ({ x }) => ({ y: x.add(1.5) })"));
  });
});
