import type { Command } from 'commander';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import { checkCircuit, createBackend, formatCheckReport, loadTestVectors, VectorsError } from '../../compiler-harness/index.js';
import { existsSync } from 'node:fs';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import { validateCrs } from '../../compiler-harness/setup/crs.js';
import { readPtauHeader } from '../../compiler-harness/setup/ptau.js';
import type { Lang, Proof, ProofSystem } from '../../compiler-harness/types.js';
import { FatalError, refusedAsFatal, VectorsMismatch } from '../fatal.js';
import { loadCircuit } from '../load-circuit.js';
import { addAssumeOption, checkAssumptions } from '../assume-option.js';
import { writeProof } from '../../compiler-harness/write-proof.js';

interface CheckFlags {
  vectors: string;
  template?: string;
  params?: string[];
  public?: string[];
  prove?: boolean;
  system?: ProofSystem;
  json?: boolean;
  timeout: string;
  ptau?: string;
  crs?: string;
  out?: string;
  force?: boolean;
  soundness: boolean;
  soundnessBudget?: string;
  allowPathDeps?: boolean;
  assume: string[];
}

export function registerCheck(program: Command): void {
  addAssumeOption(program
    .command('check')
    .description('compile a Circom file or Noir project, run its test vectors, optionally prove and verify')
    .argument('<circuit>', 'a .circom file or a Noir project folder')
    .requiredOption('--vectors <file>', 'test vectors JSON: { accept, reject, forge }')
    .option('--template <name>', 'Circom: template to instantiate as main')
    .option('--params <values...>', 'Circom: template parameters, e.g. --params 8 2')
    .option('--public <signals...>', 'Circom: inputs to make public in the generated main')
    .option('--prove', 'also prove and verify once (Groth16/PLONK for Circom, UltraHonk for Noir)')
    .option('--system <system>', 'proof system: groth16 | plonk | ultrahonk')
    .option('--json', 'print the report as one JSON document')
    .option('--out <dir>', 'write report.json (and with --prove the proof, public inputs and verification key) here')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .option('--no-soundness', 'skip the soundness analysis (the attacker that looks for a second witness)')
    .option('--soundness-budget <ms>', 'time budget of the soundness analysis (default: in proportion to the circuit, at most 10000)')
    .option('--timeout <ms>', 'time limit per compile or execution', '60000')
    .option('--ptau <file>', 'Circom: a real powers-of-tau file instead of the dev one')
    .option('--crs <dir>', 'Noir: a folder with a real bn254 CRS instead of the dev one')
    .option('--allow-path-deps', 'Noir: compile path dependencies outside the project folder too'))
    .action(async (path: string, flags: CheckFlags) => {
      try {
        process.exitCode = await runCheck(path, flags);
      } catch (error) {
        // With --json a script reads stdout: an input error is a JSON document there too (and the
        // usual one line on stderr, printed by main).
        if (flags.json && error instanceof FatalError) console.log(JSON.stringify(jsonError(error), null, 2));
        throw error;
      }
    });
}

/** Vectors that don't fit the circuit: an input error (exit 2) that keeps every problem found. */
function jsonError(error: FatalError) {
  return {
    passed: false,
    error: error.message,
    exitCode: error.exitCode,
    ...(error instanceof VectorsMismatch ? { problems: error.problems } : {}),
  };
}

