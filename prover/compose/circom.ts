import { sizeOf } from '../onnx/graph.js';
import type { QuantizedGraph, QuantizedLayer } from '../quantize/types.js';
import { circomSource, entriesUsed } from './kb-sources.js';
import { linearAccumulator } from './linear-terms.js';
import type { ComposedCircuit } from './types.js';
import { walkLayers } from './walk.js';
import * as ops from './circom-ops.js';
import * as arith from './circom-arith.js';
import { circomCommitmentFiles, circomCommitmentLines, CIRCOM_POSEIDON_INCLUDE } from './commitment.js';
import { circomPrivateAffineLines, committedValueNames, hasPrivateWeights, privateWeights } from './private-weights.js';

export interface ComposeOptions {
  /** Linear and conv weights as private inputs `w<layer>`, committed by the public output `weightsCommitment`. */
  commitWeights?: boolean;
}

/**
 * One Circom main for the whole graph: public inputs `in<k>` (range-checked to SInt(bits)),
 * public outputs `out<k>`, and per layer the knowledge-base templates at the layer's sizes, with the
 * weights as constants.
 */
export function composeCircom(graph: QuantizedGraph, options: ComposeOptions = {}): ComposedCircuit {
  const entries = entriesUsed(graph.layers);
  const weights = options.commitWeights ? privateWeights(graph) : [];
  const half = 1n << BigInt(graph.bits - 1);
  const walked = walkLayers(graph, {
    input: (input, name) => {
      const n = sizeOf(input.shape);
      return [
        `    // graph input ${input.name}: ${n} values, each range-checked to SInt(${graph.bits})`,
        `    signal input ${name}[${n}];`,
        `    component ${name}Range[${n}];`,
        `    for (var i = 0; i < ${n}; i++) {`,
        `        ${name}Range[i] = RangeCheck(${graph.bits});`,
        `        ${name}Range[i].x <== ${name}[i] + ${half};`,
        `    }`,
      ];
    },
    layer: (layer, name, input) =>
      weights.length && hasPrivateWeights(layer)
        ? circomPrivateAffineLines(layer.params as Parameters<typeof circomPrivateAffineLines>[0], name, input(0), `w${graph.layers.indexOf(layer)}`, graph.bits)
        : layerLines(layer, name, input, graph.bits),
  });
  const body = [
    ...graph.outputs.map((output, k) => `    signal output out${k}[${sizeOf(output.shape)}];`),
    ...(weights.length ? ['    signal output weightsCommitment; // Poseidon commitment of every private weight', ...weights.map((w) => `    signal input ${w.name}[${w.values.length}]; // ${w.node}: weights, then biases (private)`)] : []),
    ...walked.body,
    ...graph.outputs.map((output, k) => `\n    for (var i = 0; i < ${sizeOf(output.shape)}; i++) out${k}[i] <== ${walked.outputs[k]}[i];`),
    ...(weights.length ? ['', ...circomCommitmentLines(committedValueNames(weights), 'weightsCommitment', 'weightsHash')] : []),
  ];
  const includes = [...entries.map((entry) => `include "kb/${entry}.circom";`), ...(weights.length ? [CIRCOM_POSEIDON_INCLUDE] : [])];
  const publics = graph.inputs.map((_, k) => `in${k}`).join(', ');
  const main = [
    'pragma circom 2.1.0;',
    '',
    ...includes,
    '',
    `// The quantized model: ${graph.layers.length} layers, ${graph.bits}-bit activations, weights at scale 2^${graph.scale}.`,
    'template Model() {',
    '    var acc; // the running sum of a linear output (a linear expression, no constraint of its own)',
    ...body,
    '}',
    '',
    `component main {public [${publics}]} = Model();`,
    '',
  ].join('\n');
  const files: Record<string, string> = { 'model.circom': main };
  for (const entry of entries) files[`kb/${entry}.circom`] = circomSource(entry);
  if (weights.length) Object.assign(files, circomCommitmentFiles());
  const outputNames = [...graph.outputs.map((_, k) => `out${k}`), ...(weights.length ? ['weightsCommitment'] : [])];
  return { lang: 'circom', files, entry: 'model.circom', kb: entries, outputNames };
}

