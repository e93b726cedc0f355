import { afterAll, describe, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { determine } from './circom-attack.js';
import { CircomWitnessGenerator } from './circom-witness.js';
import { loadConstraintSystem, withInputNames } from './r1cs.js';
import { disposeSmt } from './smt.js';
import { compileCircom, witnessSatisfies } from './testing.js';

/**
 * The determination rules that take more than one constraint (cases.ts: zero products and one-hot
 * groups; bounds.ts: range-checked quotient and remainder). Each fires on a sound circuit (the
 * signals come out forced) and must not fire on an under-constrained twin, whose bug the attack
 * still finds.
 */

afterAll(disposeSmt);

const header = 'pragma circom 2.1.0;\ninclude "bitify.circom";\n';

// out = max(x): out − x[i] range-checked for every i (skipped at `skip`), Π (out − x[i]) = 0.
const max = (skip: number) => `${header}
template Max(n) {
  signal input x[n];
  signal output out;
  var best = x[0];
  for (var i = 1; i < n; i++) { if (x[i] > best) best = x[i]; }
  out <-- best;
  component diff[n];
  signal prod[n];
  for (var i = 0; i < n; i++) {
    if (i != ${skip}) { diff[i] = Num2Bits(8); diff[i].in <== out - x[i]; }
    if (i == 0) { prod[i] <== out - x[i]; } else { prod[i] <== prod[i - 1] * (out - x[i]); }
  }
  prod[n - 1] === 0;
}
component main = Max(4);
`;

// out = the first index of the maximum, with a one-hot selector; the gap checks make it unique (`gaps` off: not).
const argmax = (gaps: boolean) => `${header}
template Argmax(n) {
  signal input x[n];
  signal output out;
  signal sel[n];
  signal picked[n];
  var best = 0;
  for (var i = 1; i < n; i++) { if (x[i] > x[best]) best = i; }
  for (var i = 0; i < n; i++) sel[i] <-- (i == best) ? 1 : 0;
  var count = 0;
  var index = 0;
  var m = 0;
  for (var i = 0; i < n; i++) {
    sel[i] * (sel[i] - 1) === 0;
    count += sel[i];
    index += i * sel[i];
    picked[i] <== sel[i] * x[i];
    m += picked[i];
  }
  count === 1;
  out <== index;
  component gap[n];
  for (var i = 0; i < n; i++) {
    var before = 0;
    for (var j = i + 1; j < n; j++) before += sel[j];
    if (${gaps ? 1 : 0} == 1) { gap[i] = Num2Bits(8); gap[i].in <== m - x[i] - before; }
  }
}
component main = Argmax(4);
`;

// q = n \\ d with r = n % d: r in range, d − 1 − r in range (`upper` off: not), q in range.
const division = (upper: boolean) => `${header}
template Divide() {
  signal input n;
  signal input d;
  signal output q;
  signal r;
  q <-- n \\ d;
  r <-- n % d;
  n === q * d + r;
  component rBits = Num2Bits(8);
  rBits.in <== r;
  component qBits = Num2Bits(8);
  qBits.in <== q;
  ${upper ? 'component gap = Num2Bits(8); gap.in <== d - 1 - r;' : ''}
}
component main = Divide();
`;

async function forced(name: string, source: string, inputs: Record<string, unknown>) {
  const artefacts = await compileCircom(name, source);
  const system = withInputNames(await loadConstraintSystem(artefacts.r1csPath, artefacts.symPath), Object.keys(inputs));
  const run = await (await CircomWitnessGenerator.load(artefacts.wasmPath)).calculate(inputs);
  if (!run.ok) throw new Error(run.message);
  const base = determine(system, run.witness.slice(), Date.now() + 20_000);
  const known = (name: string) => base.known[system.labels.get(name)!] === 1;
  const undetermined = base.known.reduce((n, k) => n + (k ? 0 : 1), 0);
  return { artefacts, known, undetermined };
}

async function expectBug(name: string, source: string, inputs: Record<string, unknown>) {
  const artefacts = await compileCircom(name, source);
  const report = await analyzeR1cs({ ...artefacts, inputs, budgetMs: 10_000 });
  expect(report.verdict).toBe('unsound');
  expect(await witnessSatisfies(artefacts.r1csPath, report.counterexample!.witness!)).toBe(true);
}

describe('zero-product case split (max of a row)', () => {
  const inputs = { x: [1, 5, 3, 2] };
  it('forces the maximum when every difference is range-checked', async () => {
    const { known, undetermined } = await forced('cases-max.circom', max(-1), inputs);
    expect(known('main.out')).toBe(true);
    expect(undetermined).toBe(0);
  });
  it("leaves it open when the maximum's own check is missing, and the attack finds another witness", async () => {
    const { known } = await forced('cases-max-broken.circom', max(1), inputs);
    expect(known('main.out')).toBe(false);
    await expectBug('cases-max-broken.circom', max(1), inputs);
  });
});

describe('one-hot case split (argmax)', () => {
  const inputs = { x: [1, 5, 3, 5] };
  it('forces the selector and the index', async () => {
    const { known, undetermined } = await forced('cases-argmax.circom', argmax(true), inputs);
    expect(known('main.out')).toBe(true);
    expect(known('main.sel[1]')).toBe(true);
    expect(undetermined).toBe(0);
  });
  it('leaves them open without the gap checks, and the attack finds another witness', async () => {
    const { known } = await forced('cases-argmax-broken.circom', argmax(false), inputs);
    expect(known('main.out')).toBe(false);
    expect(known('main.sel[1]')).toBe(false);
    await expectBug('cases-argmax-broken.circom', argmax(false), inputs);
  });
});

describe('range-checked quotient and remainder', () => {
  const inputs = { n: 100, d: 7 };
  it('forces both when the remainder is below the divisor', async () => {
    const { known, undetermined } = await forced('bounds-division.circom', division(true), inputs);
    expect(known('main.q')).toBe(true);
    expect(known('main.r')).toBe(true);
    expect(undetermined).toBe(0);
  });
  it('leaves them open when only r < 256 is checked, and the attack finds another witness', async () => {
    const { known } = await forced('bounds-division-broken.circom', division(false), inputs);
    expect(known('main.q')).toBe(false);
    await expectBug('bounds-division-broken.circom', division(false), inputs);
  });
});
