/**
 * Everything a sketch may import (`import { sketch, UInt, G, H, witness } from 'zksl'`). The
 * sandbox bundles exactly this module, so it must stay free of I/O and Node APIs.
 */
export { P, mod, toSigned } from './core/field.js';
export { Signal, constant, sum, type Val } from './core/signal.js';
export { Field, Bool, UInt, SInt, Fixed, Arr, Tensor, pub, type SignalType, type ScalarType } from './core/types.js';
export { H, type HintExpr, type Table } from './core/hint.js';
export { witness, witnessArray, assertType, assertRange } from './core/hint.js';
export { sketch, type Sketch, type Params } from './core/sketch.js';
export { G } from './gadgets/index.js';
export type { TestVectors } from './core/run.js';
