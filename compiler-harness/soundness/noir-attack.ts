import { removeTemporaryFolder } from '../files/temporary-folders.js';
import { BN254_PRIME } from '../field.js';
import type { CompiledCircuit, InputMap } from '@noir-lang/noir_js';
import { writeNargoProject } from '../noir/project-folder.js';
import { noirToolchainWorker } from '../noir/toolchain.js';
import type { CompileJobResult } from '../noir/toolchain-worker.js';
import type { TimedWorker } from '../timed-worker.js';
import { inputLeaves, withLeaf } from './input-attacks.js';
import { scalarTypes } from './noir-hint-types.js';
import { lintNoir } from './noir-lints.js';
import { answerMutations } from './noir-mutations.js';
import { CompileCache } from './compile-cache.js';
import { proportionalBudgetMs, SOUNDNESS_BUDGET_CAP_MS } from './budget.js';
import { acirBytes, countAcirOpcodes } from '../noir/acir.js';
import { rewriteHints } from './noir-rewrite.js';
import { HintExecutor, type Answer, type HintCall, type Run } from './noir-execute.js';
import { AcirDetermination } from './noir-determine.js';
import type { Counterexample, Lint, NoirAnalysisOptions, SoundnessReport } from './types.js';

/**
 * The Noir attacker, run inside a worker (see analyze-noir.ts). Execute once with honest hint
 * answers and record every hint call; then replay with one answer mutated at a time. An execution
 * that still succeeds is a witness satisfying every constraint, so a different return value for the
 * same inputs is a counterexample.
 */

const P = BN254_PRIME;
/** Alternative answers tried per other input: the likeliest lies, so many inputs fit the budget. */
const ATTEMPTS_PER_VARIANT = 48;
/** The share of the time left that the determination of forced answers at one input may take. */
const DETERMINATION_SHARE = 0.4;
/** Time for the constraints to refuse an input set before its hint answers are searched. */
const REFUSAL_MS = 50;
/** The rewritten programs compiled in this worker, by source digest: a program analysed again is not compiled again. */
const rewrittenPrograms = new CompileCache<{ program: CompiledCircuit } | { error: string }>();

