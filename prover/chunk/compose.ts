import type { Lang } from '../../compiler-harness/index.js';
import { composeCircom } from '../compose/circom.js';
import { composeNoir } from '../compose/noir.js';
import type { ComposedCircuit } from '../compose/types.js';
import { sizeOf } from '../onnx/graph.js';
import type { ClaimTensor } from '../output.js';
import type { QuantizedTensor } from '../quantize/types.js';
import { CIRCOM_POSEIDON_INCLUDE, circomCommitmentFiles, circomCommitmentLines, noirCommitmentLines } from '../compose/commitment.js';
import type { GraphChunk } from './split.js';

/** Where a chunk's public values sit in its proof's public signals. */
export interface ChunkLayout {
  /** How many public signals the proof has. */
  publicCount: number;
  /** Every chunk but the first: the commitment of its (private) input activations. */
  inCommitment?: number;
  /** Every chunk but the last: the commitment of its output activations. */
  outCommitment?: number;
  /** The first chunk: the model inputs, public as in one circuit. */
  inputs: ClaimTensor[];
  /** The last chunk: the model outputs, public as in one circuit. */
  outputs: ClaimTensor[];
}

/** What the layout depends on: the chunk's place in the chain and its boundary tensors. */
export interface ChunkShape {
  first: boolean;
  last: boolean;
  inputs: Pick<QuantizedTensor, 'name' | 'shape' | 'scale'>[];
  outputs: Pick<QuantizedTensor, 'name' | 'shape' | 'scale'>[];
}

/**
 * The public-signal layout of a chunk: the prover writes it, `zkcoder verify` recomputes it from
 * the manifest's tensors (so an edited offset cannot point the chain check elsewhere). snarkjs
 * puts main's outputs first (inCommitment, then outCommitment or the model outputs), then the
 * public inputs; bb.js puts the public parameters first, then the returned values in that order.
 */
export function chunkLayout(lang: Lang, shape: ChunkShape): ChunkLayout {
  let offset = 0;
  const layout: ChunkLayout = { publicCount: 0, inputs: [], outputs: [] };
  const tensors = (list: ChunkShape['inputs']) =>
    list.map((tensor) => {
      const entry = { name: tensor.name, shape: tensor.shape, scale: tensor.scale, offset };
      offset += sizeOf(tensor.shape);
      return entry;
    });
  if (lang === 'noir' && shape.first) layout.inputs = tensors(shape.inputs);
  if (!shape.first) layout.inCommitment = offset++;
  if (shape.last) layout.outputs = tensors(shape.outputs);
  else layout.outCommitment = offset++;
  if (lang === 'circom' && shape.first) layout.inputs = tensors(shape.inputs);
  layout.publicCount = offset;
  return layout;
}

/**
 * One chunk as a circuit: the sub-graph composed as one model (`Model` / `model`, unchanged), and a
 * main around it that takes the chunk's input activations (public for the first chunk, private
 * otherwise), exposes the Poseidon commitment of the inputs (but for the first chunk), and the
 * commitment of the outputs (or, for the last chunk, the model outputs themselves).
 */
export function composeChunk(chunk: GraphChunk, lang: Lang): ComposedCircuit {
  return lang === 'circom' ? circomChunk(chunk) : noirChunk(chunk);
}

