import { sizeOf } from '../onnx/graph.js';
import type { QuantizedGraph, QuantizedLayer } from '../quantize/types.js';
import { entriesUsed, noirModule, noirModuleName } from './kb-sources.js';
import { linearAccumulator } from './linear-terms.js';
import type { ComposedCircuit } from './types.js';
import { walkLayers } from './walk.js';
import * as ops from './noir-ops.js';
import * as arith from './noir-arith.js';
import type { ComposeOptions } from './circom.js';
import { noirCommitmentLines } from './commitment.js';
import { committedValueNames, hasPrivateWeights, noirPrivateAffineLines, privateWeights } from './private-weights.js';

/**
 * One Noir program for the whole graph: `main(in0: pub [Field; n], ...) -> pub [Field; m]` (a tuple
 * for several graph outputs), each layer calling the knowledge-base gadget modules, weights as
 * constants (so their products are linear and their range checks fold away at compile time).
 */
export function composeNoir(graph: QuantizedGraph, options: ComposeOptions = {}): ComposedCircuit {
  const entries = entriesUsed(graph.layers);
  const weights = options.commitWeights ? privateWeights(graph) : [];
  const half = 1n << BigInt(graph.bits - 1);
  const globals: string[] = [];
  const params = [...graph.inputs.map((input, k) => `in${k}: pub [Field; ${sizeOf(input.shape)}]`), ...weights.map((w) => `${w.name}: [Field; ${w.values.length}]`)];
  const walked = walkLayers(graph, {
    input: (input, name) => [
      `    // graph input ${input.name}: range-checked to SInt(${graph.bits})`,
      `    for i in 0..${sizeOf(input.shape)} {`,
      `        let _ = range_check::range_check::<${graph.bits}>(${name}[i] + ${half});`,
      '    }',
    ],
    layer: (layer, name, input) =>
      weights.length && hasPrivateWeights(layer)
        ? noirPrivateAffineLines(layer.params as Parameters<typeof noirPrivateAffineLines>[0], name, input(0), `w${graph.layers.indexOf(layer)}`, graph.bits)
        : layerLines(layer, name, input, graph.bits, globals),
  });
  const body = walked.body;
  const returned = walked.outputs;
  const returnTypes = graph.outputs.map((output) => `[Field; ${sizeOf(output.shape)}]`);
  if (weights.length) {
    // the private weights' commitment, returned (public) after the graph outputs
    body.push('', ...noirCommitmentLines(committedValueNames(weights), 'weights_commitment'));
    returned.push('weights_commitment');
    returnTypes.push('Field');
  }
  const single = returned.length === 1;
  body.push(`    ${single ? returned[0] : `(${returned.join(', ')})`}`);
  const main = [
    ...entries.map((entry) => `mod ${noirModuleName(entry)};`),
    '',
    `// The quantized model: ${graph.layers.length} layers, ${graph.bits}-bit activations, weights at scale 2^${graph.scale}.`,
    ...globals,
    `fn main(${params.join(', ')}) -> pub ${single ? returnTypes[0] : `(${returnTypes.join(', ')})`} {`,
    ...(graph.layers.some((layer) => layer.params.kind === 'linear' || layer.params.kind === 'conv') ? ['    let mut acc: Field = 0; // the running sum of a linear output'] : []),
    ...body,
    '}',
    '',
  ].join('\n');
  const files: Record<string, string> = { 'src/main.nr': main };
  for (const entry of entries) files[`src/${noirModuleName(entry)}.nr`] = noirModule(entry);
  const outputNames = [...graph.outputs.map((_, k) => `out${k}`), ...(weights.length ? ['weightsCommitment'] : [])];
  return { lang: 'noir', files, entry: 'src/main.nr', kb: entries, outputNames };
}

function layerLines(layer: QuantizedLayer, name: string, input: (position: number) => string, bits: number, globals: string[]): string[] {
  const params = layer.params;
  const n = sizeOf(layer.output.shape);
  const half = 1n << BigInt(bits - 1);
  switch (params.kind) {
    case 'linear': {
      const lines = [`    let mut ${name}: [Field; ${n}] = [0; ${n}];`];
      const x = input(0);
      for (let r = 0; r < params.rows; r++) {
        for (let c = 0; c < params.cols; c++) {
          lines.push(...linearAccumulator(params, (i) => `${x}[${i}]`, r, c).map((statement) => `    ${statement}`));
          lines.push(`    ${name}[${r * params.cols + c}] = dense::rescale::<${bits}, ${params.shift}>(acc);`);
        }
      }
      return lines;
    }
    case 'add': {
      if (params.constant) globals.push(`global ${name.toUpperCase()}_CONSTANT: [Field; ${n}] = [${params.constant.join(', ')}];`);
      const other = params.constant ? `${name.toUpperCase()}_CONSTANT[i]` : `${input(1)}[i]`;
      return [
        `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
        `    for i in 0..${n} {`,
        `        ${name}[i] = ${input(0)}[i] + ${other};`,
        `        let _ = range_check::range_check::<${bits}>(${name}[i] + ${half});`,
        '    }',
      ];
    }
    case 'relu':
      return [`    let mut ${name}: [Field; ${n}] = [0; ${n}];`, `    for i in 0..${n} {`, `        ${name}[i] = relu::relu::<${bits}>(${input(0)}[i]);`, '    }'];
    case 'softmax': {
      const { rows, length, shift } = params;
      const logit = shift > 0 ? `rescale::rescale::<${bits}, ${shift}>(${input(0)}[r * ${length} + j])` : `${input(0)}[r * ${length} + j]`;
      return [
        `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
        `    for r in 0..${rows} {`,
        `        let mut row: [Field; ${length}] = [0; ${length}];`,
        // floor to 1 fractional bit, the softmax table's input scale
        `        for j in 0..${length} {`,
        `            row[j] = ${logit};`,
        '        }',
        `        let probabilities = softmax::softmax::<${length}, ${bits - shift}>(row);`,
        `        for j in 0..${length} {`,
        `            ${name}[r * ${length} + j] = probabilities[j];`,
        '        }',
        '    }',
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
      return ops.mulLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits, globals);
    case 'leaky-relu':
      return ops.leakyReluLines(params, name, input(0), n, bits);
    case 'clip':
      return ops.clipLines(params, name, input(0), n, bits);
    case 'matmul':
      return ops.matMulLines(params, name, [input(0), input(1)], bits);
    case 'layer-norm':
      return ops.layerNormLines(params, name, input(0), bits, globals);
    case 'lookup':
      return ops.lookupLines(params, name, input(0), n, bits);
    case 'gather':
      return ops.gatherLines(params, name, layer.inputs.map((_, position) => input(position)));
    case 'elementwise':
      return [
        `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
        `    for i in 0..${n} {`,
        `        ${name}[i] = ${noirModuleName(params.entry)}::${params.noirFunction}(${input(0)}[i]);`,
        `        let _ = range_check::range_check::<${bits}>(${name}[i] + ${half});`,
        '    }',
      ];
    case 'sum':
      return arith.sumLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits, globals);
    case 'abs':
      return arith.absLines(params, name, input(0), n, bits);
    case 'extremum':
      return arith.extremumLines(params, name, layer.inputs.map((_, position) => input(position)), n, bits, globals);
    case 'reduce':
      return arith.reduceLines(params, name, input(0), bits);
    default:
      return params satisfies never;
  }
}
