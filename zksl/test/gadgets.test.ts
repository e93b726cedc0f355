/**
 * Gadgets against plain bigint references (fast-check), each property with a negative twin: the
 * wrong answer, forged as the output, must be rejected; out-of-contract inputs must be refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toField } from '../core/field.js';
import { forgeOutputs, runWitness } from '../core/run.js';
import type { Signal } from '../core/signal.js';
import { Arr, Bool, Field, G, sketch, SInt, UInt, type SignalType } from '../runtime.js';

const runs = { numRuns: 40 };

/** A one-off sketch around a gadget. */
function gadget<I extends Record<string, SignalType>, O extends Record<string, SignalType>>(
  inputs: I,
  outputs: O,
  body: (inputs: Record<keyof I, Signal & Signal[]>) => Record<keyof O, unknown>,
) {
  return sketch({ name: 'Gadget', params: {}, inputs: () => inputs, outputs: () => outputs, body: body as never });
}

function expectOutputs(s: ReturnType<typeof gadget>, inputs: Record<string, unknown>, expected: Record<string, unknown>): void {
  const run = runWitness(s, { inputs });
  if (!run.ok) throw new Error(`expected success for ${JSON.stringify(inputs)}: ${run.failure.message}`);
  const canonical = (v: unknown): unknown => (Array.isArray(v) ? v.map(canonical) : toField(v).toString());
  expect(run.outputs).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, canonical(v)])));
}

function expectForgeRejected(s: ReturnType<typeof gadget>, inputs: Record<string, unknown>, outputs: Record<string, unknown>): void {
  const verdict = forgeOutputs(s, { inputs, outputs });
  expect(verdict.accepted, verdict.detail).toBe(false);
}

function expectRefused(s: ReturnType<typeof gadget>, inputs: Record<string, unknown>): void {
  const run = runWitness(s, { inputs });
  expect(run.ok ? 'accepted' : run.failure.kind).toMatch(/constraint|hint/);
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const u8 = fc.integer({ min: 0, max: 255 });
const s8 = fc.integer({ min: -128, max: 127 });

describe('bits', () => {
  const bits = gadget({ x: Field }, { bits: Arr(Bool, 8) }, ({ x }) => ({ bits: G.toBits(x, 8) }));
  it('toBits matches the binary expansion; forged bits and wide inputs are rejected', () => {
    fc.assert(
      fc.property(u8, fc.integer({ min: 0, max: 7 }), (x, flip) => {
        const expected = Array.from({ length: 8 }, (_, i) => (x >> i) & 1);
        expectOutputs(bits, { x }, { bits: expected });
        expectForgeRejected(bits, { x }, { bits: expected.map((b, i) => (i === flip ? 1 - b : b)) });
      }),
      runs,
    );
    expectRefused(bits, { x: 256 });
    expectRefused(bits, { x: -1 });
  });

  const digits = gadget({ x: Field }, { d: Arr(Field, 3) }, ({ x }) => ({ d: G.toDigits(x, 4, 3) }));
  it('toDigits splits into range-checked digits; negative twin shifts a carry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 4095 }), (x) => {
        const d = [x & 15, (x >> 4) & 15, x >> 8];
        expectOutputs(digits, { x }, { d });
        // 16·d1 + d0 is unchanged when one is moved from d1 to d0: only the digit range check stops it
        const moved = d[1] > 0 ? [d[0] + 16, d[1] - 1, d[2]] : [d[0] + 16, d[1] + 15, d[2] - 1];
        expectForgeRejected(digits, { x }, { d: moved });
      }),
      runs,
    );
    expectRefused(digits, { x: 4096 });
  });
});

describe('comparison', () => {
  const zero = gadget({ x: Field, y: Field }, { z: Bool, e: Bool }, ({ x, y }) => ({ z: G.isZero(x), e: G.isEqual(x, y) }));
  it('isZero / isEqual; flipped answers are rejected', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.integer()), fc.oneof(fc.constant(0), fc.integer()), (x, y) => {
        const z = x === 0 ? 1 : 0;
        const e = x === y ? 1 : 0;
        expectOutputs(zero, { x, y }, { z, e });
        expectForgeRejected(zero, { x, y }, { z: 1 - z });
        expectForgeRejected(zero, { x, y }, { e: 1 - e });
      }),
      runs,
    );
  });

  const compare = gadget({ a: UInt(8), b: UInt(8), s: SInt(8), t: SInt(8) }, { lt: Bool, le: Bool, slt: Bool }, ({ a, b, s, t }) => ({
    lt: G.lessThan(a, b, 8),
    le: G.lessOrEqual(a, b, 8),
    slt: G.lessThanSigned(s, t, 8),
  }));
  it('lessThan / lessOrEqual / lessThanSigned; flipped answers are rejected', () => {
    fc.assert(
      fc.property(u8, u8, s8, s8, (a, b, s, t) => {
        const out = { lt: a < b ? 1 : 0, le: a <= b ? 1 : 0, slt: s < t ? 1 : 0 };
        expectOutputs(compare, { a, b, s, t }, out);
        for (const key of ['lt', 'le', 'slt'] as const) expectForgeRejected(compare, { a, b, s, t }, { [key]: 1 - out[key] });
      }),
      runs,
    );
  });

  const strict = gadget({ a: UInt(8), b: UInt(8) }, { ok: Field }, ({ a, b }) => {
    G.assertLessThan(a, b, 8);
    return { ok: 1 };
  });
  it('assertLessThan accepts exactly a < b', () => {
    fc.assert(
      fc.property(u8, u8, (a, b) => {
        expect(runWitness(strict, { inputs: { a, b } }).ok).toBe(a < b);
      }),
      runs,
    );
  });
});

