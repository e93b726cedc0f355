import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Lang, ProofSystem } from '../../compiler-harness/types.js';
import { ModelError } from '../../prover/onnx/graph.js';
import { resultSummary, writeProveOutput } from '../../prover/output.js';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import { PROVE_STAGES, proveInference, type ProveResult } from '../../prover/prove.js';
import { verifyProofDir } from '../../prover/verify.js';
import { FatalError } from '../fatal.js';

interface ProveFlags {
  input: string;
  lang: string;
  system?: string;
  scale?: string;
  calibrate?: string;
  tolerance?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  ptau?: string;
  crs?: string;
  timeout?: string;
  commitWeights?: boolean;
  chunk?: string;
  jobs?: string;
}

export function registerProve(program: Command): void {
  program
    .command('prove')
    .description('prove one inference of an ONNX model: quantize, compose the verified operator circuits, prove, verify, compare with onnxruntime')
    .argument('<model>', 'an .onnx file')
    .requiredOption('--input <file>', 'JSON: each graph input name → its tensor as nested arrays of floats')
    .option('--lang <lang>', 'circom | noir', 'circom')
    .option('--system <system>', 'groth16 | plonk (Circom), ultrahonk (Noir)')
    .option('--scale <bits>', 'fractional bits of the fixed point (default 8)')
    .option('--calibrate <file>', 'JSON list of sample inputs: pick the largest scale none of them overflows')
    .option('--tolerance <number>', 'fail when max |circuit output - onnxruntime| exceeds it')
    .option('--out <dir>', 'write circuit sources, quantization spec, inputs, proof/, result.json and REPORT.md here')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .option('--json', 'print JSON lines: stage events, then the result')
    .option('--ptau <file>', 'Circom: a real powers-of-tau file instead of the dev one')
    .option('--crs <dir>', 'Noir: a folder with a real bn254 CRS instead of the dev one')
    .option('--timeout <ms>', 'time limit per compile or witness computation (default 1800000)')
    .option('--commit-weights', 'Gemm / MatMul / Conv weights and biases as private inputs, bound to a public Poseidon commitment (printed, and in result.json and proof/claim.json)')
    .option('--chunk <layer|N>', 'prove each layer (or each N layers) as its own circuit, chained by Poseidon commitments of the activations')
    .option('--jobs <n>', 'with --chunk: chunks proved at once, one worker thread each (default: the number of cores)')
    .action(async (model: string, flags: ProveFlags) => {
      process.exitCode = await runProve(model, flags);
    });

  program
    .command('verify')
    .description('verify the proof in a folder written by `zkcoder prove --out` (exit 0 when it verifies, 1 when not)')
    .argument('<dir>', 'the --out folder of a prove run')
    .option('--json', 'print the verdict as JSON')
    .option('--crs <dir>', 'Noir: the CRS folder the proof was made with, if not the dev one')
    .option('--weights-commitment <hex>', 'a --commit-weights proof must bind exactly this weights commitment (0x-hex or decimal)')
    .action(async (dir: string, flags: { json?: boolean; crs?: string; weightsCommitment?: string }) => {
      const result = await verifyProofDir(dir, { crsPath: flags.crs, weightsCommitment: flags.weightsCommitment }).catch(asInputError);
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(result.verified ? `verified: ${result.lang} / ${result.system} proof in ${dir}` : `NOT verified: ${result.reason ?? 'the proof does not verify'}`);
        if ('chunks' in result) for (const chunk of result.chunks as { index: number; reason?: string }[]) console.log(`  ${chunk.reason ?? `chunk ${chunk.index}: verified, linked`}`);
        for (const [name, values] of Object.entries(result.outputs)) console.log(`  output ${name} = [${values.join(', ')}]`);
        if (result.weightsCommitment) console.log(`  weights commitment = ${result.weightsCommitment}`);
      }
      process.exitCode = result.verified ? 0 : 1;
    });
}