export async function analyzeNoirInProcess(options: NoirAnalysisOptions): Promise<SoundnessReport> {
  const started = Date.now();
  // Without a budget, one in proportion to the program, known once it is compiled (below).
  let deadline = started + (options.budgetMs ?? SOUNDNESS_BUDGET_CAP_MS);
  const tried: string[] = [];
  const lints: Lint[] = lintNoir(options.files);
  const report = (extra: Partial<SoundnessReport>): SoundnessReport => ({ verdict: 'no-finding', lints, tried, durationMs: Date.now() - started, ...extra });

  const rewrite = rewriteHints(options.files);
  for (const skip of rewrite.skipped) tried.push(`left ${skip.name} (${skip.file}) alone: ${skip.reason}`);
  if (rewrite.hints.length === 0) return report({ tried: [...tried, 'no unconstrained function returns a value to the circuit: nothing to attack'] });
  const compiled = await rewrittenPrograms.get(rewrite.files, compileProject, (result) => 'program' in result);
  if ('error' in compiled) return report({ incomplete: `the program with hints routed through oracles does not compile: ${compiled.error}` });
  tried.push(`routed ${rewrite.hints.length} unconstrained function(s) through oracles: ${rewrite.hints.map((h) => h.name).join(', ')}`);
  // The default budget is for the search: compiling the rewritten program (cached) comes before it.
  if (options.budgetMs === undefined) deadline = Date.now() + proportionalBudgetMs('noir', programSize(compiled.program));
  const executor = new HintExecutor(compiled.program, rewrite.hints);

  const honest = await executor.located(options.inputs as InputMap);
  if (!honest.ok) return report({ incomplete: `honest execution failed: ${honest.message}` });
  tried.push(`honest run: ${honest.calls.length} hint call(s), return value ${show(honest.returnValue())}`);

  const inputWitnesses = [...(executor.inputValues(options.inputs as InputMap)?.keys() ?? [])];
  const determination = inputWitnesses.length > 0 ? AcirDetermination.of(compiled.program, inputWitnesses) : undefined;
  if (!determination) tried.push('the ACIR could not be read: every input is searched');
  /**
   * Do the constraints force this run's hint answers and return value (so no search is needed)?
   * Case splits probed by propagation alone first (`quick`), which settles most programs in half
   * the time; both looks within part of what is left, so one that runs out of time leaves the
   * search the rest.
   */
  const forced = (run: Run & { ok: true }): boolean => {
    if (!determination || !executor.returns) return false;
    const values = run.values();
    const answers = determination.hintOutputs(values, run.calls);
    if (answers === undefined) return false;
    const wanted = [...answers, ...executor.returns];
    const until = Date.now() + (deadline - Date.now()) * DETERMINATION_SHARE;
    return determination.forces(values, wanted, until, true) || determination.forces(values, wanted, until);
  };
  /** Do the constraints refuse these inputs whatever the hints answer? (A quick look: most refusals are a range check.) */
  const refused = (inputs: InputMap): boolean => {
    const values = executor.inputValues(inputs);
    return determination !== undefined && values !== undefined && determination.refuses(values, Math.min(deadline, Date.now() + REFUSAL_MS));
  };

  const determinedAt = Date.now();
  let ambiguous = new Map<string, HintCall>();
  // When the constraints do not force the honest run's answers, other inputs are searched without asking them first.
  const forcedHere = forced(honest);
  if (forcedHere) {
    const omitted = determination!.omitted;
    tried.push(
      `the constraints force every hint answer and the return value at these inputs (ACIR propagation, elimination, bounds and case splits, ${Date.now() - determinedAt} ms${omitted.length > 0 ? `; not encoded: ${omitted.join(', ')}` : ''}): no other answer can pass`,
    );
  } else {
    const same = await searchAnswers({
      run: executor.replays(options.inputs as InputMap),
      calls: honest.calls,
      // Half of what is left: other inputs (other branches of the program) get the rest.
      deadline: Date.now() + (deadline - Date.now()) / 2,
      differs: differsFrom(honest),
    });
    ambiguous = same.accepted;
    if (same.found) {
      tried.push(`${same.attempts} alternative hint answers`);
      const { call, alternative, returnValue, witness } = same.found;
      return report({ verdict: 'unsound', counterexample: { ...counterexample(options.inputs, call, alternative, honest.returnValue(), returnValue), noirWitness: Buffer.from(witness).toString('base64') } });
    }
    tried.push(`${same.attempts} alternative hint answers over ${Math.min(honest.calls.length, 32)} call(s): none changed the return value${same.outOfTime ? ' (stopped by the time budget)' : ''}`);
  }

  const lintsWithHints = () => [...lints, ...ambiguityLints(ambiguous)];

  // Other inputs. One the program accepts may take another path where a hint matters (a negative x
  // through the scaled branch of a leaky ReLU): attack its answers as above. One the program
  // rejects when hints answer honestly: does some other answer get it through?
  let rejected = 0;
  let accepted = 0;
  let variants = 0;
  let settled = 0;
  for (const variant of noirInputVariants(options.inputs)) {
    if (Date.now() > deadline) break;
    variants++;
    const replay = executor.replays(variant.inputs as InputMap);
    const plain = await replay((call) => call.honest);
    if (plain.ok) {
      accepted++;
      if (forcedHere && forced(plain)) {
        settled++;
        continue;
      }
      const other = await searchAnswers({
        run: replay,
        calls: plain.calls,
        deadline,
        differs: differsFrom(plain),
        maxAttempts: ATTEMPTS_PER_VARIANT,
      });
      if (other.found) {
        tried.push(`other inputs: ${variants} variant(s); with ${variant.label} an alternative hint answer changed the return value`);
        const { call, alternative, returnValue, witness } = other.found;
        return report({ verdict: 'unsound', lints: lintsWithHints(), counterexample: { ...counterexample(variant.inputs, call, alternative, plain.returnValue(), returnValue), noirWitness: Buffer.from(witness).toString('base64') } });
      }
      continue;
    }
    if (!plain.executionFailed) continue;
    rejected++;
    if (refused(variant.inputs as InputMap)) {
      settled++;
      continue;
    }
    const bypass = await searchAnswers({
      run: replay,
      calls: plain.calls,
      deadline,
      differs: () => true,
      maxAttempts: ATTEMPTS_PER_VARIANT,
    });
    if (bypass.found) {
      tried.push(`other inputs: ${variants} variant(s), ${rejected} rejected by an assert; ${variant.label} got through`);
      const { call, alternative, returnValue, witness } = bypass.found;
      // Once more through noir_js, which names the assert that refused the honest answers.
      const located = await executor.located(variant.inputs as InputMap);
      const failure = located.ok ? plain : located;
      const where = failure.location ? `${failure.location} \`${sourceLine(options.files, failure.location)}\`` : failure.message;
      return report({ verdict: 'unsound', lints: lintsWithHints(), counterexample: {
        ...counterexample(variant.inputs, call, alternative, '(rejected)', returnValue),
        noirWitness: Buffer.from(witness).toString('base64'),
        kind: 'assert-bypass',
        explanation:
          `with ${variant.label} the program fails at ${where} when its hints answer honestly, yet answering unconstrained ${call.hint.name} with ` +
          `${alternative.map((v) => BigInt(v).toString()).join(',')} instead of ${call.honest.map((v) => BigInt(v).toString()).join(',')} satisfies every constraint: the check relies on the hint`,
      } });
    }
  }
  tried.push(
    `other inputs: ${variants} variant(s), ${accepted} accepted and attacked, ${rejected} rejected by an assert; none gave way${Date.now() > deadline ? ' (stopped by the time budget)' : ''}; ${settled} of them settled by the constraints alone (answers forced, or inputs refused)`,
  );
  return report({ lints: lintsWithHints() });
}