async function runCheck(path: string, flags: CheckFlags): Promise<number> {
  const circuit = await loadCircuit(path, { template: flags.template, params: flags.params, publicInputs: flags.public, allowPathDeps: flags.allowPathDeps });
  // Every flag is checked before anything is compiled: a wrong combination costs no time.
  const limits = await checkFlags(circuit.lang, flags);
  const assumptions = checkAssumptions(flags.assume);
  const out = flags.out === undefined ? undefined : new OutputFolder(flags.out, { force: flags.force });
  if (out) refusedAsFatal(() => out.check());
  const vectors = await loadTestVectors(flags.vectors).catch((error: unknown) => {
    throw error instanceof VectorsError ? new FatalError(error.message) : error;
  });
  const backend = await createBackend(circuit.lang, { timeoutMs: limits.timeoutMs, ptauPath: flags.ptau, crsPath: flags.crs });
  try {
    const onProof = out ? (proof: Proof) => writeProof(out, '', proof).then(() => undefined) : undefined;
    const report = await checkCircuit({
      backend,
      circuit,
      vectors,
      vectorsSource: flags.vectors,
      prove: flags.prove,
      system: flags.system,
      onProof,
      soundness: flags.soundness,
      soundnessBudgetMs: limits.soundnessBudgetMs,
      assumptions,
    });
    if (report.vectorProblems.length) throw new VectorsMismatch(report.vectorProblems);
    if (out) await out.write('report.json', JSON.stringify(report, null, 2));
    console.log(flags.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
    return report.passed ? 0 : 1;
  } finally {
    await backend.dispose();
    await disposeSoundnessAnalysis();
  }
}

const SYSTEMS: Record<Lang, ProofSystem[]> = { circom: ['groth16', 'plonk'], noir: ['ultrahonk'] };

/** Flags that are wrong on their own or for this language; throws a one-line FatalError. */
async function checkFlags(lang: Lang, flags: CheckFlags): Promise<{ timeoutMs: number; soundnessBudgetMs?: number }> {
  if (lang === 'noir') {
    const circomOnly = (['template', 'params', 'public', 'ptau'] as const).filter((flag) => flags[flag] !== undefined);
    if (circomOnly.length) throw new FatalError(`--${circomOnly[0]} applies to Circom only${circomOnly[0] === 'ptau' ? ' (Noir takes a CRS folder: --crs)' : ''}`);
  }
  if (lang === 'circom' && flags.crs !== undefined) throw new FatalError('--crs applies to Noir only (Circom takes a powers-of-tau file: --ptau)');
  if (lang === 'circom' && flags.allowPathDeps) throw new FatalError('--allow-path-deps applies to Noir only (Circom includes are resolved inside the project and circomlib)');
  if (flags.system !== undefined) {
    if (![...SYSTEMS.circom, ...SYSTEMS.noir].includes(flags.system)) throw new FatalError(`--system: unknown proof system "${flags.system}" (groth16, plonk or ultrahonk)`);
    if (!SYSTEMS[lang].includes(flags.system)) {
      throw new FatalError(`--system ${flags.system}: a ${lang === 'circom' ? 'Circom' : 'Noir'} circuit proves with ${SYSTEMS[lang].join(' or ')}`);
    }
  }
  const ptau = flags.ptau ?? (lang === 'circom' && flags.prove ? process.env.ZKCODER_PTAU : undefined);
  if (lang === 'circom' && ptau) await checkPtau(ptau, flags.ptau ? '--ptau' : 'ZKCODER_PTAU');
  if (lang === 'noir' && flags.crs) {
    try {
      validateCrs(flags.crs, 2);
    } catch (error) {
      throw new FatalError(`--crs: ${(error as Error).message}`);
    }
  }
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new FatalError(`--timeout: "${flags.timeout}" is not a positive number of milliseconds`);
  if (flags.soundnessBudget === undefined) return { timeoutMs };
  const soundnessBudgetMs = Number(flags.soundnessBudget);
  if (!Number.isInteger(soundnessBudgetMs) || soundnessBudgetMs <= 0) {
    throw new FatalError(`--soundness-budget: "${flags.soundnessBudget}" is not a positive number of milliseconds`);
  }
  return { timeoutMs, soundnessBudgetMs };
}

/** A ptau file the user named must exist, be a bn128 .ptau, and be prepared for phase 2. */
async function checkPtau(path: string, origin: string): Promise<void> {
  if (!existsSync(path)) throw new FatalError(`${origin}: ${path}: no such file`);
  const header = await readPtauHeader(path).catch((error: Error) => {
    throw new FatalError(`${origin}: ${error.message}`);
  });
  if (!header.prepared) {
    throw new FatalError(`${origin}: ${path} is not prepared for phase 2 (run \`snarkjs powersoftau prepare phase2\` on it first)`);
  }
}
