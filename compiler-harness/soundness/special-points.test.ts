import { afterAll, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture, witnessSatisfies } from './testing.js';

/** Issue 15 class 4: flaws only where a divisor vanishes and its numerator with it (special-points.ts). */

afterAll(disposeSmt);

const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

it('solves y = 3 and then x² + 5x + 6 = 0, and forges the slope there', async () => {
  const artefacts = await compileFixture('special-slope.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { x: 4, y: 9 } });
  expect(report.verdict).toBe('unsound');
  const { inputs, witness } = report.counterexample!;
  expect(BigInt(inputs.y as string)).toBe(3n);
  expect([P - 2n, P - 3n]).toContain(BigInt(inputs.x as string));
  expect(report.tried.some((line) => line.startsWith('special points:') && line.includes('found at'))).toBe(true);
  expect(await witnessSatisfies(artefacts.r1csPath, witness!)).toBe(true);
});

it('reaches the zero of a ratio: u = 0 with (v + 2) / (v − 4) = 0', async () => {
  const artefacts = await compileFixture('special-ratio.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { u: 3, v: 7 } });
  expect(report.verdict).toBe('unsound');
  expect(report.counterexample!.inputs).toEqual({ u: '0', v: (P - 2n).toString() });
  expect(await witnessSatisfies(artefacts.r1csPath, report.counterexample!.witness!)).toBe(true);
});

it('stays silent when the divisor is proven invertible', async () => {
  const artefacts = await compileFixture('special-slope-sound.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { x: 4, y: 9 } });
  expect(report.verdict).toBe('no-finding');
  expect(report.tried.some((line) => line.startsWith('special points:'))).toBe(true);
});
