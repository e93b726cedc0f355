import { afterAll, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileCircom, readFixture } from './testing.js';

/**
 * Catch rate on soundness-breaking mutants. Each sound fixture is mutated one statement at a time
 * — `<==` weakened to `<--` (the constraint disappears, the assignment stays) or a `===` deleted —
 * and every mutant must be reported `unsound` with a counterexample, except the few listed below
 * that are not soundness bugs under our definition (they only stop restricting the inputs, and no
 * assert states the restriction). Target: at least 90 % caught.
 */

afterAll(disposeSmt);

const subjects: { file: string; inputs: Record<string, unknown> }[] = [
  { file: 'hint-output-sound.circom', inputs: { a: 3, b: 5 } },
  { file: 'iszero-sound.circom', inputs: { in: 5 } },
  { file: 'isequal-sound.circom', inputs: { a: 4, b: 9 } },
  { file: 'rescale-sound.circom', inputs: { in: 1000 } },
  { file: 'num2bits-sound.circom', inputs: { in: 5 } },
  { file: 'lessthan-checked.circom', inputs: { x: 5, limit: 100 } },
  { file: 'mux-sound.circom', inputs: { a: 3, b: 7, s: 1 } },
  { file: 'divide-sound.circom', inputs: { a: 12, b: 4 } },
];

/** `file:line` of mutants that do not break soundness, with the reason. */
const notBreaking: Record<string, string> = {
  'lessthan-checked.circom:12': 'drops the range check on `limit`, an input no assert restricts: outputs stay a function of the inputs',
  'mux-sound.circom:9': 'drops `s` boolean: `s` is an input, so the circuit only accepts more inputs, each with one output',
};

interface Mutant {
  id: string;
  description: string;
  source: string;
  inputs: Record<string, unknown>;
}

function mutants(): Mutant[] {
  const all: Mutant[] = [];
  for (const { file, inputs } of subjects) {
    const lines = readFixture(file).split('\n');
    lines.forEach((line, index) => {
      const code = line.replace(/\/\/.*$/, '');
      const edits: [string, string][] = [];
      if (code.includes('<==')) edits.push(['<== → <--', line.replace('<==', '<--')]);
      if (code.includes('===')) edits.push(['drop ===', '']);
      for (const [operator, replacement] of edits) {
        const source = [...lines.slice(0, index), replacement, ...lines.slice(index + 1)].join('\n');
        all.push({ id: `${file}:${index + 1}`, description: `${operator} in \`${line.trim()}\``, source, inputs });
      }
    });
  }
  return all;
}

// One test per subject keeps each under the per-test timeout on a loaded machine; the last test
// judges the overall rate (tests in a file run in order).
const outcomes: { id: string; description: string; caught: boolean }[] = [];

it.each(subjects.map((s) => s.file))('mutants of %s', async (file) => {
  for (const mutant of mutants().filter((m) => m.id.startsWith(`${file}:`) && !(m.id in notBreaking))) {
    const artefacts = await compileCircom(`${mutant.id.replace(/\W+/g, '-')}.circom`, mutant.source);
    const report = await analyzeR1cs({ ...artefacts, inputs: mutant.inputs, budgetMs: 5_000 });
    outcomes.push({ id: mutant.id, description: mutant.description, caught: report.verdict === 'unsound' && report.counterexample?.witness !== undefined });
  }
});

it('catches at least 90% of soundness-breaking mutants, each with a counterexample', () => {
  expect(outcomes.length).toBeGreaterThanOrEqual(20);
  const missed = outcomes.filter((o) => !o.caught).map((o) => `${o.id} ${o.description}`);
  expect(1 - missed.length / outcomes.length, `missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9);
});

it('does not call the non-breaking mutants unsound', async () => {
  for (const mutant of mutants().filter((m) => m.id in notBreaking)) {
    const artefacts = await compileCircom(`${mutant.id.replace(/\W+/g, '-')}.circom`, mutant.source);
    const report = await analyzeR1cs({ ...artefacts, inputs: mutant.inputs, budgetMs: 5_000 });
    expect(report.verdict, mutant.id).toBe('no-finding');
  }
});
