import { ModelError } from '../onnx/graph.js';
import type { QuantizedGraph, QuantizedLayer, QuantizedTensor } from '../quantize/types.js';

/** `layer`: one proved layer per chunk; a number: that many proved layers per chunk. */
export type ChunkSize = 'layer' | number;

/** One chunk: a sub-graph of consecutive layers, proved as its own circuit. */
export interface GraphChunk {
  index: number;
  /** Chunk 0: its inputs are the model's (public, as in one circuit). */
  first: boolean;
  /** The last chunk: its outputs are the model's (public, as in one circuit). */
  last: boolean;
  /**
   * The layers as a graph: `inputs` are the activations live before the chunk (chunk 0: the model
   * inputs), `outputs` those live after it (the last chunk: the model outputs, in graph order).
   */
  graph: QuantizedGraph;
}

/**
 * Split the quantized graph into chunks of consecutive layers. Layers without constraints of their
 * own (`reshape`) do not count towards a chunk's size and never make a chunk of their own. Between
 * chunks flows every activation still needed later (by a later layer or as a model output), so
 * chunk i's outputs are exactly chunk i+1's inputs and the chunks form a chain, also for graphs
 * whose later layers read earlier activations (residual connections pass through the chunks between).
 */
export function splitGraph(graph: QuantizedGraph, size: ChunkSize): GraphChunk[] {
  const perChunk = size === 'layer' ? 1 : size;
  if (!Number.isInteger(perChunk) || perChunk < 1) throw new ModelError(`--chunk ${size}: expected "layer" or a positive number of layers per chunk`);
  const groups = groupLayers(graph.layers, perChunk);
  const producedAt = new Map<string, number>();
  graph.inputs.forEach((input) => producedAt.set(input.name, -1));
  graph.layers.forEach((layer, index) => producedAt.set(layer.output.name, index));
  const tensors = new Map<string, QuantizedTensor>([...graph.inputs, ...graph.layers.map((layer) => layer.output)].map((tensor) => [tensor.name, tensor]));
  const outputNames = new Set(graph.outputs.map((output) => output.name));
  // The activations live after layer `end` (exclusive): produced before it, needed at or after it.
  const liveAt = (end: number): QuantizedTensor[] =>
    [...tensors.values()].filter((tensor) => {
      if ((producedAt.get(tensor.name) ?? -1) >= end) return false;
      return outputNames.has(tensor.name) || graph.layers.slice(end).some((layer) => layer.inputs.includes(tensor.name));
    });
  let start = 0;
  return groups.map((layers, index) => {
    const end = start + layers.length;
    const first = index === 0;
    const last = index === groups.length - 1;
    const chunk: GraphChunk = {
      index,
      first,
      last,
      graph: { ...graph, inputs: first ? graph.inputs : liveAt(start), outputs: last ? graph.outputs : liveAt(end), layers },
    };
    start = end;
    return chunk;
  });
}

/** Consecutive groups of `perChunk` layers that have constraints, reshape layers riding along. */
function groupLayers(layers: QuantizedLayer[], perChunk: number): QuantizedLayer[][] {
  const groups: QuantizedLayer[][] = [];
  let current: QuantizedLayer[] = [];
  let counted = 0;
  for (const layer of layers) {
    const proved = layer.params.kind !== 'reshape';
    // A full group takes trailing reshapes; the next proved layer starts a new group.
    if (proved && counted === perChunk) {
      groups.push(current);
      current = [];
      counted = 0;
    }
    current.push(layer);
    if (proved) counted++;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