/**
 * Replay with one call's answer replaced until `differs` accepts a successful run. Round-robin by
 * rank over the calls, so a hint called in a loop gets its likeliest lies tried at every call site
 * before the budget runs out on the first.
 */
async function searchAnswers(options: {
  run: (answer: Answer) => Promise<Run>;
  calls: HintCall[];
  deadline: number;
  differs: (run: Run & { ok: true }) => boolean;
  /** At most this many alternative answers (default: until the deadline). */
  maxAttempts?: number;
}): Promise<{ found?: { call: HintCall; alternative: string[]; returnValue: unknown; witness: Uint8Array }; attempts: number; accepted: Map<string, HintCall>; outOfTime: boolean }> {
  let attempts = 0;
  const accepted = new Map<string, HintCall>();
  for (const { call, alternative } of roundRobin(options.calls.slice(0, 32))) {
    if (attempts >= (options.maxAttempts ?? Infinity)) break;
    if (Date.now() > options.deadline) return { attempts, accepted, outOfTime: true };
    attempts++;
    const mutated = await options.run((c) => (c.index === call.index ? alternative : c.honest));
    if (!mutated.ok) continue;
    if (options.differs(mutated)) return { found: { call, alternative, returnValue: mutated.returnValue(), witness: mutated.witness() }, attempts, accepted, outOfTime: false };
    accepted.set(call.hint.name, call);
  }
  return { attempts, accepted, outOfTime: false };
}

/** Each call's first alternative, then each call's second, and so on, made as they are taken. */
function* roundRobin(calls: HintCall[]): Generator<{ call: HintCall; alternative: string[] }> {
  let live = calls.map((call) => ({ call, alternatives: answerMutations({ types: scalarTypes(call.hint.slots, call.sizes), honest: call.honest, args: call.args.flat() }, call.index) }));
  while (live.length > 0) {
    const next: typeof live = [];
    for (const entry of live) {
      const step = entry.alternatives.next();
      if (step.done) continue;
      next.push(entry);
      yield { call: entry.call, alternative: step.value };
    }
    live = next;
  }
}

/**
 * Inputs near the honest ones and at integer-type edges, as hex strings noir_js accepts for any
 * type. Round-robin over the input elements by edge, −1 (p − 1) and 0 first: a sign or a zero is
 * where another branch of the program starts.
 */
function noirInputVariants(inputs: Record<string, unknown>): { inputs: Record<string, unknown>; label: string }[] {
  const leaves = inputLeaves(inputs).slice(0, 8);
  const edges = (v: bigint) => [P - 1n, 0n, 1n, v + 1n, v - 1n, P - v, 2n * v + 1n, 255n, 256n, 65535n, 65536n, (1n << 32n) - 1n, 1n << 32n];
  const variants: { inputs: Record<string, unknown>; label: string }[] = [];
  const seen = new Set<string>();
  for (let rank = 0; rank < edges(0n).length; rank++) {
    for (const leaf of leaves) {
      const v = BigInt(leaf.value as string | number | bigint);
      const value = ((edges(v)[rank] % P) + P) % P;
      const key = `${leaf.label}=${value}`;
      if (value === ((v % P) + P) % P || seen.has(key)) continue;
      seen.add(key);
      variants.push({ inputs: withLeaf(inputs, leaf.path, `0x${value.toString(16)}`), label: `${leaf.label} = ${value > P / 2n ? `-${P - value}` : value}` });
    }
  }
  return variants;
}

