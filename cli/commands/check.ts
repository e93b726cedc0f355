import type { Command } from 'commander';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import { checkCircuit, createBackend, formatCheckReport, loadTestVectors, VectorsError } from '../../compiler-harness/index.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Proof, ProofSystem } from '../../compiler-harness/types.js';
import { FatalError } from '../fatal.js';
import { loadCircuit } from '../load-circuit.js';
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
  soundness: boolean;
  soundnessBudget: string;
}

export function registerCheck(program: Command): void {
  program
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
    .option('--no-soundness', 'skip the soundness analysis (the attacker that looks for a second witness)')
    .option('--soundness-budget <ms>', 'time budget of the soundness analysis', '10000')
    .option('--timeout <ms>', 'time limit per compile or execution', '60000')
    .option('--ptau <file>', 'Circom: a real powers-of-tau file instead of the dev one')
    .option('--crs <dir>', 'Noir: a folder with a real bn254 CRS instead of the dev one')
    .action(async (path: string, flags: CheckFlags) => {
      const exitCode = await runCheck(path, flags);
      process.exitCode = exitCode;
    });
}

async function runCheck(path: string, flags: CheckFlags): Promise<number> {
  const circuit = await loadCircuit(path, { template: flags.template, params: flags.params, publicInputs: flags.public });
  if (circuit.lang === 'noir' && (flags.template || flags.params)) throw new FatalError('--template and --params apply to Circom only');
  const vectors = await loadTestVectors(flags.vectors).catch((error: unknown) => {
    throw error instanceof VectorsError ? new FatalError(error.message) : error;
  });
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new FatalError(`--timeout: "${flags.timeout}" is not a positive number of milliseconds`);
  if (flags.system && !['groth16', 'plonk', 'ultrahonk'].includes(flags.system)) throw new FatalError(`--system: unknown proof system "${flags.system}"`);
  const backend = await createBackend(circuit.lang, { timeoutMs, ptauPath: flags.ptau, crsPath: flags.crs });
  try {
    const onProof = flags.out ? (proof: Proof) => writeProof(flags.out!, proof).then(() => undefined) : undefined;
    const soundnessBudgetMs = Number(flags.soundnessBudget);
    if (!Number.isInteger(soundnessBudgetMs) || soundnessBudgetMs <= 0) throw new FatalError(`--soundness-budget: "${flags.soundnessBudget}" is not a positive number of milliseconds`);
    const report = await checkCircuit({
      backend,
      circuit,
      vectors,
      prove: flags.prove,
      system: flags.system,
      onProof,
      soundness: flags.soundness,
      soundnessBudgetMs,
    });
    if (report.vectorProblems.length && !flags.json) throw new FatalError(report.vectorProblems[0]);
    if (flags.out) {
      await mkdir(flags.out, { recursive: true });
      await writeFile(join(flags.out, 'report.json'), JSON.stringify(report, null, 2));
    }
    console.log(flags.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
    return report.passed ? 0 : 1;
  } finally {
    await backend.dispose();
    await disposeSoundnessAnalysis();
  }
}
