import { readFileSync, readdirSync } from 'node:fs';
import type { InputMap } from '@noir-lang/noir_js';
import { describe, expect, it } from 'vitest';
import { AcirDetermination } from './noir-determine.js';
import { analyzeNoirInProcess, compileProject } from './noir-attack.js';
import { HintExecutor, type Run } from './noir-execute.js';
import { rewriteHints } from './noir-rewrite.js';
import { violatedConstraints } from './r1cs.js';
import { BN254_PRIME } from '../field.js';

/**
 * What the constraints alone prove about a Noir program (noir-determine.ts over acir-system.ts), on
 * the real toolchain: noir_wasm compiles, the ACVM executes. The claims it makes let the hint
 * attack skip its search, so a wrong "forced" would hide a bug: every unsound fixture must stay
 * unproved, and the encoding must accept every witness the ACVM accepts, forged ones included.
 */

const minusOne = `0x${(BN254_PRIME - 1n).toString(16)}`;
const fixture = (name: string) => ({ 'src/main.nr': readFileSync(new URL(`./fixtures/noir/${name}`, import.meta.url), 'utf8') });

function knowledgeBaseEntry(id: string): Record<string, string> {
  const dir = new URL(`../../knowledge-base/primitives/${id}/noir/`, import.meta.url);
  const files: Record<string, string> = { 'Nargo.toml': readFileSync(new URL('Nargo.toml', dir), 'utf8') };
  for (const name of readdirSync(new URL('src/', dir))) files[`src/${name}`] = readFileSync(new URL(`src/${name}`, dir), 'utf8');
  return files;
}

/** The rewritten program (hints through oracles, as the attack runs it), executed honestly at `inputs`. */
const programs = new Map<string, ReturnType<typeof compileProject>>();
async function prepare(files: Record<string, string>, inputs: InputMap) {
  const rewrite = rewriteHints(files);
  const key = JSON.stringify(rewrite.files);
  if (!programs.has(key)) programs.set(key, compileProject(rewrite.files));
  const compiled = await programs.get(key)!;
  if ('error' in compiled) throw new Error(compiled.error);
  const executor = new HintExecutor(compiled.program, rewrite.hints);
  const honest = await executor.located(inputs);
  if (!honest.ok) throw new Error(honest.message);
  const inputValues = executor.inputValues(inputs)!;
  const determination = AcirDetermination.of(compiled.program, [...inputValues.keys()])!;
  const forced = (run: Run & { ok: true }, quick = false) => {
    const answers = determination.hintOutputs(run.values(), run.calls);
    return answers !== undefined && determination.forces(run.values(), [...answers, ...executor.returns!], Date.now() + 30_000, quick);
  };
  return { executor, honest, determination, forced };
}

