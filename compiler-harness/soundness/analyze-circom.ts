import { inputLeaves, inputVariants, locateAssert, searchAssertBypass, searchPreconditionBypass } from './input-attacks.js';
import { attackWithHintVariants, compileHintVariants, mainTemplateHints, type HintSite } from './hint-variants.js';
import { canRecheckHere, witnessSatisfies } from './recheck.js';
import { determine, searchByPairMoves, searchByPerturbation, searchBySmt, type Alternative } from './circom-attack.js';
import { searchCrossWitness } from './cross-witness.js';
import { searchNonlinear } from './nonlinear-search.js';
import { lintCircom, signalLocation } from './circom-lints.js';
import { searchSpecialPoints } from './special-points.js';
import { warmSmt } from './smt.js';
import { CircomWitnessGenerator } from './circom-witness.js';
import { isOutputWire, loadConstraintSystem, violatedConstraints, withInputNames, type ConstraintSystem } from './r1cs.js';
import type { CircomAnalysisOptions, Counterexample, DifferingValue, Lint, SoundnessReport } from './types.js';

/**
 * Soundness analysis of a compiled Circom circuit, without a spec: is there a second witness for
 * the same inputs with different outputs, or a witness for inputs the source's asserts reject?
 *
 * @example
 * const report = await analyzeR1cs({ r1csPath, symPath, wasmPath, inputs: { a: 3, b: 11 } });
 * if (report.verdict === 'unsound') console.log(report.counterexample?.explanation);
 */
