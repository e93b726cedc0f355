/**
 * npm run bench:prover — an MNIST-shaped MLP 784-56-10 (Gemm, Relu, Gemm; random weights, fixed
 * seed): constraints, compile / witness / prove / verify times and peak memory per language, and the
 * accuracy of the quantized model against onnxruntime over 100 random inputs (the circuit's outputs
 * equal the integer interpreter's bit for bit, which each proved run checks).
 * Writes bench/results/prover.json. `--lang circom|noir` runs one language only; `--models
 * mlp,cnn,attention` picks the models (default all; cnn and attention are bench/prover-models.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ModelBuilder, seededUniform } from '../prover/onnx/build.js';
import { readModel } from '../prover/onnx/read.js';
import { proveInference } from '../prover/prove.js';
import { runReference } from '../prover/reference.js';
import { dequantizeValue } from '../prover/quantize/fixed-point.js';
import { calibrateScale } from '../prover/quantize/calibrate.js';
import { interpretQuantized } from '../prover/quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../prover/quantize/quantize.js';
import { benchSmallModel } from './prover-models.js';
/** `value` to `digits` decimals. */
function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

const SIZES = [784, 56, 10];
const SEED = 2024;
const SAMPLES = 100;
const RESULTS = 'bench/results/prover.json';
const langArg = process.argv.indexOf('--lang');
const langs = (langArg > 0 ? [process.argv[langArg + 1]] : ['circom', 'noir']) as ('circom' | 'noir')[];
const modelsArg = process.argv.indexOf('--models');
const models = modelsArg > 0 ? process.argv[modelsArg + 1].split(',') : ['mlp', 'cnn', 'attention'];

function mnistMlp(): Uint8Array {
  const builder = new ModelBuilder().input('image', [1, SIZES[0]]);
  let current = 'image';
  for (let layer = 0; layer + 1 < SIZES.length; layer++) {
    const [inner, outer] = [SIZES[layer], SIZES[layer + 1]];
    builder.constant(`w${layer}`, [outer, inner], seededUniform(SEED + layer, outer * inner, 1 / Math.sqrt(inner)));
    builder.constant(`b${layer}`, [outer], seededUniform(SEED + 10 + layer, outer, 0.1));
    const last = layer + 2 === SIZES.length;
    builder.node('Gemm', [current, `w${layer}`, `b${layer}`], [last ? 'logits' : `h${layer}`], { transB: 1 }, `dense${layer}`);
    current = last ? 'logits' : `h${layer}`;
    if (!last) builder.node('Relu', [current], [`a${layer}`], {}, `relu${layer}`), (current = `a${layer}`);
  }
  return builder.output('logits', [1, SIZES[SIZES.length - 1]]).toBytes();
}

/** A random "image": pixels in [0, 1). */
function image(seed: number): number[][] {
  return [Array.from(seededUniform(seed, SIZES[0]), (v) => (v + 1) / 2)];
}

async function accuracy(model: Uint8Array, scale: number) {
  const graph = readModel(model);
  const quantized = quantizeGraph(graph, { scale });
  let agree = 0;
  let maxAbsError = 0;
  let maxLogit = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    const input = image(1000 + sample);
    const integers = interpretQuantized(quantized, quantizeInputs(quantized, { image: input })).get('logits') ?? [];
    const circuit = integers.map((v) => dequantizeValue(v, quantized.outputs[0].scale));
    const reference = Array.from((await runReference(model, graph, new Map([['image', input[0]]]))).get('logits')?.data ?? []);
    const argmax = (values: number[]) => values.indexOf(Math.max(...values));
    if (argmax(circuit) === argmax(reference)) agree++;
    circuit.forEach((value, index) => (maxAbsError = Math.max(maxAbsError, Math.abs(value - reference[index]))));
    maxLogit = Math.max(maxLogit, ...reference.map(Math.abs));
  }
  return { scale, samples: SAMPLES, argmaxAgreement: agree / SAMPLES, maxAbsError: round(maxAbsError, 5), maxAbsLogit: round(maxLogit, 3), maxErrorRelativeToLargestLogit: round(maxAbsError / maxLogit, 5) };
}

async function proveOnce(model: Uint8Array, lang: 'circom' | 'noir', scale: number) {
  const started = performance.now();
  let result;
  for await (const event of proveInference({ model, inputs: { image: image(1) }, lang, scale })) {
    if (event.type === 'stage-end') process.stderr.write(`${lang} ${event.stage}: ${event.detail} (${(event.durationMs / 1000).toFixed(1)} s)\n`);
    if (event.type === 'done') result = event.result;
  }
  if (!result) throw new Error('no result');
  const seconds = (stage: keyof typeof result.timings) => round((result.timings[stage] ?? 0) / 1000, 3);
  return {
    scale,
    system: result.system,
    verified: result.verified,
    interpreterAgrees: result.interpreterAgrees,
    constraints: result.constraints,
    ...(result.gates ? { gates: result.gates } : {}),
    compileSeconds: seconds('compile'),
    witnessSeconds: seconds('witness'),
    proveSeconds: seconds('prove'),
    verifySeconds: seconds('verify'),
    totalSeconds: round((performance.now() - started) / 1000, 3),
    maxAbsErrorOfProvedInput: round(result.maxAbsError, 5),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const results: Record<string, unknown> = {};
if (models.includes('mlp')) {
  const model = mnistMlp();
  // --calibrate on 20 images other than the 100 measured: the random weights give logits below 0.5,
  // where the default 1/256 step is coarse.
  const calibratedScale = calibrateScale(readModel(model), Array.from({ length: 20 }, (_, index) => ({ image: image(5000 + index) })));
  Object.assign(results, {
    model: `MLP ${SIZES.join('-')} (Gemm, Relu, Gemm), weights uniform in ±1/sqrt(fan-in), seed ${SEED}; inputs uniform in [0, 1)`,
    quantization: `16-bit signed fixed point, weights as circuit constants; proved at the calibrated scale 2^${calibratedScale}`,
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: round(loadavg()[0], 1) },
    accuracy: { defaultScale: await accuracy(model, 8), calibratedScale: await accuracy(model, calibratedScale) },
    comparison: 'circomlib-ml Dense/ReLU MLP of this shape: 73,416 non-linear constraints, 2.35 s prove on its authors\' machine (not re-measured here)',
  });
  for (const lang of langs) results[lang] = await proveOnce(model, lang, calibratedScale);
}
for (const name of ['cnn', 'attention'] as const) {
  if (!models.includes(name)) continue;
  const perLang: Record<string, unknown> = {};
  for (const lang of langs) perLang[lang] = await benchSmallModel(name, lang);
  results[name] = { machine: { cpus: cpus().length, loadAverageAtStart: round(loadavg()[0], 1) }, ...perLang };
}
mkdirSync('bench/results', { recursive: true });
// Read at the end: a run of the other language may have written its part meanwhile.
const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(RESULTS, JSON.stringify({ ...previous, ...results, ...mergeLangs(previous, results) }, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));

/** A one-language run keeps the other language's part of cnn / attention. */
function mergeLangs(previous: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const name of ['cnn', 'attention']) {
    if (current[name] && previous[name]) merged[name] = { ...(previous[name] as object), ...(current[name] as object) };
  }
  return merged;
}
