/** Level-3 tasks: lookup-table activations, softmax, layer norm, classifiers and accounting circuits. */
import { arr, n, type TaskDef, type Val, type Values } from './task.js';
import { floorDiv } from './level3-zkml.js';

const SIGNED8 = (names: string) => `Signed values are field elements: a negative v is p − |v|. ${names} are int8 values in [−128, 127]; refuse any value outside that range.`;
export const GELU = [0n, 0n, 0n, -1n, -1n, -1n, -1n, 0n, 0n, 1n, 1n, 2n, 3n, 4n, 6n, 7n];
export const SIGMOID = [0n, 0n, 1n, 1n, 2n, 3n, 4n, 6n, 8n, 10n, 12n, 13n, 14n, 15n, 15n, 16n];
export const EXP = [256n, 94n, 35n, 13n, 5n, 2n, 1n, 0n];
const table = (t: bigint[]) => t.map(String).join(', ');
const isqrt = (v: bigint) => {
  let r = 0n;
  while ((r + 1n) * (r + 1n) <= v) r++;
  return r;
};
const other = (name: string, value: Val) => () => ({ [name]: value }) as Values;

export const more: TaskDef[] = [
  {
    id: 'l3-gelu-lut', level: 3, category: 'zkml',
    spec: `GELU by lookup table on a Q2 fixed-point input: x is a signed integer in [−8, 7] standing for x/4; y = GELU_TABLE[x + 8], where GELU_TABLE = [${table(GELU)}] (round(4 · gelu(x/4)) with the tanh approximation, listed from x = −8 to 7). Signed values are field elements (−v is p − v). Refuse any x outside [−8, 7].`,
    template: 'GeluLut', inputs: [['x', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(x: [Field; 4]) -> pub [Field; 4]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.x).map((v) => GELU[Number(v + 8n)]) }),
    accept: [{ x: [-8n, -3n, 0n, 7n] }, { x: [-5n, 1n, 4n, 6n] }],
    reject: [[{ x: [8n, 0n, 0n, 0n] }, 'x[0] = 8 is outside the table'], [{ x: [0n, -9n, 0n, 0n] }, 'x[1] = −9 is outside the table']],
    forge: [{ from: 0, outputs: other('y', [0n, -1n, 0n, 6n]), reason: 'y[3] from the wrong row' }, { from: 1, outputs: other('y', [-1n, 1n, 4n, 6n]), reason: 'identity instead of GELU' }],
    leaks: ['gelu-lookup'],
  },
  {
    id: 'l3-sigmoid-lut', level: 3, category: 'zkml',
    spec: `Sigmoid by lookup table: x is a signed integer in [−8, 7] standing for x/2; y = SIGMOID_TABLE[x + 8] in Q4 (16 = 1.0), SIGMOID_TABLE = [${table(SIGMOID)}] (listed from x = −8 to 7). Signed inputs are field elements (−v is p − v). Refuse any x outside [−8, 7].`,
    template: 'SigmoidLut', inputs: [['x', [3]]], outputs: [['y', [3]]],
    signature: 'fn main(x: [Field; 3]) -> pub [Field; 3]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.x).map((v) => SIGMOID[Number(v + 8n)]) }),
    accept: [{ x: [-8n, 0n, 7n] }, { x: [-1n, 1n, 3n] }],
    reject: [[{ x: [0n, 0n, 16n] }, 'x[2] = 16 is outside the table']],
    forge: [{ from: 0, outputs: other('y', [0n, 8n, 15n]), reason: 'wrong entry' }, { from: 1, outputs: other('y', [8n, 8n, 8n]), reason: 'constant one half' }],
    leaks: ['sigmoid-lookup'],
  },
  {
    id: 'l3-softmax4', level: 3, category: 'zkml',
    spec: `A fixed-point softmax row. x[0..3] are unsigned 3-bit integers (0..7); refuse any x[i] of 8 or more. Let m = max(x), e[i] = EXP[m − x[i]] with EXP = [${table(EXP)}] (round(256 · e^−d) for d = 0..7) and S = e[0] + e[1] + e[2] + e[3]. Output y[i] = floor(256 · e[i] / S) (Q8: 256 = 1.0).`,
    template: 'Softmax4', inputs: [['x', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(x: [u8; 4]) -> pub [u32; 4]', returnNames: ['y'],
    reference: (i) => {
      const x = arr(i.x);
      const m = x.reduce((a, v) => (v > a ? v : a));
      const e = x.map((v) => EXP[Number(m - v)]);
      const s = e.reduce((a, v) => a + v, 0n);
      return { y: e.map((v) => (256n * v) / s) };
    },
    accept: [{ x: [7n, 6n, 0n, 7n] }, { x: [0n, 0n, 0n, 0n] }, { x: [3n, 2n, 1n, 0n] }],
    reject: [[{ x: [8n, 0n, 0n, 0n] }, 'x[0] needs 4 bits']],
    forge: [{ from: 1, outputs: other('y', [65n, 63n, 64n, 64n]), reason: 'sums to 256 but not the softmax' }, { from: 2, outputs: (h) => ({ y: arr(h.y).map((v, k) => (k === 0 ? v + 1n : v)) }), reason: 'rounded up' }],
    leaks: ['softmax', 'exp-lookup'],
  },
  {
    id: 'l3-layernorm4', level: 3, category: 'zkml',
    spec: `Integer layer normalisation of x[4]. mu = floor((x[0] + x[1] + x[2] + x[3]) / 4); d[i] = x[i] − mu; v = floor((d[0]² + d[1]² + d[2]² + d[3]²) / 4); sigma = floor(sqrt(v)); y[i] = floor(16 · d[i] / (sigma + 1)) (all floors round toward −infinity). ${SIGNED8('x[i]')}`,
    template: 'LayerNorm4', inputs: [['x', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(x: [Field; 4]) -> pub [Field; 4]', returnNames: ['y'],
    reference: (i) => {
      const x = arr(i.x);
      const mu = floorDiv(x.reduce((a, v) => a + v, 0n), 4n);
      const d = x.map((v) => v - mu);
      const sigma = isqrt(d.reduce((a, v) => a + v * v, 0n) / 4n);
      return { y: d.map((v) => floorDiv(16n * v, sigma + 1n)) };
    },
    accept: [{ x: [1n, 2n, 3n, 4n] }, { x: [-128n, 127n, 0n, -1n] }, { x: [5n, 5n, 5n, 5n] }],
    reject: [[{ x: [1n, 2n, 3n, 400n] }, 'x[3] is not an int8']],
    forge: [{ from: 1, outputs: (h) => ({ y: arr(h.y).map((v, k) => (k === 1 ? v + 1n : v)) }), reason: 'one value rounded up' }, { from: 0, outputs: other('y', [-24n, -8n, 8n, 24n]), reason: 'divided by sigma instead of sigma + 1' }],
    leaks: ['layernorm', 'int-sqrt', 'rsqrt'],
  },
  {
    id: 'l3-nearest-centroid', level: 3, category: 'zkml',
    spec: `k-nearest-centroid classification: idx = the index (0..2) of the centroid c[j] (each of 2 coordinates) with the smallest squared Euclidean distance to the point x[2]; on a tie the smallest index wins. ${SIGNED8('x and c entries')}`,
    template: 'NearestCentroid', inputs: [['x', [2]], ['c', [3, 2]]], outputs: [['idx', []]],
    signature: 'fn main(x: [Field; 2], c: [[Field; 2]; 3]) -> pub u8', returnNames: ['idx'],
    reference: (i) => {
      const x = arr(i.x);
      const d = (i.c as bigint[][]).map((c) => (c[0] - x[0]) ** 2n + (c[1] - x[1]) ** 2n);
      let best = 0;
      d.forEach((v, k) => (v < d[best] ? (best = k) : 0));
      return { idx: BigInt(best) };
    },
    accept: [{ x: [0n, 0n], c: [[10n, 10n], [-3n, 4n], [5n, 0n]] }, { x: [-128n, 127n], c: [[127n, -128n], [-128n, -128n], [-128n, 127n]] }, { x: [0n, 0n], c: [[1n, 0n], [0n, 1n], [0n, 2n]] }],
    reject: [[{ x: [0n, 0n], c: [[10n, 10n], [-3n, 300n], [5n, 0n]] }, 'c[1][1] is not an int8']],
    forge: [{ from: 0, outputs: other('idx', 0n), reason: 'a farther centroid' }, { from: 2, outputs: other('idx', 1n), reason: 'tie must pick index 0' }],
  },
  {
    id: 'l3-dense-relu', level: 3, category: 'zkml',
    spec: `A quantised dense layer with ReLU: z[j] = W[j][0]·x[0] + W[j][1]·x[1] + bias[j], then y[j] = max(floor(z[j] / 64), 0), for j = 0, 1 (floor rounds toward −infinity). ${SIGNED8('x, W and bias entries')}`,
    template: 'DenseRelu', inputs: [['x', [2]], ['W', [2, 2]], ['bias', [2]]], outputs: [['y', [2]]],
    signature: 'fn main(x: [Field; 2], W: [[Field; 2]; 2], bias: [Field; 2]) -> pub [Field; 2]', returnNames: ['y'],
    reference: (i) => ({ y: (i.W as bigint[][]).map((w, j) => { const z = floorDiv(w[0] * arr(i.x)[0] + w[1] * arr(i.x)[1] + arr(i.bias)[j], 64n); return z > 0n ? z : 0n; }) }),
    accept: [{ x: [100n, -50n], W: [[3n, 2n], [-1n, 4n]], bias: [-100n, 127n] }, { x: [127n, 127n], W: [[127n, 127n], [-128n, -128n]], bias: [127n, -128n] }],
    reject: [[{ x: [100n, -50n], W: [[3n, 2n], [-1n, 4n]], bias: [-100n, 128n] }, 'bias[1] is not an int8']],
    forge: [{ from: 0, outputs: other('y', [2n, -5n]), reason: 'ReLU left out' }, { from: 1, outputs: (h) => ({ y: arr(h.y).map((v, k) => (k === 0 ? v + 1n : v)) }), reason: 'rounded up' }],
    leaks: ['dense', 'relu', 'rescale'],
  },
  {
    id: 'l3-saturating-add', level: 3, category: 'zkml',
    spec: `A residual connection in int8: y[i] = clamp(x[i] + r[i], −128, 127). ${SIGNED8('x[i] and r[i]')}`,
    template: 'SaturatingAdd', inputs: [['x', [3]], ['r', [3]]], outputs: [['y', [3]]],
    signature: 'fn main(x: [Field; 3], r: [Field; 3]) -> pub [Field; 3]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.x).map((v, k) => { const s = v + arr(i.r)[k]; return s > 127n ? 127n : s < -128n ? -128n : s; }) }),
    accept: [{ x: [100n, -100n, 5n], r: [100n, -100n, -7n] }],
    reject: [[{ x: [100n, -100n, 5n], r: [100n, -129n, -7n] }, 'r[1] is not an int8']],
    forge: [{ from: 0, outputs: other('y', [200n, -200n, -2n]), reason: 'not saturated' }, { from: 0, outputs: other('y', [127n, -128n, -1n]), reason: 'off by one' }],
    leaks: ['clip'],
  },
  {
    id: 'l3-fixed-mul-q8', level: 3, category: 'zkml',
    spec: `Fixed-point multiplication in Q8.8: a and b are signed 16-bit integers standing for a/256 and b/256; out = floor(a · b / 256) (rounded toward −infinity), a signed value. Signed values are field elements (−v is p − v). Refuse a or b outside [−32768, 32767].`,
    template: 'FixedMulQ8', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: Field, b: Field) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: floorDiv(n(i.a) * n(i.b), 256n) }),
    accept: [{ a: 384n, b: -640n }, { a: -32768n, b: -32768n }, { a: 1n, b: -1n }, { a: 32767n, b: 255n }],
    reject: [[{ a: 32768n, b: 1n }, 'a needs 17 bits']],
    forge: [{ from: 2, outputs: other('out', 0n), reason: 'rounded toward zero' }, { from: 0, outputs: other('out', -961n), reason: 'off by one' }],
    leaks: ['fixed-point-multiply'],
  },
];