function layerLines(layer: QuantizedLayer, name: string, input: (position: number) => string, bits: number): string[] {
  const params = layer.params;
  const n = sizeOf(layer.output.shape);
  const half = 1n << BigInt(bits - 1);
  switch (params.kind) {
    case 'linear': {
      const lines = [`    signal ${name}[${n}];`, `    component ${name}Rescale[${n}];`];
      const x = input(0);
      for (let r = 0; r < params.rows; r++) {
        for (let c = 0; c < params.cols; c++) {
          const k = r * params.cols + c;
          lines.push(
            `    ${name}Rescale[${k}] = DenseRescale(${bits}, ${params.shift});`,
            ...linearAccumulator(params, (i) => `${x}[${i}]`, r, c).map((statement) => `    ${statement}`),
            `    ${name}Rescale[${k}].acc <== acc;`,
            `    ${name}[${k}] <== ${name}Rescale[${k}].out;`,
          );
        }
      }
      return lines;
    }
    case 'add': {
      const other = params.constant ? `${name}Constant[i]` : `${input(1)}[i]`;
      return [
        `    signal ${name}[${n}];`,
        `    component ${name}Range[${n}];`,
        ...(params.constant ? [`    var ${name}Constant[${n}] = [${params.constant.join(', ')}];`] : []),
        `    for (var i = 0; i < ${n}; i++) {`,
        `        ${name}[i] <== ${input(0)}[i] + ${other};`,
        `        ${name}Range[i] = RangeCheck(${bits});`,
        `        ${name}Range[i].x <== ${name}[i] + ${half};`,
        `    }`,
      ];
    }
    case 'relu':
      return [
        `    signal ${name}[${n}];`,
        `    component ${name}Relu[${n}];`,
        `    for (var i = 0; i < ${n}; i++) {`,
        `        ${name}Relu[i] = ReLU(${bits});`,
        `        ${name}Relu[i].x <== ${input(0)}[i];`,
        `        ${name}[i] <== ${name}Relu[i].out;`,
        `    }`,
      ];
    case 'softmax': {
      const { rows, length, shift } = params;
      const logit = (at: string) => (shift > 0 ? `${name}Logit[${at}].out` : `${input(0)}[${at}]`);
      return [
        `    signal ${name}[${n}];`,
        `    component ${name}Softmax[${rows}];`,
        ...(shift > 0 ? [`    component ${name}Logit[${n}];`] : []),
        `    for (var r = 0; r < ${rows}; r++) {`,
        `        ${name}Softmax[r] = Softmax(${length}, ${bits - shift});`,
        `        for (var j = 0; j < ${length}; j++) {`,
        ...(shift > 0
          ? [
              `            // floor to 1 fractional bit, the softmax table's input scale`,
              `            ${name}Logit[r * ${length} + j] = Rescale(${bits}, ${shift});`,
              `            ${name}Logit[r * ${length} + j].x <== ${input(0)}[r * ${length} + j];`,
            ]
          : []),
        `            ${name}Softmax[r].x[j] <== ${logit(`r * ${length} + j`)};`,
        `        }`,
        // every input of the row is set before any output is read
        `        for (var j = 0; j < ${length}; j++) ${name}[r * ${length} + j] <== ${name}Softmax[r].out[j];`,
        `    }`,
      ];
    }
    case 'reshape':
      return [];
    case 'conv':
      return ops.convLines(params, name, input(0), bits);
    case 'max-pool':
    case 'average-pool':
      return ops.poolLines(params, name, input(0), bits);
    case 'mul':
      return ops.mulLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits);
    case 'leaky-relu':
      return ops.leakyReluLines(params, name, input(0), n, bits);
    case 'clip':
      return ops.clipLines(params, name, input(0), n, bits);
    case 'matmul':
      return ops.matMulLines(params, name, [input(0), input(1)], bits);
    case 'layer-norm':
      return ops.layerNormLines(params, name, input(0), bits);
    case 'lookup':
      return ops.lookupLines(params, name, input(0), n, bits);
    case 'gather':
      return ops.gatherLines(params, name, layer.inputs.map((_, position) => input(position)));
    case 'elementwise': {
      const { template, input: inSignal, output: outSignal } = params.circom;
      return [
        `    signal ${name}[${n}];`,
        `    component ${name}Op[${n}];`,
        `    component ${name}Range[${n}];`,
        `    for (var i = 0; i < ${n}; i++) {`,
        `        ${name}Op[i] = ${template}();`,
        `        ${name}Op[i].${inSignal} <== ${input(0)}[i];`,
        `        ${name}[i] <== ${name}Op[i].${outSignal};`,
        `        ${name}Range[i] = RangeCheck(${bits});`,
        `        ${name}Range[i].x <== ${name}[i] + ${half};`,
        `    }`,
      ];
    }
    case 'sum':
      return arith.sumLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits);
    case 'abs':
      return arith.absLines(params, name, input(0), n, bits);
    case 'extremum':
      return arith.extremumLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits);
    case 'reduce':
      return arith.reduceLines(params, name, input(0), bits);
    default:
      return params satisfies never;
  }
}
