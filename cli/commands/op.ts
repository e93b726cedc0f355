import type { Command } from 'commander';
import type { ModelFlags } from '../../agent/model/index.js';
import type { Lang } from '../../compiler-harness/types.js';
import type { OpResult } from '../../op/run-op.js';
import { FatalError } from '../fatal.js';

interface OpFlags extends ModelFlags {
  list?: boolean;
  json?: boolean;
  shape?: string;
  attr: string[];
  scale: string;
  bits: string;
  lang: string;
  out?: string;
  force?: boolean;
  maxIterations: string;
}

export function registerOp(program: Command): void {
  program
    .command('op')
    .description('a verified circuit for an ONNX operator, checked against onnxruntime and registered for zkcoder prove; --list: ONNX operator coverage')
    .argument('[opType]', 'the ONNX operator, e.g. HardSigmoid')
    .option('--list', 'every ONNX operator (opset 17+): supported / generated / unsupported, and why')
    .option('--json', 'print JSON')
    .option('--shape <shape>', 'input shape(s), e.g. 1x16, or 2x3,3 for two inputs (a second that broadcasts is a constant)')
    .option('--attr <name=value>', 'an attribute, repeatable: --attr alpha=0.2 --attr beta=0.5', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--scale <bits>', 'fractional bits of the fixed point', '8')
    .option('--bits <n>', 'signed width of every value', '16')
    .option('--lang <lang>', 'circom | noir | both', 'circom')
    .option('--out <dir>', 'write circuits, spec.json, vectors, proofs and REPORT.md here')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .option('--max-iterations <n>', 'repair attempts when the agent writes the circuit', '5')
    .option('--provider <name>', 'openai | anthropic | openai-compatible | exec | replay | none')
    .option('--model <name>', 'model name')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://localhost:11434/v1 (Ollama)')
    .option('--api-key <key>', 'API key (default from OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--replay <file>', 'answer from a recorded cassette instead of a provider')
    .option('--exec <command>', 'use an external command as the model (prompt on stdin)')
    .option('--config <file>', 'project configuration file (default ./zkcoder.config.json)')
    .action(async (opType: string | undefined, flags: OpFlags) => {
      process.exitCode = flags.list ? await listOperators(flags) : await runOpCommand(opType, flags);
    });
}

async function listOperators(flags: OpFlags): Promise<number> {
  const { operatorCoverage } = await import('../../op/list.js');
  const operators = operatorCoverage();
  if (flags.json) {
    console.log(JSON.stringify({ operators }, null, 2));
    return 0;
  }
  const count = (status: string) => operators.filter((o) => o.status === status).length;
  for (const entry of operators) console.log(`${entry.op.padEnd(28)} ${entry.status.padEnd(12)} ${entry.reason ?? ''}`);
  console.log(`\n${operators.length} operators: ${count('supported')} supported, ${count('generated')} generated, ${count('unsupported')} unsupported`);
  return 0;
}

async function runOpCommand(opType: string | undefined, flags: OpFlags): Promise<number> {
  if (!opType) throw new FatalError('name the ONNX operator, e.g. zkcoder op HardSigmoid --shape 1x16 (or zkcoder op --list)');
  if (!flags.shape) throw new FatalError(`--shape is required: the input shape(s) of ${opType}, e.g. --shape 1x16`);
  const languages: Lang[] = flags.lang === 'both' ? ['circom', 'noir'] : flags.lang === 'circom' || flags.lang === 'noir' ? [flags.lang] : fail(`--lang: "${flags.lang}" is not circom, noir or both`);
  const scale = integer(flags.scale, '--scale');
  const bits = integer(flags.bits, '--bits');
  const maxIterations = integer(flags.maxIterations, '--max-iterations');
  const { OutputFolder } = await import('../../compiler-harness/files/output-folder.js');
  const out = flags.out === undefined ? undefined : new OutputFolder(flags.out, { force: flags.force });
  out?.check();
  const { createLanguageModel, ModelConfigError, resolveModelConfig } = await import('../../agent/model/index.js');
  const config = await resolveModelConfig({ flags }).catch((error: unknown) => {
    throw error instanceof ModelConfigError ? new FatalError(error.message) : error;
  });
  for (const warning of config.warnings) console.error(`zkcoder: warning: ${warning}`);
  const model = config.kind === 'model' ? (await createLanguageModel(config)).model : undefined;
  const { runOp } = await import('../../op/run-op.js');
  let result: OpResult;
  try {
    result = await runOp({ op: opType, attributes: flags.attr, shape: flags.shape, scale, bits, languages, model, maxIterations, onProgress: flags.json ? undefined : (line) => console.log(line) });
  } catch (error) {
    throw await asOpError(error);
  }
  if (out) {
    const { writeOpOutput } = await import('../../op/output.js');
    await writeOpOutput(out, result);
  }
  if (flags.json) {
    const { vectors: _vectors, ...spec } = result.spec;
    console.log(JSON.stringify({ ok: result.ok, mode: result.mode, summary: result.summary, spec, registration: result.registration, agent: result.agent }, null, 2));
  } else {
    console.log(`${result.ok ? 'ok' : 'FAILED'}: ${result.spec.op} (${result.mode === 'registry' ? 'knowledge-base mode: the prover’s verified circuit' : 'generated and registered'}) — ${result.summary}`);
    console.log(`vectors from ${result.spec.reference.runtime}; max |error| vs onnxruntime ${result.spec.tolerance.measured.toPrecision(4)}`);
    if (result.registration) console.log(`registered as ${result.registration.id}: zkcoder prove now uses it for models containing ${result.spec.op}`);
    if (flags.out) console.log(`written to ${flags.out} (REPORT.md, spec.json, circuits, vectors, proofs)`);
  }
  return result.ok ? 0 : 1;
}

/** Bad attributes, shapes or a model the prover's circuit does not take: exit 2; no model or no onnxruntime: exit 1. */
async function asOpError(error: unknown): Promise<unknown> {
  const [{ OpInputError }, { ModelNeededError }, { OnnxRuntimeError }, { ModelError }] = await Promise.all([
    import('../../op/attributes.js'),
    import('../../op/run-op.js'),
    import('../../op/reference.js'),
    import('../../prover/onnx/graph.js'),
  ]);
  if (error instanceof OpInputError || error instanceof ModelError) return new FatalError(error.message);
  if (error instanceof ModelNeededError || error instanceof OnnxRuntimeError) return new FatalError(error.message, 1);
  return error;
}

function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new FatalError(`${flag}: "${value}" is not a non-negative integer`);
  return Number(value);
}

function fail(message: string): never {
  throw new FatalError(message);
}
