import { sizeOf } from '../onnx/graph.js';
import type { QuantizedGraph, QuantizedLayer } from '../quantize/types.js';
import { entriesUsed, noirModule, noirModuleName } from './kb-sources.js';
import { linearAccumulator } from './linear-terms.js';
import type { ComposedCircuit } from './types.js';

/**
 * One Noir program for the whole graph: `main(in0: pub [Field; n], ...) -> pub [Field; m]` (a tuple
 * for several graph outputs), each layer calling the knowledge-base gadget modules, weights as
 * constants (so their products are linear and their range checks fold away at compile time).
 */
export function composeNoir(graph: QuantizedGraph): ComposedCircuit {
  const entries = entriesUsed(graph.layers);
  const names = new Map<string, string>();
  const half = 1n << BigInt(graph.bits - 1);
  const body: string[] = [];
  const params = graph.inputs.map((input, k) => {
    names.set(input.name, `in${k}`);
    body.push(`    // graph input ${input.name}: range-checked to SInt(${graph.bits})`, `    for i in 0..${sizeOf(input.shape)} {`, `        let _ = range_check::range_check::<${graph.bits}>(in${k}[i] + ${half});`, '    }');
    return `in${k}: pub [Field; ${sizeOf(input.shape)}]`;
  });
  const globals: string[] = [];
  graph.layers.forEach((layer, index) => {
    const input = (position: number) => names.get(layer.inputs[position]) ?? missing(layer, position);
    if (layer.params.kind === 'reshape') {
      names.set(layer.output.name, input(0));
      return;
    }
    const name = `t${index}`;
    names.set(layer.output.name, name);
    body.push('', `    // ${layer.node}: ${layer.op} -> ${layer.output.shape.join('x')} at scale 2^${layer.output.scale}`);
    body.push(...layerLines(layer, name, input, graph.bits, globals));
  });
  const returned = graph.outputs.map((output) => names.get(output.name) ?? '');
  const returnTypes = graph.outputs.map((output) => `[Field; ${sizeOf(output.shape)}]`);
  const single = graph.outputs.length === 1;
  body.push(`    ${single ? returned[0] : `(${returned.join(', ')})`}`);
  const main = [
    ...entries.map((entry) => `mod ${noirModuleName(entry)};`),
    '',
    `// The quantized model: ${graph.layers.length} layers, ${graph.bits}-bit activations, weights at scale 2^${graph.scale}.`,
    ...globals,
    `fn main(${params.join(', ')}) -> pub ${single ? returnTypes[0] : `(${returnTypes.join(', ')})`} {`,
    ...(graph.layers.some((layer) => layer.params.kind === 'linear') ? ['    let mut acc: Field = 0; // the running sum of a linear output'] : []),
    ...body,
    '}',
    '',
  ].join('\n');
  const files: Record<string, string> = { 'src/main.nr': main };
  for (const entry of entries) files[`src/${noirModuleName(entry)}.nr`] = noirModule(entry);
  return { lang: 'noir', files, entry: 'src/main.nr', kb: entries, outputNames: graph.outputs.map((_, k) => `out${k}`) };
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
    case 'elementwise':
      return [
        `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
        `    for i in 0..${n} {`,
        `        ${name}[i] = ${noirModuleName(params.entry)}::${params.noirFunction}(${input(0)}[i]);`,
        `        let _ = range_check::range_check::<${bits}>(${name}[i] + ${half});`,
        '    }',
      ];
    default:
      return params satisfies never;
  }
}

function missing(layer: QuantizedLayer, position: number): never {
  throw new Error(`layer ${layer.node}: input ${layer.inputs[position]} was not composed before it`);
}