describe('selection', () => {
  const pick = gadget({ xs: Arr(SInt(8), 5), i: Field, c: Bool }, { m: Field, s: Field, max: Field, min: Field, at: Field, r: Field }, ({ xs, i, c }) => {
    const best = G.argmax(xs, { bits: 8, signed: true });
    return { m: G.mux(i, xs), s: G.select(c, xs[0], xs[1]), max: best.max, min: G.min(xs, { bits: 8, signed: true }), at: best.index, r: G.relu(xs[2], 8) };
  });
  it('mux, select, max, min, argmax, relu; wrong picks are rejected', () => {
    fc.assert(
      fc.property(fc.array(s8, { minLength: 5, maxLength: 5 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (xs, i, c) => {
        const max = Math.max(...xs);
        const expected = { m: xs[i], s: c ? xs[0] : xs[1], max, min: Math.min(...xs), at: xs.indexOf(max), r: Math.max(xs[2], 0) };
        const inputs = { xs, i, c: c ? 1 : 0 };
        expectOutputs(pick, inputs, expected);
        expectForgeRejected(pick, inputs, { m: xs[i] + 1 });
        expectForgeRejected(pick, inputs, { max: max + 1 });
        expectForgeRejected(pick, inputs, { at: (xs.indexOf(max) + 1) % 5 });
        expectForgeRejected(pick, inputs, { r: xs[2] > 0 ? 0 : xs[2] - 1 });
      }),
      runs,
    );
    expectRefused(pick, { xs: [1, 2, 3, 4, 5], i: 5, c: 0 });
  });
});

describe('arithmetic', () => {
  const division = gadget({ a: UInt(16), b: UInt(16) }, { q: Field, r: Field }, ({ a, b }) => {
    const d = G.divMod(a, b, 16);
    return { q: d.quotient, r: d.remainder };
  });
  it('divMod matches floor division; q+1 with r−b (same a) is rejected; b = 0 is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (a, b) => {
        const [q, r] = [Math.floor(a / b), a % b];
        expectOutputs(division, { a, b }, { q, r });
        expectForgeRejected(division, { a, b }, { q: q + 1, r: r - b });
        if (q > 0) expectForgeRejected(division, { a, b }, { q: q - 1, r: r + b });
      }),
      runs,
    );
    expectRefused(division, { a: 5, b: 0 });
  });

  const fixed = gadget({ a: SInt(16), b: SInt(16) }, { c: Field, d: Field }, ({ a, b }) => ({
    c: G.fixedMul(a, b, { bits: 16, scale: 8 }),
    d: G.rescale(a.mul(b), { inBits: 32, outBits: 24, shift: 8 }),
  }));
  it('fixedMul / rescale round to nearest (ties up); ±1 is rejected; overflow is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 }), (a, b) => {
        const c = floorDiv(BigInt(a) * BigInt(b) + 128n, 256n);
        expectOutputs(fixed, { a, b }, { c, d: c });
        expectForgeRejected(fixed, { a, b }, { c: c + 1n });
        expectForgeRejected(fixed, { a, b }, { c: c - 1n });
      }),
      runs,
    );
    expectRefused(fixed, { a: 32767, b: 32767 });
  });

  const dot = gadget({ a: Arr(SInt(8), 3), b: Arr(SInt(8), 3) }, { y: Field, s: Field }, ({ a, b }) => ({ y: G.innerProduct(a, b), s: G.sum(a) }));
  it('innerProduct and sum; off-by-one is rejected', () => {
    fc.assert(
      fc.property(fc.array(s8, { minLength: 3, maxLength: 3 }), fc.array(s8, { minLength: 3, maxLength: 3 }), (a, b) => {
        const y = a.reduce((t, x, i) => t + x * b[i], 0);
        expectOutputs(dot, { a, b }, { y, s: a[0] + a[1] + a[2] });
        expectForgeRejected(dot, { a, b }, { y: y + 1 });
      }),
      runs,
    );
  });
});

describe('lookup', () => {
  const cube = G.defineTable({ name: 'cube', size: 10, fn: (x) => x ** 3 - 100 });
  const table = gadget({ x: Field }, { y: Field }, ({ x }) => ({ y: G.lookup(cube, x) }));
  it('returns table values, negative ones as p − |y|; wrong values and outside the domain are rejected', () => {
    for (let x = 0; x < 10; x++) {
      expectOutputs(table, { x }, { y: x ** 3 - 100 });
      expectForgeRejected(table, { x }, { y: x ** 3 - 99 });
    }
    expectRefused(table, { x: 10 });
    expectRefused(table, { x: -1 });
  });

  it('refuses tables that are too large or badly named', () => {
    expect(() => G.defineTable({ name: 'big', size: 1 << 13, fn: (x) => x })).toThrow(/toDigits/);
    expect(() => G.defineTable({ name: 'bad name', size: 4, fn: (x) => x })).toThrow(/identifier/);
  });
});
