import type { QuantizedGraph, QuantizedLayer, QuantizedTensor } from '../quantize/types.js';

/** What one language writes for the graph's inputs and layers; `walkLayers` does the bookkeeping. */
export interface LayerEmitter {
  /** Source lines declaring and range-checking graph input `name` (`in<k>`). */
  input(input: QuantizedTensor, name: string, index: number): string[];
  /** Source lines computing `layer` into the array `name`; `input(position)` names the arrays it reads. */
  layer(layer: QuantizedLayer, name: string, input: (position: number) => string): string[];
}

export interface WalkedGraph {
  /** Input declarations, then per layer a comment and its lines. */
  body: string[];
  /** The array holding each graph output, in graph-output order. */
  outputs: string[];
}

/**
 * The walk both composers share: graph inputs are `in<k>`, each layer's output is `t<index>`, and
 * layers without constraints of their own (`reshape`: the row-major integers are unchanged) alias
 * their input instead of copying it.
 */
export function walkLayers(graph: QuantizedGraph, emit: LayerEmitter): WalkedGraph {
  const names = new Map<string, string>();
  const body: string[] = [];
  graph.inputs.forEach((input, k) => {
    const name = `in${k}`;
    names.set(input.name, name);
    body.push(...emit.input(input, name, k));
  });
  graph.layers.forEach((layer, index) => {
    const input = (position: number) => names.get(layer.inputs[position]) ?? missing(layer, position);
    if (layer.params.kind === 'reshape') {
      names.set(layer.output.name, input(0));
      return;
    }
    const name = `t${index}`;
    names.set(layer.output.name, name);
    body.push('', `    // ${layer.node}: ${layer.op} -> ${layer.output.shape.join('x')} at scale 2^${layer.output.scale}`);
    body.push(...emit.layer(layer, name, input));
  });
  const outputs = graph.outputs.map((output) => names.get(output.name) ?? missingOutput(output));
  return { body, outputs };
}

function missing(layer: QuantizedLayer, position: number): never {
  throw new Error(`layer ${layer.node}: input ${layer.inputs[position]} was not composed before it`);
}

function missingOutput(output: QuantizedTensor): never {
  throw new Error(`graph output ${output.name} is not computed by any layer`);
}
