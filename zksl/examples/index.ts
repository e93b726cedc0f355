/** The example sketches with their vectors, by file name. */
import type { TestVectors } from '../core/run.js';
import type { Sketch } from '../core/sketch.js';
import * as argmax from './argmax.js';
import * as bitDecomposition from './bit-decomposition.js';
import * as divMod from './div-mod.js';
import * as expLookup from './exp-lookup.js';
import * as fixedMul from './fixed-mul.js';
import * as innerProduct from './inner-product.js';
import * as isZero from './is-zero.js';
import * as lessThanSigned from './less-than-signed.js';
import * as mux from './mux.js';
import * as rangeCheck from './range-check.js';
import * as reluVector from './relu-vector.js';
import * as softmax from './softmax.js';

export interface Example {
  file: string;
  sketch: Sketch;
  vectors: TestVectors;
}

const modules: [string, { default: unknown; vectors: TestVectors }][] = [
  ['range-check', rangeCheck],
  ['bit-decomposition', bitDecomposition],
  ['less-than-signed', lessThanSigned],
  ['is-zero', isZero],
  ['mux', mux],
  ['div-mod', divMod],
  ['fixed-mul', fixedMul],
  ['relu-vector', reluVector],
  ['argmax', argmax],
  ['inner-product', innerProduct],
  ['exp-lookup', expLookup],
  ['softmax', softmax],
];

export const examples: Example[] = modules.map(([file, m]) => ({ file: `${file}.ts`, sketch: m.default as Sketch, vectors: m.vectors }));