describe('the constraints alone, on Noir programs', () => {
  it('prove the knowledge base softmax forces its 17 hint values and return value, with the ROM lookup followed', async () => {
    const { honest, determination, forced } = await prepare(knowledgeBaseEntry('softmax'), { x: ['0x2', '0x1', '0x0', minusOne] });
    expect(determination.omitted).toEqual([]);
    // max_hint once (1 value), split_hint and divide_hint four times each (2 values each).
    expect(determination.hintOutputs(honest.values(), honest.calls)).toHaveLength(17);
    expect(forced(honest)).toBe(true);
    // Propagation alone in the case probes is enough here (the attack tries it first).
    expect(forced(honest, true)).toBe(true);
  });

  it('refuse a logit outside the range check, and nothing about accepted inputs', async () => {
    const { executor, determination } = await prepare(knowledgeBaseEntry('softmax'), { x: ['0x2', '0x1', '0x0', '0x0'] });
    // x[0] + 128 must fit in 8 bits: 200 does not, whatever the hints answer.
    expect(determination.refuses(executor.inputValues({ x: ['0xc8', '0x1', '0x0', '0x0'] })!, Date.now() + 30_000)).toBe(true);
    expect(determination.refuses(executor.inputValues({ x: ['0x7f', '0x1', '0x0', '0x0'] })!, Date.now() + 30_000)).toBe(false);
  });

  it.each([
    ['quotient-trusted.nr', { a: 17, b: 5 }],
    ['sqrt-signless.nr', { x: 49 }],
    ['sqrt-unasserted.nr', { x: 49 }],
    ['divmod-pair-unbounded.nr', { a: 47, b: 5 }],
    ['split-struct-unbounded.nr', { x: 200 }],
    ['one-hot-unpinned.nr', { x: [10, 20, 30, 40], index: 1 }],
  ])('never claim the answers of the unsound %s are forced', async (name, inputs) => {
    const { honest, forced } = await prepare(fixture(name), inputs as InputMap);
    expect(forced(honest)).toBe(false);
    expect(forced(honest, true)).toBe(false);
  });

  it.each([
    ['sign-checked.nr', { x: 5 }],
    ['divmod-pair-bounded.nr', { a: 47, b: 5 }],
    ['one-hot-weighted.nr', { x: [10, 20, 30, 40], index: 1 }],
    ['scaled-branch-checked.nr', { x: 5 }],
  ])('prove the answers of the sound %s forced', async (name, inputs) => {
    const { honest, forced } = await prepare(fixture(name), inputs as InputMap);
    expect(forced(honest)).toBe(true);
  });

  it('do not take a hint for the compiler directive that takes and returns the same values', async () => {
    const { honest, determination, forced } = await prepare(fixture('hint-beside-inverse.nr'), { x: 7 });
    // Both the directive's output and the hint's are asked of the constraints; the hint's is free.
    expect(determination.hintOutputs(honest.values(), honest.calls)).toHaveLength(2);
    expect(forced(honest)).toBe(false);
    const report = await analyzeNoirInProcess({ files: fixture('hint-beside-inverse.nr'), inputs: { x: 7 }, budgetMs: 60_000 });
    expect(report.verdict).toBe('no-finding');
    expect(report.lints.map((lint) => `${lint.code}:${lint.signal}`)).toContain('ambiguous-intermediate:my_inv');
  });

  it('encode no more than the ACVM checks: a forged witness it accepts satisfies the encoding too', async () => {
    const { executor, determination } = await prepare(fixture('quotient-trusted.nr'), { a: 17, b: 5 });
    const system = (determination as unknown as { acir: { system: Parameters<typeof violatedConstraints>[0]; witness: (v: Map<number, bigint>) => bigint[] } }).acir;
    const forged = await executor.replays({ a: 17, b: 5 })(() => ['0x2']);
    expect(forged.ok).toBe(true);
    if (!forged.ok) return;
    expect(violatedConstraints(system.system, system.witness(forged.values()))).toEqual([]);
    // And a witness the ACVM would refuse (the forged quotient times b above a) violates it.
    const values = forged.values();
    const quotient = [...values].find(([, v]) => v === 2n)![0];
    values.set(quotient, 4n);
    expect(violatedConstraints(system.system, system.witness(values)).length).toBeGreaterThan(0);
  });

  it('let the attack skip its search where they prove everything forced, and still catch the unsound', async () => {
    const sound = await analyzeNoirInProcess({ files: knowledgeBaseEntry('softmax'), inputs: { x: ['0x2', '0x1', '0x0', minusOne] }, budgetMs: 60_000 });
    expect(sound.verdict).toBe('no-finding');
    expect(sound.tried.join('\n')).toMatch(/the constraints force every hint answer and the return value at these inputs/);
    expect(sound.tried.join('\n')).toMatch(/[1-9]\d* of them settled by the constraints alone/);
    const unsound = await analyzeNoirInProcess({ files: fixture('quotient-trusted.nr'), inputs: { a: 17, b: 5 }, budgetMs: 60_000 });
    expect(unsound.verdict).toBe('unsound');
  });
});
