import { attributeInts, attributeNumber, formatShape, sizeOf } from '../onnx/graph.js';
import { activationInput, nodeError, type OperatorDefinition } from './operator.js';

/** Transpose and Concat move integers without arithmetic: Noir builds a new array, Circom's --O1 merges the copies. */
export const transpose: OperatorDefinition = {
  op: 'Transpose',
  kb: [],
  summary: 'permutes axes (perm, default reversed); no constraints',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const rank = x.shape.length;
    const perm = attributeInts(node, 'perm') ?? x.shape.map((_, axis) => rank - 1 - axis);
    if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((axis, index) => axis !== index)) throw nodeError(node, `perm ${perm.join(',')} is not a permutation of ${rank} axes`);
    const shape = perm.map((axis) => x.shape[axis]);
    const strides = x.shape.map((_, axis) => sizeOf(x.shape.slice(axis + 1)));
    const sources: [number, number][] = [];
    const index = new Array<number>(rank).fill(0);
    for (let flat = 0; flat < sizeOf(shape); flat++) {
      sources.push([0, index.reduce((sum, at, axis) => sum + at * strides[perm[axis]], 0)]);
      for (let axis = rank - 1; axis >= 0; axis--) {
        if (++index[axis] < shape[axis]) break;
        index[axis] = 0;
      }
    }
    return { inputs: [x.name], shape, scale: x.scale, params: { kind: 'gather', sources } };
  },
};

export const concat: OperatorDefinition = {
  op: 'Concat',
  kb: [],
  summary: 'joins activations of one scale along axis; no constraints',
  quantize(node, context) {
    const parts = node.inputs.map((_, position) => activationInput(node, context, position));
    const first = parts[0];
    const rank = first.shape.length;
    const raw = attributeNumber(node, 'axis', Number.NaN);
    if (!Number.isInteger(raw) || raw < -rank || raw >= rank) throw nodeError(node, `axis ${raw}: an axis in [-${rank}, ${rank}) is required`);
    const axis = raw < 0 ? raw + rank : raw;
    for (const part of parts) {
      if (part.scale !== first.scale) throw nodeError(node, `activations at scales 2^${first.scale} and 2^${part.scale}: only equal scales are supported`);
      if (part.shape.length !== rank || part.shape.some((dim, at) => at !== axis && dim !== first.shape[at])) throw nodeError(node, `${formatShape(part.shape)} does not fit ${formatShape(first.shape)} outside axis ${axis}`);
    }
    const outer = sizeOf(first.shape.slice(0, axis));
    const sources: [number, number][] = [];
    for (let o = 0; o < outer; o++) {
      parts.forEach((part, position) => {
        const block = sizeOf(part.shape.slice(axis));
        for (let i = 0; i < block; i++) sources.push([position, o * block + i]);
      });
    }
    const shape = first.shape.map((dim, at) => (at === axis ? parts.reduce((sum, part) => sum + part.shape[axis], 0) : dim));
    return { inputs: parts.map((part) => part.name), shape, scale: first.scale, params: { kind: 'gather', sources } };
  },
};
