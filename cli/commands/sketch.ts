import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import type { Command } from 'commander';
import { checkCircuit, createBackend, formatCheckReport, loadTestVectors, VectorsError, type CheckReport, type TestVectors } from '../../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import {
  checkSketchVectors,
  estimateTokens,
  firstDisagreement,
  lowerSketchSource,
  outputsByName,
  zkslReference,
  type LoweredCircuit,
  type VectorReport,
} from '../../zksl/index.js';
import { FatalError, refusedAsFatal, VectorsMismatch } from '../fatal.js';

export function registerSketch(program: Command): void {
  const sketch = program.command('sketch').description('ZKSL constraint sketches: check, lower to Circom/Noir, test, reference');

  sketch
    .command('check')
    .description('run a sketch on test vectors in the sandbox and report unconstrained hints')
    .argument('<file.ts>')
    .option('--vectors <file>', 'test vectors JSON (default: the vectors the sketch exports)')
    .option('--param <k=v...>', 'parameter values, e.g. --param n=8 bits=16')
    .option('--timeout <ms>', 'time limit of the sandboxed run', '5000')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: { vectors?: string; param?: string[]; timeout: string; json?: boolean }) => {
      try {
        process.exitCode = await runCheck(file, flags);
      } catch (error) {
        // with --json a script reads stdout: an input error is a JSON document there too, as in `zkcoder check`
        if (flags.json && error instanceof FatalError) {
          const problems = error instanceof VectorsMismatch ? { problems: error.problems } : {};
          console.log(JSON.stringify({ ok: false, error: error.message, exitCode: error.exitCode, ...problems }, null, 2));
        }
        throw error;
      }
    });

  sketch
    .command('emit')
    .description('lower a sketch to Circom or Noir')
    .argument('<file.ts>')
    .requiredOption('--lang <lang>', 'circom | noir')
    .option('--param <k=v...>', 'parameter values')
    .option('--out <dir>', 'write the files here instead of printing them')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .action(async (file: string, flags: { lang: string; param?: string[]; out?: string; force?: boolean }) => {
      if (flags.lang !== 'circom' && flags.lang !== 'noir') throw new FatalError(`--lang: "${flags.lang}" is not circom or noir`);
      const out = flags.out === undefined ? undefined : new OutputFolder(flags.out, { force: flags.force });
      if (out) refusedAsFatal(() => out.check());
      const lowered = await lowerSketchSource(await readSketch(file), flags.lang, { params: parseParams(flags.param) });
      if (!lowered.ok) {
        const { kind, message, location } = lowered.failure;
        // an input failure while lowering is an unknown --param: the command line is wrong, not the sketch
        if (kind === 'input') throw new FatalError(`--param: ${message}`);
        throw new FatalError(`${file}: ${message}${location ? ` (${location.file}:${location.line})` : ''}`, 1);
      }
      for (const [path, text] of Object.entries(lowered.circuit.files)) {
        if (!out) {
          console.log(`// ${path}\n${text}`);
          continue;
        }
        console.log(`wrote ${await out.write(path, text)}`);
      }
    });

  sketch
    .command('test')
    .description('lower to both languages, run the vectors through the harness, and compare with the interpreter')
    .argument('<file.ts>')
    .requiredOption('--vectors <file>', 'test vectors JSON')
    .option('--param <k=v...>', 'parameter values')
    .option('--no-soundness', 'skip the soundness analysis of the lowered circuits')
    .action(async (file: string, flags: { vectors: string; param?: string[]; soundness: boolean }) => {
      const [source, vectors] = await Promise.all([readSketch(file), readVectors(flags.vectors)]);
      const params = parseParams(flags.param);
      const interpreter = await checkSketchVectors(source, vectors, { params });
      refuseMismatchedNames(interpreter, flags.vectors);
      console.log(`zksl: ${interpreter.ok ? 'PASS' : 'FAIL'}: ${interpreter.summary}`);
      let ok = interpreter.ok;
      const sizes: string[] = [];
      const disagreements: string[] = [];
      for (const lang of ['circom', 'noir'] as const) {
        const lowered = await lowerSketchSource(source, lang, { params });
        if (!lowered.ok) {
          console.log(`${lang}: lowering failed: ${lowered.failure.message}`);
          ok = false;
          continue;
        }
        if (lang === 'circom') sizes.push(`zksl ≈${lowered.circuit.counts.r1csEstimate} R1CS (estimate)`);
        const backend = await createBackend(lang);
        try {
          const { files, entry, publicInputs, name, outputNames } = lowered.circuit;
          const circuit = { lang, files, entry, publicInputs, name, returnNames: outputNames };
          const report = await checkCircuit({ backend, circuit, vectors, soundness: flags.soundness });
          console.log(formatCheckReport(report));
          const agreement = compareWithInterpreter({ lang, lowered: lowered.circuit, report, interpreter });
          console.log(agreement.line);
          if (agreement.disagreement) disagreements.push(agreement.disagreement);
          sizes.push(describeSize(lang, report));
          ok &&= report.passed && !agreement.disagreement;
        } finally {
          await backend.dispose();
        }
      }
      await disposeSoundnessAnalysis();
      console.log(`size: ${sizes.join(' · ')}`);
      if (disagreements.length) console.log(`FAIL: ${disagreements[0]}`);
      else console.log(ok ? 'PASS: the interpreter, Circom and Noir agree on every vector' : 'FAIL: see above');
      process.exitCode = ok ? 0 : 1;
    });

  sketch
    .command('reference')
    .description('print the ZKSL reference the model is shown')
    .action(() => {
      const text = zkslReference();
      console.log(text);
      console.error(`(about ${estimateTokens(text)} tokens)`);
    });
}