function sourceLine(files: Record<string, string>, location: string): string {
  const [file, line] = location.split(':');
  return files[file]?.split('\n')[Number(line) - 1]?.trim() ?? '';
}

/** Does a replay return something else than `base` did? Witnesses first, the decoded values to be sure. */
function differsFrom(base: Run & { ok: true }): (run: Run & { ok: true }) => boolean {
  return (run) => run.returnKey !== base.returnKey && show(run.returnValue()) !== show(base.returnValue());
}

function counterexample(inputs: Record<string, unknown>, call: HintCall, alternative: string[], honestReturn: unknown, mutatedReturn: unknown): Counterexample {
  // honestReturn is '(rejected)' for an assert bypass: there is no honest return value to show.
  const { hint } = call;
  const answer = (values: string[]) => values.map((v) => BigInt(v).toString());
  return {
    kind: 'different-outputs',
    inputs,
    outputs: [{ name: 'return', honest: honestReturn === '(rejected)' ? '(rejected)' : show(honestReturn), alternative: show(mutatedReturn) }],
    signals: [{ name: `${hint.name}() call #${call.index + 1}`, honest: answer(call.honest).join(','), alternative: answer(alternative).join(',') }],
    hintAnswers: [{ call: `${hint.name}#${call.index + 1}`, honest: answer(call.honest), alternative: answer(alternative) }],
    explanation:
      `answering unconstrained ${hint.name} (${hint.file}:${hint.line}) with ${answer(alternative).join(',')} instead of ${answer(call.honest).join(',')} ` +
      `still satisfies every constraint and changes the return value from ${show(honestReturn)} to ${show(mutatedReturn)}: the constrained code does not fully check that result`,
  };
}

function ambiguityLints(accepted: Map<string, HintCall>): Lint[] {
  return [...accepted.values()].map(({ hint }) => ({
    code: 'ambiguous-intermediate',
    file: hint.file,
    line: hint.line,
    signal: hint.name,
    message: `a different answer from unconstrained ${hint.name} is also accepted (the return value stays the same): the hint is not pinned down by constraints`,
  }));
}

/** ACIR opcodes of the rewritten program's main (≈ the original's: only unconstrained code changed). */
function programSize(program: CompiledCircuit): number {
  try {
    return countAcirOpcodes(acirBytes(program.bytecode)).main;
  } catch {
    return Infinity;
  }
}

/** Return values normalised for comparison and display: hex field elements to decimal. */
function show(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v) => (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? BigInt(v).toString() : v));
}

/** The compiler for the rewritten programs: started on first use, for the life of this thread. */
let compiler: TimedWorker | undefined;
/** A rewritten program takes as long to compile as the user's did; the backend allows this much. */
const COMPILE_TIMEOUT_MS = 60_000;

/** Compile a Nargo project's files (in a private folder, reads confined to it). */
export async function compileProject(files: Record<string, string>): Promise<{ program: CompiledCircuit } | { error: string }> {
  // The same private folder, confined reads and compiler process as the backend: path dependencies
  // beside the project stay inside the folder, and nothing else of the host is read.
  const project = writeNargoProject({ lang: 'noir', entry: 'src/main.nr', name: 'zkcoder_soundness', files });
  if (!project.ok) return { error: project.diagnostic.message };
  const { buildDir, root } = project;
  compiler ??= noirToolchainWorker();
  try {
    const outcome = await compiler.run<CompileJobResult>('compile', { projectDir: buildDir, readRoot: root }, COMPILE_TIMEOUT_MS);
    if (outcome.timedOut) return { error: `compile timed out after ${COMPILE_TIMEOUT_MS} ms` };
    return outcome.value.ok ? { program: outcome.value.program } : { error: outcome.value.message };
  } finally {
    await removeTemporaryFolder(root);
  }
}
