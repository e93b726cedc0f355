import { afterAll, describe, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture } from './testing.js';
import type { InputPrecondition, LintCode } from './types.js';

/**
 * Issue 15, class 7: every lint class fires on a circuit with the flaw and stays silent on a sound
 * twin (fixtures/lint-twins/): a lint that also fires on sound code is noise a model learns to ignore.
 */

afterAll(disposeSmt);

interface Run {
  fixture: string;
  inputs: Record<string, unknown>;
  preconditions?: Record<string, InputPrecondition>;
}

const cases: { code: LintCode; flawed: Run & { line: number }; twins: Run[] }[] = [
  { code: 'unconstrained-hint', flawed: { fixture: 'unconstrained-hint', inputs: { x: 4 }, line: 6 }, twins: [{ fixture: 'unconstrained-hint-twin', inputs: { x: 4 } }] },
  { code: 'signal-in-no-constraint', flawed: { fixture: 'unused-input', inputs: { a: 3, nonce: 9 }, line: 5 }, twins: [{ fixture: 'unused-input-twin', inputs: { a: 3, nonce: 9 } }] },
  { code: 'hint-in-one-constraint', flawed: { fixture: 'hint-one-constraint', inputs: { x: 5 }, line: 7 }, twins: [{ fixture: 'hint-one-constraint-twin', inputs: { x: 5 } }] },
  {
    code: 'division-without-nonzero-check',
    flawed: { fixture: 'division', inputs: { a: 6, b: 3 }, line: 7 },
    twins: [
      { fixture: 'division-iszero-twin', inputs: { a: 6, b: 3 } },
      { fixture: 'division-branch-twin', inputs: { x1: 2, x2: 5, y1: 3, y2: 11 } },
      { fixture: 'division-ratio-twin', inputs: { y: 5 } },
      // The divisor kept away from 0 by a stated precondition (`--assume "b != 0"`).
      { fixture: 'division', inputs: { a: 6, b: 3 }, preconditions: { 'b != 0': { input: 'b', notEqual: [0] } } },
    ],
  },
  { code: 'quotient-without-range-check', flawed: { fixture: 'quotient', inputs: { a: 23 }, line: 7 }, twins: [{ fixture: 'quotient-twin', inputs: { a: 23 } }] },
  { code: 'comparator-input-unchecked', flawed: { fixture: 'comparator', inputs: { x: 5, limit: 100 }, line: 9 }, twins: [{ fixture: 'comparator-twin', inputs: { a: 50, b: 8, limit: 30 } }] },
  { code: 'unused-component-output', flawed: { fixture: 'unused-output', inputs: { x: 5 }, line: 7 }, twins: [{ fixture: 'unused-output-twin', inputs: { x: 5 } }] },
  { code: 'ambiguous-intermediate', flawed: { fixture: 'ambiguous', inputs: { x: 0 }, line: 7 }, twins: [{ fixture: 'ambiguous-twin', inputs: { x: 0 } }] },
];

async function lintsOf(run: Run) {
  const artefacts = await compileFixture(`lint-twins/${run.fixture}.circom`);
  return (await analyzeR1cs({ ...artefacts, inputs: run.inputs, preconditions: run.preconditions })).lints;
}

describe.each(cases)('$code', ({ code, flawed, twins }) => {
  it('fires on the flaw, at its line', async () => {
    const lints = await lintsOf(flawed);
    expect(lints.map((lint) => `${lint.code}@${lint.line}`)).toContain(`${code}@${flawed.line}`);
  });

  it.each(twins)('stays silent on the sound twin $fixture', async (twin) => {
    expect(await lintsOf(twin)).toEqual([]);
  });
});