export async function analyzeR1cs(options: CircomAnalysisOptions): Promise<SoundnessReport> {
  const started = Date.now();
  const budget = options.budgetMs ?? 10_000;
  const at = (fraction: number) => started + budget * fraction;
  const tried: string[] = [];
  let phaseStart = Date.now();
  // Each entry of `tried` ends with the time its phase took: the budget has to be visible.
  const note = (text: string) => {
    tried.push(`${text} [${Date.now() - phaseStart} ms]`);
    phaseStart = Date.now();
  };
  const system = withInputNames(await loadConstraintSystem(options.r1csPath, options.symPath), Object.keys(options.inputs));
  const generator = await CircomWitnessGenerator.load(options.wasmPath);
  const lints: Lint[] = lintCircom(system, options.source, Object.keys(options.inputs), options.preconditions);
  const report = (extra: Partial<SoundnessReport>): SoundnessReport => ({ verdict: 'no-finding', lints, tried, durationMs: Date.now() - started, ...extra });

  // Every counterexample is re-checked independently before it becomes a verdict (`confirm`).
  const confirmed = async (unsound: SoundnessReport): Promise<SoundnessReport> => {
    const failure = await confirm(system, generator, options.r1csPath, unsound.counterexample!);
    if (!failure) return { ...unsound, tried: [...tried, `counterexample re-checked: ${canRecheckHere ? 'iden3 r1csfile accepts the witness; ' : ''}circom's generator gives the honest witness for the same inputs`], durationMs: Date.now() - started };
    return { ...unsound, verdict: 'no-finding', counterexample: undefined, incomplete: `a counterexample failed its independent re-check (${failure}); no verdict`, durationMs: Date.now() - started };
  };
  const honestRun = await generator.calculate(options.inputs);
  if (!honestRun.ok) return report({ incomplete: `the witness generator rejected the honest inputs: ${honestRun.message}` });
  const honest = honestRun.witness;
  if (honestRun.failedAsserts.length > 0) return report({ incomplete: `the honest inputs fail an assert: ${honestRun.failedAsserts[0]}` });
  const broken = violatedConstraints(system, honest);
  if (broken.length > 0) return report({ incomplete: `the honest witness violates ${broken.length} constraint(s), first #${broken[0]}` });

  phaseStart = Date.now();
  const attack = (inputs: Record<string, unknown>, witness: bigint[], deadline: number, quiet = false, beforeSmt?: () => Promise<Counterexample | undefined>, smt = true) =>
    attackAt({ system, source: options.source, inputs, honest: witness, deadline, seed: options.seed ?? 1, smt: smt && options.smt !== false, nonlinear: options.nonlinearSearch !== false, note: quiet ? () => undefined : note, beforeSmt, counterexampleOnly: quiet });
  // The hint attack compiles a rewritten source: after the cheap local moves, before z3.
  const hints = () => hintAttack({ system, generator, options, honest, deadline: at(0.45), shareMs: budget * 0.3, note });
  // Class 3 (cross-witness.ts): a few generator runs at neighbouring inputs, cheap, so before the hint compile.
  const cross = async () => {
    if (options.crossWitness === false) return undefined;
    const found = await searchCrossWitness({ system, generator, inputs: options.inputs, honest, deadline: Math.max(at(0.3), Date.now() + budget * 0.05) });
    note(found.tried);
    return found.found && differentOutputs(system, found.found.inputs, found.found.honest, found.found.alternative);
  };
  const first = await attack(options.inputs, honest, at(0.6), false, async () => (await cross()) ?? hints());
  lints.push(...first.lints);
  // A hint in a single constraint is worth a look only if that constraint did not pin it down.
  const determined = first.determined;
  if (determined) {
    const pinned = (lint: Lint) => lint.code === 'hint-in-one-constraint' && lint.signal !== undefined && determined[system.labels.get(lint.signal) ?? 0] === 1;
    lints.splice(0, lints.length, ...lints.filter((lint) => !pinned(lint)));
  }
  if (first.counterexample) return confirmed(report({ verdict: 'unsound', counterexample: first.counterexample }));

  // Stated preconditions first: the user named them, and a circuit every input forces (nothing for
  // the variants below to move) can still accept inputs outside them.
  if (options.preconditions && Object.keys(options.preconditions).length > 0) {
    const stated = await searchPreconditionBypass({ system, generator, inputs: options.inputs, preconditions: options.preconditions, deadline: at(0.8) });
    note(stated.tried);
    if (stated.bypass) {
      const { inputs, witness, violation } = stated.bypass;
      const counterexample: Counterexample = {
        kind: 'precondition-bypass',
        inputs,
        outputs: outputValues(system, witness),
        signals: [],
        explanation: `${violation}, yet a witness satisfies every constraint: the circuit does not enforce the precondition`,
        witness: witness.map(String),
      };
      return confirmed(report({ verdict: 'unsound', counterexample }));
    }
  }
  // Other inputs the source accepts: special points (0, 1, −1) are where hints go ambiguous.
  let explored = 0;
  for (const variant of inputVariants(options.inputs, system.prime)) {
    if (Date.now() > at(0.85)) break;
    const run = await generator.calculate(variant.inputs);
    if (!run.ok || run.failedAsserts.length > 0 || violatedConstraints(system, run.witness).length > 0) continue;
    explored++;
    const found = await attack(variant.inputs, run.witness, Math.min(at(0.85), Date.now() + budget * 0.1), true);
    if (found.counterexample) {
      note(`other inputs: ${variant.label} (variant ${explored})`);
      return confirmed(report({ verdict: 'unsound', counterexample: found.counterexample }));
    }
  }
  note(`other inputs: ${explored} accepted variant(s) of the inputs attacked the same way, nothing found`);

  const bypass = await searchAssertBypass({ system, generator, inputs: options.inputs, source: options.source, deadline: at(0.98) });
  note(bypass.tried);
  if (bypass.bypass) {
    const { inputs, witness, failedAsserts, mutated } = bypass.bypass;
    const where = locateAssert(failedAsserts[0], options.source);
    const assertText = where ? `\`${where.text}\` (${where.file}:${where.line})` : failedAsserts[0];
    const counterexample: Counterexample = {
      kind: 'assert-bypass',
      inputs,
      outputs: outputValues(system, witness),
      signals: [],
      explanation: `with ${mutated} the source rejects the inputs at ${assertText}, yet a witness satisfies every constraint: the assert is not enforced by any constraint`,
      witness: witness.map(String),
    };
    return confirmed(report({ verdict: 'unsound', counterexample }));
  }
  // Last, the costliest: where a divisor or guard vanishes (y = 0 in a doubling, x1 = x2 in an addition): special-points.ts.
  const special = await searchSpecialPoints({ system, generator, inputs: options.inputs, deadline: Math.min(at(0.98), Date.now() + budget * 0.25), attack: async (inputs, witness, deadline, smt) => (await attack(inputs, witness, deadline, true, undefined, smt)).counterexample });
  note(special.tried);
  if (special.counterexample) return confirmed(report({ verdict: 'unsound', counterexample: special.counterexample }));
  return report({});
}