async function runCheck(file: string, flags: { vectors?: string; param?: string[]; timeout: string; json?: boolean }): Promise<number> {
  const [source, vectors] = await Promise.all([readSketch(file), flags.vectors ? readVectors(flags.vectors) : undefined]);
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new FatalError(`--timeout: "${flags.timeout}" is not a positive number of milliseconds`);
  const report = await checkSketchVectors(source, vectors, { params: parseParams(flags.param), timeoutMs });
  refuseMismatchedNames(report, flags.vectors ?? `${file} (its exported vectors)`);
  if (flags.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const v of report.verdicts) console.log(`  ${v.ok ? '✓' : '✗'} ${v.kind}[${v.index}]: ${v.detail}`);
    for (const f of report.findings) console.log(`  error[${f.code}]: ${f.location ? `${f.location.file}:${f.location.line}: ` : ''}${f.message}`);
    if (report.failure) console.log(`  ✗ ${report.failure.kind}: ${report.failure.message}`);
    console.log(`${report.ok ? 'PASS' : 'FAIL'}: ${report.summary}`);
  }
  return report.ok ? 0 : 1;
}

/** Vectors (or --param names) that don't match the sketch: an input error (exit 2) keeping every problem. */
function refuseMismatchedNames(report: VectorReport, vectorsSource: string): void {
  if (report.problems.length === 0) return;
  throw new VectorsMismatch(report.problems.map((p) => `${p.where === 'params' ? '--param' : vectorsSource}: ${p.message}`));
}

/**
 * The interpreter's outputs against the target's on every accept vector both ran, whether or not
 * the vector states outputs: a vector without `outputs` would otherwise let a disagreement pass.
 */
function compareWithInterpreter(options: { lang: 'circom' | 'noir'; lowered: LoweredCircuit; report: CheckReport; interpreter: VectorReport }): {
  line: string;
  disagreement?: string;
} {
  const { lang, lowered, report, interpreter } = options;
  const ours = new Map(interpreter.verdicts.flatMap((v) => (v.kind === 'accept' && v.outputs ? [[v.index, v.outputs] as const] : [])));
  let compared = 0;
  for (const verdict of report.vectors) {
    const expected = ours.get(verdict.index);
    if (verdict.kind !== 'accept' || !verdict.got || !expected) continue;
    compared++;
    const where = `accept[${verdict.index}] ${JSON.stringify(verdict.inputs)}`;
    let differs;
    try {
      differs = firstDisagreement(expected, outputsByName(lowered, verdict.got));
    } catch (error) {
      const disagreement = `${where}: ${lang} outputs do not match the sketch's: ${(error as Error).message}`;
      return { line: `  ✗ ${disagreement}`, disagreement };
    }
    if (differs) {
      const disagreement = `${where}: ${lang} disagrees with the interpreter on output ${differs.output}: interpreter ${differs.expected}, ${lang} ${differs.got}`;
      return { line: `  ✗ ${disagreement}`, disagreement };
    }
  }
  return { line: `  ${compared ? '✓' : '-'} interpreter = ${lang} on ${compared} accept vector(s)` };
}

/** Circom counts R1CS constraints; the harness's Noir count is ACIR opcodes, plus UltraHonk gates. */
function describeSize(lang: 'circom' | 'noir', report: CheckReport): string {
  const { constraintCount, gateCount } = report.compile;
  if (constraintCount === undefined) return `${lang} did not compile`;
  if (lang === 'circom') return `circom ${constraintCount} R1CS constraints`;
  return `noir ${constraintCount} ACIR opcodes${gateCount !== undefined ? `, ${gateCount} UltraHonk gates` : ''}`;
}

async function readSketch(file: string): Promise<string> {
  if (!existsSync(file)) throw new FatalError(`${file}: no such file`);
  if (!file.endsWith('.ts')) throw new FatalError(`${file}: a sketch is a TypeScript file (.ts)`);
  return readFile(file, 'utf8');
}

async function readVectors(file: string): Promise<TestVectors> {
  return loadTestVectors(file).catch((error: unknown) => {
    throw error instanceof VectorsError ? new FatalError(error.message) : error;
  });
}

/** `n=8 bits=16` → { n: 8, bits: 16 }. */
export function parseParams(pairs: string[] = []): Record<string, number> {
  const params: Record<string, number> = {};
  for (const pair of pairs.flatMap((p) => p.split(','))) {
    const m = /^(\w+)=(-?\d+)$/.exec(pair.trim());
    if (!m) throw new FatalError(`--param: "${pair}" is not name=integer`);
    params[m[1]] = Number(m[2]);
  }
  return params;
}
