import { attributeNumber, sizeOf, type GraphNode } from '../onnx/graph.js';
import { activationInput, nodeError, type OperatorDefinition } from './operator.js';
import { axesOf, normalizeAxes } from './shape.js';

/**
 * ReduceSum / ReduceMean over `axes` (the input from opset 13 / 18, else the attribute; all axes
 * when absent unless noop_with_empty_axes = 1), keepdims 0 or 1 (default 1). Each output lists the
 * row-major input indices it reduces: the sum is exact, the mean is floor(sum / count).
 */
function reduceOperator(op: 'ReduceSum' | 'ReduceMean'): OperatorDefinition {
  const mean = op === 'ReduceMean';
  return {
    op,
    kb: [mean ? 'average-pool' : 'range-check'],
    summary: mean ? 'mean over axes (keepdims), floor(sum / count) toward -infinity' : 'exact sum over axes (keepdims), range-checked',
    quantize(node: GraphNode, context) {
      const x = activationInput(node, context, 0);
      const rank = x.shape.length;
      const keepdims = attributeNumber(node, 'keepdims', 1);
      if (keepdims !== 0 && keepdims !== 1) throw nodeError(node, `keepdims ${keepdims}: use 0 or 1`);
      const noop = attributeNumber(node, 'noop_with_empty_axes', 0);
      if (noop !== 0 && noop !== 1) throw nodeError(node, `noop_with_empty_axes ${noop}: use 0 or 1`);
      const given = axesOf(node, context, 1) ?? [];
      if (given.length === 0 && noop === 1) return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'reshape' } };
      const axes = given.length === 0 ? x.shape.map((_, axis) => axis) : normalizeAxes(node, given, rank);
      const kept = x.shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
      const groups: number[][] = Array.from({ length: sizeOf(kept) }, () => []);
      const index = new Array<number>(rank).fill(0);
      for (let flat = 0; flat < sizeOf(x.shape); flat++) {
        const target = index.reduce((acc, at, axis) => acc * kept[axis] + (axes.includes(axis) ? 0 : at), 0);
        groups[target].push(flat);
        for (let axis = rank - 1; axis >= 0; axis--) {
          if (++index[axis] < x.shape[axis]) break;
          index[axis] = 0;
        }
      }
      const shape = keepdims === 1 ? kept : x.shape.filter((_, axis) => !axes.includes(axis));
      return { inputs: [x.name], shape, scale: x.scale, params: { kind: 'reduce', mean, groups } };
    },
  };
}

export const reduceSum = reduceOperator('ReduceSum');
export const reduceMean = reduceOperator('ReduceMean');