/**
 * The independent re-check of a counterexample: its witness against every constraint as iden3's
 * r1csfile reads them (not our reader), and circom's own generator on the same inputs: for
 * `different-outputs` it must give a valid witness whose outputs differ from the counterexample's.
 * Returns what failed, or `undefined`.
 */
async function confirm(system: ConstraintSystem, generator: CircomWitnessGenerator, r1csPath: string, counterexample: Counterexample): Promise<string | undefined> {
  const witness = counterexample.witness;
  if (!witness) return 'no witness';
  // In the worker thread `isolated.ts` does this part once the answer is back.
  if (canRecheckHere && !(await witnessSatisfies(r1csPath, witness))) return 'r1csfile finds a violated constraint';
  if (counterexample.kind !== 'different-outputs') return undefined;
  const run = await generator.calculate(counterexample.inputs);
  if (!run.ok) return `circom's generator rejects the inputs: ${run.message}`;
  if (violatedConstraints(system, run.witness).length > 0) return 'the generator\'s honest witness violates a constraint';
  const differs = [...Array(system.nOutputs).keys()].some((i) => run.witness[i + 1] !== BigInt(witness[i + 1]));
  return differs ? undefined : 'the honest witness has the same outputs';
}

/**
 * The hint attack (`hint-variants.ts`) at the honest inputs, then at accepted input variants, when
 * the main template has `<--` hints and some output is not forced by the inputs.
 */
async function hintAttack(options: {
  system: ConstraintSystem;
  generator: CircomWitnessGenerator;
  options: CircomAnalysisOptions;
  honest: bigint[];
  deadline: number;
  shareMs: number;
  note: (text: string) => void;
}): Promise<Counterexample | undefined> {
  const { system, generator, honest, deadline, note } = options;
  const { source, inputs } = options.options;
  if (!source || (mainTemplateHints(source)?.sites.length ?? 0) === 0) return undefined;
  const base = determine(system, honest.slice(), deadline);
  if ([...Array(system.nOutputs).keys()].every((i) => base.known[i + 1])) return undefined;
  // Only hints whose signal the inputs leave open (a bit of a forced value cannot move).
  // Bits of a value (`(x >> i) & 1`) move only together (a decomposition), never one hint at a time.
  const open = (site: HintSite) =>
    !/>>[^&]*&\s*1\s*$/.test(site.expression) &&
    [...system.labels].some(([name, wire]) => wire >= 0 && !base.known[wire] && (name === `main.${site.target}` || name.startsWith(`main.${site.target}[`)));
  let variants;
  try {
    variants = await compileHintVariants(source, open);
  } catch (error) {
    note(`hint alternatives: skipped, circom refused the rewritten source (${(error as Error).message.split('\n')[1] ?? ''})`);
    return undefined;
  }
  if (!variants) return undefined;
  // Compiling is not interruptible and its time varies with the load: the runs get their own share.
  const runsUntil = Math.max(deadline, Date.now() + options.shareMs);
  let runs = 0;
  const points: { inputs: Record<string, unknown>; label: string; witness: bigint[] }[] = [{ inputs, label: 'the honest inputs', witness: honest }];
  // Likely lies at every input point first (a flag flipped at b = 1 where b = 0 has none), then the rest.
  // Inputs moved off 0 first (at b = 0 every branch takes its default), then other non-zero moves.
  const zeros = new Set(inputLeaves(inputs).filter((leaf) => BigInt(leaf.value as string | number | bigint) === 0n).map((leaf) => leaf.label));
  const rank = (label: string) => {
    const [leaf, value] = label.split(' = ');
    return zeros.has(leaf) && value !== '0' ? 0 : /all inputs 0|= 0$|= -1$/.test(label) ? 2 : 1;
  };
  const moved = inputVariants(inputs, system.prime).sort((x, y) => rank(x.label) - rank(y.label));
  const candidates = [{ inputs, label: 'the honest inputs' }, ...moved];
  for (const likely of [true, false]) {
    for (const [index, point] of candidates.entries()) {
      if (Date.now() > runsUntil) break;
      if (likely && index > 0) {
        const witness = await honestWitness(system, generator, point.inputs);
        if (witness) points.push({ ...point, witness });
      }
      const at = points.find((p) => p.inputs === point.inputs);
      if (!at) continue;
      const found = await attackWithHintVariants({ system, variants, inputs: at.inputs, honest: at.witness, deadline: runsUntil, likely });
      runs += found.runs;
      if (found.witness) {
        note(`hint alternatives: ${runs} run(s) of the rewritten generator over ${points.length} input point(s); found at ${at.label}`);
        return differentOutputs(system, at.inputs, at.witness, { witness: found.witness, changed: [], how: found.how! });
      }
    }
  }
  note(`hint alternatives: ${variants.picks.length} per input point, ${runs} run(s) of the rewritten generator over ${points.length} input point(s), no output changed`);
  return undefined;
}