async function runProve(modelPath: string, flags: ProveFlags): Promise<number> {
  const lang = parseLang(flags.lang);
  const system = parseSystem(lang, flags.system);
  const scale = flags.scale === undefined ? undefined : parseInteger(flags.scale, '--scale');
  const timeoutMs = flags.timeout === undefined ? undefined : parseInteger(flags.timeout, '--timeout');
  const tolerance = flags.tolerance === undefined ? undefined : parseNumber(flags.tolerance, '--tolerance');
  if (flags.scale !== undefined && flags.calibrate !== undefined) throw new FatalError('--scale and --calibrate both choose the scale: pass one');
  if (!existsSync(modelPath)) throw new FatalError(`${modelPath}: no such model file`);
  // Checked before any work: a non-empty folder of the user's is refused (exit 2) unless --force.
  const out = flags.out === undefined ? undefined : new OutputFolder(flags.out, { force: flags.force });
  out?.check();
  const model = new Uint8Array(await readFile(modelPath));
  const inputs = await readJsonFile<Record<string, unknown>>(flags.input, 'object');
  const calibration = flags.calibrate ? await readJsonFile<Record<string, unknown>[]>(flags.calibrate, 'array') : undefined;
  // Operators registered by `zkcoder op` (user knowledge base) join the built-in ones.
  const { operatorRegistry } = await import('../../op/user-operators.js');
  if (flags.chunk !== undefined || flags.jobs !== undefined) {
    if (flags.commitWeights) throw new FatalError('--chunk does not take --commit-weights yet: pass one of them');
    const { runChunkedProve } = await import('./prove-chunk.js');
    const harness = { ptauPath: flags.ptau, crsPath: flags.crs, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
    return runChunkedProve({ model, inputs, lang, system, scale, calibration, tolerance, registry: operatorRegistry(), harness }, { ...flags, out, asInputError });
  }
  const run = proveInference({ model, inputs, lang, system, scale, calibration, tolerance, commitWeights: flags.commitWeights, registry: operatorRegistry(), harness: { ptauPath: flags.ptau, crsPath: flags.crs, ...(timeoutMs !== undefined ? { timeoutMs } : {}) } });
  let result: ProveResult | undefined;
  try {
    for await (const event of run) {
      if (flags.json) {
        if (event.type !== 'done') console.log(JSON.stringify(event));
      } else if (event.type === 'stage-start') {
        process.stdout.write(`[${PROVE_STAGES.indexOf(event.stage) + 1}/${PROVE_STAGES.length}] ${event.stage} …`);
      } else if (event.type === 'stage-end') {
        process.stdout.write(` ${event.detail} (${(event.durationMs / 1000).toFixed(2)} s)\n`);
      }
      if (event.type === 'done') result = event.result;
    }
  } catch (error) {
    if (!flags.json) process.stdout.write('\n');
    asInputError(error);
  }
  if (!result) throw new Error('the prover ended without a result');
  if (out) await writeProveOutput(out, result, inputs);
  if (flags.json) console.log(JSON.stringify({ type: 'result', ...resultSummary(result) }));
  else printSummary(result, flags.out);
  return result.ok ? 0 : 1;
}

function printSummary(result: ProveResult, out: string | undefined): void {
  for (const warning of result.warnings) console.log(`warning: ${warning}`);
  console.log(`${result.ok ? 'ok' : 'FAILED'}: ${result.verified ? 'proof verified' : 'proof NOT verified'}; max |error| vs onnxruntime ${result.maxAbsError.toPrecision(4)}${result.tolerance !== undefined ? ` (tolerance ${result.tolerance})` : ''}; ${result.constraints} ${result.lang === 'circom' ? 'constraints' : 'ACIR opcodes'}`);
  if (result.weightsCommitment) console.log(`weights private: ${result.committedWeights?.count} weights and biases (${result.committedWeights?.layers.join(', ')}) committed as ${result.weightsCommitment}`);
  if (!result.interpreterAgrees) console.log('the circuit outputs differ from the integer interpreter: please report this as a prover bug');
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name} = ${JSON.stringify(value)}\n  onnxruntime: ${JSON.stringify(result.reference[name])}`);
  if (out) console.log(`written to ${out} (REPORT.md, proof/); check it with: zkcoder verify ${out}`);
}

/** A problem with the model, its inputs or the proof folder is the user's to fix: exit 2 with the message. */
function asInputError(error: unknown): never {
  if (error instanceof ModelError) throw new FatalError(error.message);
  throw error;
}

function parseLang(value: string): Lang {
  if (value !== 'circom' && value !== 'noir') throw new FatalError(`--lang: "${value}" is not circom or noir`);
  return value;
}

function parseSystem(lang: Lang, value: string | undefined): ProofSystem | undefined {
  if (value === undefined) return undefined;
  const allowed: ProofSystem[] = lang === 'circom' ? ['groth16', 'plonk'] : ['ultrahonk'];
  if (!allowed.includes(value as ProofSystem)) throw new FatalError(`--system ${value}: ${lang} proves with ${allowed.join(' or ')}`);
  return value as ProofSystem;
}

function parseInteger(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new FatalError(`${flag}: "${value}" is not a non-negative integer`);
  return Number(value);
}

function parseNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new FatalError(`${flag}: "${value}" is not a non-negative number`);
  return number;
}

async function readJsonFile<T>(path: string, kind: 'object' | 'array'): Promise<T> {
  if (!existsSync(path)) throw new FatalError(`${path}: no such file`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new FatalError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (kind === 'array' ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FatalError(`${path}: expected a JSON ${kind === 'array' ? 'list of inputs' : 'object mapping graph input names to tensors'}`);
  }
  return value as T;
}