function circomChunk(chunk: GraphChunk): ComposedCircuit {
  const { graph, first, last } = chunk;
  const model = composeCircom(graph);
  const mainLine = /^component main .*= Model\(\);$/m;
  if (!mainLine.test(model.files['model.circom'])) throw new Error('the composed Circom model has no `component main = Model()` line (a prover bug)');
  const lines = [
    'pragma circom 2.1.0;',
    '',
    'include "model.circom";',
    CIRCOM_POSEIDON_INCLUDE,
    '',
    `// Chunk ${chunk.index}: layers ${graph.layers.map((layer) => layer.node).join(', ')}.`,
    'template Chunk() {',
    ...graph.inputs.map((input, k) => `    signal input in${k}[${sizeOf(input.shape)}];`),
    ...(first ? [] : ['    signal output inCommitment;']),
    ...(last ? graph.outputs.map((output, k) => `    signal output out${k}[${sizeOf(output.shape)}];`) : ['    signal output outCommitment;']),
    '    component model = Model();',
    ...graph.inputs.map((input, k) => `    for (var i = 0; i < ${sizeOf(input.shape)}; i++) model.in${k}[i] <== in${k}[i];`),
  ];
  if (!first) {
    lines.push('', "    // the commitment of the input activations (the previous chunk's outCommitment)");
    lines.push(...circomCommitmentLines(flatValues(graph.inputs, (k) => `in${k}`), 'inCommitment', 'inHash'));
  }
  if (last) {
    lines.push(...graph.outputs.map((output, k) => `    for (var i = 0; i < ${sizeOf(output.shape)}; i++) out${k}[i] <== model.out${k}[i];`));
  } else {
    lines.push('', "    // the commitment of the output activations (the next chunk's inCommitment)");
    lines.push(...circomCommitmentLines(flatValues(graph.outputs, (k) => `model.out${k}`), 'outCommitment', 'outHash'));
  }
  const publics = first ? ` {public [${graph.inputs.map((_, k) => `in${k}`).join(', ')}]}` : '';
  lines.push('}', '', `component main${publics} = Chunk();`, '');
  return {
    ...model,
    files: { ...model.files, ...circomCommitmentFiles(), 'model.circom': model.files['model.circom'].replace(mainLine, ''), 'chunk.circom': lines.join('\n') },
    entry: 'chunk.circom',
    outputNames: chunkOutputNames(chunk),
  };
}

function noirChunk(chunk: GraphChunk): ComposedCircuit {
  const { graph, first, last } = chunk;
  const model = composeNoir(graph);
  const source = model.files['src/main.nr'];
  const signature = /^fn main\(.*\) -> pub .* \{$/m;
  if (!signature.test(source)) throw new Error('the composed Noir model has no `fn main(...) -> pub ...` line (a prover bug)');
  const arrays = (tensors: QuantizedTensor[]) => tensors.map((tensor) => `[Field; ${sizeOf(tensor.shape)}]`);
  const tuple = (types: string[]) => (types.length === 1 ? types[0] : `(${types.join(', ')})`);
  const modelParams = graph.inputs.map((input, k) => `in${k}: [Field; ${sizeOf(input.shape)}]`).join(', ');
  const modelSignature = `fn model(${modelParams}) -> ${tuple(arrays(graph.outputs))} {`;
  const outs = graph.outputs.map((_, k) => `out${k}`);
  const returned: string[] = [];
  const returnTypes: string[] = [];
  const body: string[] = [`    let ${tuple(outs)} = model(${graph.inputs.map((_, k) => `in${k}`).join(', ')});`];
  const commit = (label: string, tensors: QuantizedTensor[], array: (k: number) => string) => {
    body.push(...noirCommitmentLines(flatValues(tensors, array), `${label}_commitment`));
    returned.push(`${label}_commitment`);
    returnTypes.push('Field');
  };
  if (!first) commit('in', graph.inputs, (k) => `in${k}`);
  if (last) {
    returned.push(...outs);
    returnTypes.push(...arrays(graph.outputs));
  } else commit('out', graph.outputs, (k) => outs[k]);
  const params = graph.inputs.map((input, k) => `in${k}: ${first ? 'pub ' : ''}[Field; ${sizeOf(input.shape)}]`).join(', ');
  const main = [
    source.replace(signature, modelSignature).trimEnd(),
    '',
    `// Chunk ${chunk.index}: layers ${graph.layers.map((layer) => layer.node).join(', ')}.`,
    `fn main(${params}) -> pub ${tuple(returnTypes)} {`,
    ...body,
    `    ${tuple(returned)}`,
    '}',
    '',
  ].join('\n');
  return { ...model, files: { ...model.files, 'src/main.nr': main }, outputNames: chunkOutputNames(chunk) };
}

/** Every element of the tensors, in order, as `array(k)[i]`: what a boundary commitment absorbs. */
function flatValues(tensors: QuantizedTensor[], array: (k: number) => string): string[] {
  return tensors.flatMap((tensor, k) => Array.from({ length: sizeOf(tensor.shape) }, (_, i) => `${array(k)}[${i}]`));
}

/** The names the chunk's circuit returns, in order (Noir: the members of the returned tuple). */
export function chunkOutputNames(chunk: GraphChunk): string[] {
  return [...(chunk.first ? [] : ['inCommitment']), ...(chunk.last ? chunk.graph.outputs.map((_, k) => `out${k}`) : ['outCommitment'])];
}