async function honestWitness(system: ConstraintSystem, generator: CircomWitnessGenerator, inputs: Record<string, unknown>): Promise<bigint[] | undefined> {
  const run = await generator.calculate(inputs);
  if (!run.ok || run.failedAsserts.length > 0 || violatedConstraints(system, run.witness).length > 0) return undefined;
  return run.witness;
}

/**
 * Determination, perturbation and z3 for one concrete input. Notes go to `note` only when given
 * (the honest inputs); variants stay quiet unless they find something.
 */
async function attackAt(options: {
  system: ConstraintSystem;
  source: Record<string, string> | undefined;
  inputs: Record<string, unknown>;
  honest: bigint[];
  deadline: number;
  seed: number;
  smt: boolean;
  nonlinear: boolean;
  note: (text: string) => void;
  /** Runs after the local moves, before z3 (the hint attack, at the honest inputs only). */
  beforeSmt?: () => Promise<Counterexample | undefined>;
  /**
   * Only a counterexample is wanted (other inputs, special points), not lints: once every output is
   * forced there is none to find, and the searches after the determination are skipped.
   */
  counterexampleOnly?: boolean;
}): Promise<{ counterexample?: Counterexample; lints: Lint[]; determined?: Uint8Array }> {
  const { system, inputs, honest, deadline, seed } = options;
  const start = Date.now();
  const at = (fraction: number) => start + (deadline - start) * fraction;
  const base = determine(system, honest.slice(), at(0.5));
  const undetermined = base.known.reduce((n, k) => n + (k ? 0 : 1), 0);
  // z3 starts loading now (~0.5 CPU-s, once per worker) and only if a query may follow: the
  // searches below run while it loads, and a circuit whose signals are all forced never starts it.
  if (options.smt && undetermined > 0) warmSmt();
  const note = options.note;
  note(`propagation + elimination: ${system.nWires - undetermined}/${system.nWires} signals forced by the inputs, ${undetermined} undetermined${base.truncated ? ' (elimination truncated)' : ''}`);
  if (options.counterexampleOnly && !base.contradiction && [...Array(system.nOutputs).keys()].every((i) => base.known[i + 1])) return { lints: [], determined: base.known };
  // The search checked the constraints a change could reach; the verdict re-checks them all.
  const verified = (alternative: Alternative | undefined) => alternative !== undefined && violatedConstraints(system, alternative.witness).length === 0;
  // On a large circuit one perturbation re-solves (eliminates over) its whole neighbourhood, tens of
  // milliseconds each, while a pair move is a few: pair moves get a first slice of their own so
  // the perturbation cannot spend their share, then the rest after it.
  let pairsDone = false;
  if (undetermined > 0 && base.residual.length >= 200) {
    const early = searchByPairMoves({ system, honest, base, deadline: at(0.3) });
    pairsDone = !early.tried.startsWith('pair moves stopped');
    note(early.tried);
    if (verified(early.counterexample)) return { counterexample: differentOutputs(system, inputs, honest, early.counterexample!), lints: [] };
  }
  const search = searchByPerturbation({ system, honest, base, deadline: at(0.6), seed });
  search.tried.forEach(note);
  if (verified(search.counterexample)) return { counterexample: differentOutputs(system, inputs, honest, search.counterexample!), lints: [] };
  const lints = search.ambiguous.flatMap((alternative) => ambiguityLint(system, honest, alternative, options.source) ?? []);
  if (undetermined > 0 && !pairsDone) {
    const pairs = searchByPairMoves({ system, honest, base, deadline: at(0.7) });
    note(pairs.tried);
    if (verified(pairs.counterexample)) return { counterexample: differentOutputs(system, inputs, honest, pairs.counterexample!), lints };
  }
  // Class 5: the products z3 will relax, two factors at once at small values; a quarter of what is
  // left (z3 may spend the rest proving nothing moves), before the hint compile, which is slower.
  if (options.nonlinear && undetermined > 0) {
    const search = searchNonlinear({ system, honest, base, deadline: Date.now() + Math.max(150, (deadline - Date.now()) / 4) });
    note(search.tried);
    if (verified(search.counterexample)) return { counterexample: differentOutputs(system, inputs, honest, search.counterexample!), lints };
  }
  const hinted = undetermined > 0 ? await options.beforeSmt?.() : undefined;
  if (hinted) return { counterexample: hinted, lints };
  if (options.smt && undetermined > 0) {
    const smt = await searchBySmt({ system, honest, base, deadline });
    note(smt.tried);
    if (verified(smt.counterexample)) return { counterexample: differentOutputs(system, inputs, honest, smt.counterexample!), lints };
  } else if (undetermined === 0) note('every signal is forced by the inputs');
  return { lints, determined: base.known };
}

function differing(system: ConstraintSystem, honest: bigint[], alternative: bigint[], wires: Iterable<number>): DifferingValue[] {
  const values: DifferingValue[] = [];
  for (const w of [...new Set(wires)].sort((x, y) => x - y)) {
    if (honest[w] === alternative[w]) continue;
    values.push({ name: system.names[w], honest: honest[w].toString(), alternative: alternative[w].toString() });
  }
  return values;
}

function differentOutputs(system: ConstraintSystem, inputs: Record<string, unknown>, honest: bigint[], alternative: Alternative): Counterexample {
  const all = [...honest.keys()];
  const outputs = differing(system, honest, alternative.witness, all.filter((w) => isOutputWire(system, w)));
  const signals = differing(system, honest, alternative.witness, all).slice(0, 50);
  const first = outputs[0];
  return {
    kind: 'different-outputs',
    inputs,
    outputs,
    signals,
    explanation:
      `for inputs ${abbreviate(JSON.stringify(inputs, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))} a second witness satisfies every constraint with ${first.name} = ${first.alternative} instead of ${first.honest} ` +
      `(${alternative.how}); ${signals.length} signal(s) differ: the circuit is under-constrained`,
    witness: alternative.witness.map(String),
  };
}

/** For an assert bypass there is no honest witness to compare with: report the accepted outputs. */
function outputValues(system: ConstraintSystem, witness: bigint[]): DifferingValue[] {
  const values: DifferingValue[] = [];
  for (let w = 1; w <= system.nOutputs; w++) values.push({ name: system.names[w], honest: '(rejected)', alternative: witness[w].toString() });
  return values;
}

/** Only for the user's own signals when we have their source: a library's internal slack (IsZero's inverse at 0) is by design. */
function ambiguityLint(system: ConstraintSystem, honest: bigint[], alternative: Alternative, source: Record<string, string> | undefined): Lint | undefined {
  const changed = differing(system, honest, alternative.witness, alternative.changed);
  const names = changed.map((d) => d.name);
  const location = names[0] ? signalLocation(source, names[0]) : undefined;
  if (source && !location) return undefined;
  return {
    code: 'ambiguous-intermediate',
    signal: names[0],
    ...location,
    message:
      `intermediate signal(s) ${names.slice(0, 4).join(', ')} can take another value for the same inputs ` +
      `(${changed[0] ? `${changed[0].honest} → ${changed[0].alternative}` : ''}) without changing any output; harmless unless something relies on them`,
  };
}

function abbreviate(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
