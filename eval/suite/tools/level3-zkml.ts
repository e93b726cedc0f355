/** Level-3 tasks: zkML operators on signed fixed-width integers, given as field elements (−x is p − x). */
import { arr, b, n, type TaskDef, type Val, type Values } from './task.js';

const SIGNED = (bits: number, names: string) =>
  `Signed values are field elements: a negative v is p − |v|. ${names} are signed ${bits}-bit integers in [−2^${bits - 1}, 2^${bits - 1}); refuse any value outside that range.`;
export const floorDiv = (a: bigint, d: bigint): bigint => (a >= 0n ? a / d : -((-a + d - 1n) / d));
const grid = (v: Val) => v as bigint[][];
const clamp = (v: bigint, lo: bigint, hi: bigint) => (v < lo ? lo : v > hi ? hi : v);
const bump = (name: string, k = 0) => (h: Values) => {
  const v = h[name];
  if (!Array.isArray(v)) return { ...h, [name]: n(v) + 1n };
  const copy = structuredClone(v) as Val[];
  const flat = Array.isArray(copy[0]) ? (copy as bigint[][])[0] : (copy as bigint[]);
  flat[k] += 1n;
  return { ...h, [name]: copy };
};

export const zkml: TaskDef[] = [
  {
    id: 'l3-relu8', level: 3, category: 'zkml',
    spec: `y[i] = max(x[i], 0) for eight values x[0..7]. ${SIGNED(8, 'x[i]')}`,
    template: 'Relu8', inputs: [['x', [8]]], outputs: [['y', [8]]],
    signature: 'fn main(x: [Field; 8]) -> pub [Field; 8]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.x).map((v) => (v > 0n ? v : 0n)) }),
    accept: [{ x: [-128n, -1n, 0n, 1n, 127n, 5n, -5n, 64n] }],
    reject: [[{ x: [128n, 0n, 0n, 0n, 0n, 0n, 0n, 0n] }, 'x[0] = 128 is not an int8'], [{ x: [0n, -129n, 0n, 0n, 0n, 0n, 0n, 0n] }, 'x[1] = −129 is not an int8']],
    forge: [{ from: 0, outputs: () => ({ y: [-128n, -1n, 0n, 1n, 127n, 5n, -5n, 64n] }), reason: 'negatives passed through' }, { from: 0, outputs: bump('y', 3), reason: 'off by one' }],
    leaks: ['relu'],
  },
  {
    id: 'l3-leaky-relu4', level: 3, category: 'zkml',
    spec: `y[i] = x[i] when x[i] >= 0, else floor(x[i] / 8) (rounded toward −infinity, e.g. −1 → −1, −9 → −2). ${SIGNED(8, 'x[i]')}`,
    template: 'LeakyRelu4', inputs: [['x', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(x: [Field; 4]) -> pub [Field; 4]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.x).map((v) => (v >= 0n ? v : floorDiv(v, 8n))) }),
    accept: [{ x: [-128n, -9n, -1n, 100n] }, { x: [0n, 127n, -8n, -7n] }],
    reject: [[{ x: [200n, 0n, 0n, 0n] }, 'x[0] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ y: [-16n, -1n, 0n, 100n] }), reason: 'rounded toward zero' }, { from: 1, outputs: bump('y', 2), reason: 'off by one' }],
    leaks: ['leaky-relu'],
  },
  {
    id: 'l3-requantize', level: 3, category: 'zkml',
    spec: `Requantize two int32 accumulators to int8: y[i] = clamp(floor((acc[i] · 77 + 2^13) / 2^14), −128, 127) (multiplier 77, shift 14, round half up). ${SIGNED(32, 'acc[i]')}`,
    template: 'Requantize', inputs: [['acc', [2]]], outputs: [['y', [2]]],
    signature: 'fn main(acc: [Field; 2]) -> pub [Field; 2]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.acc).map((v) => clamp(floorDiv(v * 77n + 8192n, 16384n), -128n, 127n)) }),
    accept: [{ acc: [10000n, -10000n] }, { acc: [2147483647n, -2147483648n] }, { acc: [-106n, 106n] }, { acc: [-107n, 107n] }],
    reject: [[{ acc: [2147483648n, 0n] }, 'acc[0] = 2^31 is not an int32']],
    forge: [{ from: 1, outputs: () => ({ y: [2147483647n * 77n / 16384n, -128n] }), reason: 'not clamped' }, { from: 0, outputs: bump('y', 0), reason: 'rounded wrongly' }],
    leaks: ['int8-quantize', 'rescale'],
  },
  {
    id: 'l3-dense2x3', level: 3, category: 'zkml',
    spec: `A dense layer: y[j] = sum over k of W[j][k] · x[k] + bias[j], for x[3], W[2][3] and bias[2]; y is exact (no rescaling). ${SIGNED(8, 'x[k], W[j][k] and bias[j]')}`,
    template: 'Dense2x3', inputs: [['x', [3]], ['W', [2, 3]], ['bias', [2]]], outputs: [['y', [2]]],
    signature: 'fn main(x: [Field; 3], W: [[Field; 3]; 2], bias: [Field; 2]) -> pub [Field; 2]', returnNames: ['y'],
    reference: (i) => ({ y: grid(i.W).map((row, j) => row.reduce((s, w, k) => s + w * arr(i.x)[k], arr(i.bias)[j])) }),
    accept: [{ x: [1n, -2n, 3n], W: [[4n, 5n, -6n], [-128n, 127n, 0n]], bias: [10n, -1n] }],
    reject: [[{ x: [1n, -2n, 3n], W: [[4n, 5n, -6n], [-128n, 128n, 0n]], bias: [10n, -1n] }, 'W[1][1] = 128 is not an int8']],
    forge: [{ from: 0, outputs: bump('y', 1), reason: 'off by one' }, { from: 0, outputs: () => ({ y: [-24n, -382n] }), reason: 'bias left out' }],
    leaks: ['dense', 'matmul'],
  },
  {
    id: 'l3-conv2d', level: 3, category: 'zkml',
    spec: `A 2-D convolution (cross-correlation, stride 1, no padding) of a 3×3 image img with a 2×2 kernel k: out[r][c] = sum over i, j in {0, 1} of img[r + i][c + j] · k[i][j], for r, c in {0, 1}; exact, no rescaling. ${SIGNED(8, 'img and k entries')}`,
    template: 'Conv2d', inputs: [['img', [3, 3]], ['k', [2, 2]]], outputs: [['out', [2, 2]]],
    signature: 'fn main(img: [[Field; 3]; 3], k: [[Field; 2]; 2]) -> pub [[Field; 2]; 2]', returnNames: ['out'],
    reference: (i) => {
      const img = grid(i.img);
      const k = grid(i.k);
      return { out: [0, 1].map((r) => [0, 1].map((c) => img[r][c] * k[0][0] + img[r][c + 1] * k[0][1] + img[r + 1][c] * k[1][0] + img[r + 1][c + 1] * k[1][1])) };
    },
    accept: [{ img: [[1n, 2n, 3n], [4n, 5n, 6n], [7n, 8n, 9n]], k: [[1n, 0n], [0n, -1n]] }, { img: [[-128n, 127n, 0n], [5n, -5n, 9n], [1n, 1n, 1n]], k: [[-128n, -128n], [127n, 3n]] }],
    reject: [[{ img: [[1n, 2n, 3n], [4n, 500n, 6n], [7n, 8n, 9n]], k: [[1n, 0n], [0n, -1n]] }, 'img[1][1] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ out: [[4n, 4n], [4n, 4n]] }), reason: 'convolution (flipped kernel) instead of cross-correlation' }, { from: 1, outputs: bump('out', 1), reason: 'off by one' }],
    leaks: ['conv1d'],
  },
  {
    id: 'l3-avgpool', level: 3, category: 'zkml',
    spec: 'Average pooling of a 4×4 image of unsigned 8-bit integers with 2×2 windows, stride 2: out[r][c] = floor((img[2r][2c] + img[2r][2c+1] + img[2r+1][2c] + img[2r+1][2c+1]) / 4). Refuse any pixel of 2^8 or more.',
    template: 'AvgPool', inputs: [['img', [4, 4]]], outputs: [['out', [2, 2]]],
    signature: 'fn main(img: [[u8; 4]; 4]) -> pub [[u8; 2]; 2]', returnNames: ['out'],
    reference: (i) => {
      const g = grid(i.img);
      return { out: [0, 1].map((r) => [0, 1].map((c) => (g[2 * r][2 * c] + g[2 * r][2 * c + 1] + g[2 * r + 1][2 * c] + g[2 * r + 1][2 * c + 1]) / 4n)) };
    },
    accept: [{ img: [[1n, 2n, 3n, 4n], [5n, 6n, 7n, 8n], [255n, 255n, 0n, 0n], [255n, 254n, 0n, 3n]] }],
    reject: [[{ img: [[1n, 2n, 3n, 4n], [5n, 6n, 7n, 8n], [256n, 255n, 0n, 0n], [255n, 254n, 0n, 3n]] }, 'a pixel needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ out: [[4n, 6n], [255n, 1n]] }), reason: 'rounded up' }, { from: 0, outputs: bump('out', 0), reason: 'off by one' }],
    leaks: ['average-pool'],
  },
  {
    id: 'l3-maxpool', level: 3, category: 'zkml',
    spec: 'Max pooling of a 4×4 image of unsigned 8-bit integers with 2×2 windows, stride 2: out[r][c] = the maximum of img[2r][2c], img[2r][2c+1], img[2r+1][2c], img[2r+1][2c+1]. Refuse any pixel of 2^8 or more.',
    template: 'MaxPool', inputs: [['img', [4, 4]]], outputs: [['out', [2, 2]]],
    signature: 'fn main(img: [[u8; 4]; 4]) -> pub [[u8; 2]; 2]', returnNames: ['out'],
    reference: (i) => {
      const g = grid(i.img);
      const m = (...v: bigint[]) => v.reduce((p, q) => (q > p ? q : p));
      return { out: [0, 1].map((r) => [0, 1].map((c) => m(g[2 * r][2 * c], g[2 * r][2 * c + 1], g[2 * r + 1][2 * c], g[2 * r + 1][2 * c + 1]))) };
    },
    accept: [{ img: [[1n, 2n, 3n, 4n], [5n, 6n, 7n, 8n], [255n, 255n, 0n, 0n], [255n, 254n, 0n, 3n]] }],
    reject: [[{ img: [[1n, 2n, 3n, 4n], [5n, 6n, 7n, 999n], [255n, 255n, 0n, 0n], [255n, 254n, 0n, 3n]] }, 'a pixel needs 10 bits']],
    forge: [{ from: 0, outputs: () => ({ out: [[5n, 8n], [255n, 3n]] }), reason: 'a non-maximal element of a window' }, { from: 0, outputs: () => ({ out: [[7n, 8n], [255n, 3n]] }), reason: 'a value larger than the window maximum' }],
    leaks: ['max-pool'],
  },
  {
    id: 'l3-argmax-int8', level: 3, category: 'zkml',
    spec: `idx = the index (0..5) of the largest of six values x[0..5]; on a tie the smallest index wins. ${SIGNED(8, 'x[i]')}`,
    template: 'ArgmaxInt8', inputs: [['x', [6]]], outputs: [['idx', []]],
    signature: 'fn main(x: [Field; 6]) -> pub u8', returnNames: ['idx'],
    reference: (i) => {
      const x = arr(i.x);
      let best = 0;
      x.forEach((v, k) => (v > x[best] ? (best = k) : 0));
      return { idx: BigInt(best) };
    },
    accept: [{ x: [-5n, -1n, -128n, -1n, -7n, -2n] }, { x: [3n, 127n, 0n, 127n, -128n, 9n] }],
    reject: [[{ x: [-5n, -1n, 128n, -1n, -7n, -2n] }, 'x[2] = 128 is not an int8']],
    forge: [{ from: 0, outputs: () => ({ idx: 3n }), reason: 'the later of two tied maxima' }, { from: 0, outputs: () => ({ idx: 2n }), reason: 'the largest as an unsigned field element (−128 = p − 128)' }],
    leaks: ['argmax', 'argmax-classifier'],
  },
  {
    id: 'l3-dequantize', level: 3, category: 'zkml',
    spec: `Dequantize int8 values with zero point 3 and scale 5: y[i] = (q[i] − 3) · 5 (a signed result). ${SIGNED(8, 'q[i]')}`,
    template: 'Dequantize', inputs: [['q', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(q: [Field; 4]) -> pub [Field; 4]', returnNames: ['y'],
    reference: (i) => ({ y: arr(i.q).map((v) => (v - 3n) * 5n) }),
    accept: [{ q: [-128n, 0n, 3n, 127n] }],
    reject: [[{ q: [-129n, 0n, 3n, 127n] }, 'q[0] is not an int8']],
    forge: [{ from: 0, outputs: bump('y', 2), reason: 'off by one' }, { from: 0, outputs: () => ({ y: [-625n, 15n, 30n, 650n] }), reason: 'zero point added instead of subtracted' }],
    leaks: ['int8-dequantize'],
  },
  {
    id: 'l3-matmul2x2', level: 3, category: 'zkml',
    spec: `C = A · B for 2×2 matrices: C[i][j] = A[i][0]·B[0][j] + A[i][1]·B[1][j], exact. ${SIGNED(8, 'the entries of A and B')}`,
    template: 'Matmul2x2', inputs: [['A', [2, 2]], ['B', [2, 2]]], outputs: [['C', [2, 2]]],
    signature: 'fn main(A: [[Field; 2]; 2], B: [[Field; 2]; 2]) -> pub [[Field; 2]; 2]', returnNames: ['C'],
    reference: (i) => {
      const [A, B] = [grid(i.A), grid(i.B)];
      return { C: [0, 1].map((r) => [0, 1].map((c) => A[r][0] * B[0][c] + A[r][1] * B[1][c])) };
    },
    accept: [{ A: [[1n, 2n], [3n, 4n]], B: [[5n, -6n], [-128n, 127n]] }],
    reject: [[{ A: [[1n, 2n], [3n, 4n]], B: [[5n, -6n], [-128n, 255n]] }, 'B[1][1] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ C: [[-13n, -14n], [253n, 252n]] }), reason: 'B · A instead of A · B' }, { from: 0, outputs: bump('C', 0), reason: 'off by one' }],
    leaks: ['matmul'],
  },
  {
    id: 'l3-attention-scores', level: 3, category: 'zkml',
    spec: `One attention score row: s[j] = floor((q · K[j]) / 2) for a query q[4] and three keys K[3][4] (the dot product scaled by 1/sqrt(4), rounded toward −infinity). ${SIGNED(8, 'q and K entries')}`,
    template: 'AttentionScores', inputs: [['q', [4]], ['K', [3, 4]]], outputs: [['s', [3]]],
    signature: 'fn main(q: [Field; 4], K: [[Field; 4]; 3]) -> pub [Field; 3]', returnNames: ['s'],
    reference: (i) => ({ s: grid(i.K).map((k) => floorDiv(k.reduce((acc, v, d) => acc + v * arr(i.q)[d], 0n), 2n)) }),
    accept: [{ q: [1n, -2n, 3n, -5n], K: [[1n, 1n, 1n, 1n], [-128n, 127n, -128n, 127n], [0n, 0n, 0n, 1n]] }],
    reject: [[{ q: [1n, -2n, 3n, -5n], K: [[1n, 1n, 1n, 1n], [-128n, 127n, -128n, 127n], [0n, 0n, 0n, 128n]] }, 'K[2][3] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ s: [-1n, -700n, -2n] }), reason: 'rounded toward zero' }, { from: 0, outputs: bump('s', 0), reason: 'one score off by one' }],
    leaks: ['inner-product', 'softmax'],
  },
  {
    id: 'l3-sq-distance', level: 3, category: 'zkml',
    spec: `out = sum over i of (a[i] − b[i])^2 for two vectors a[4], b[4]. ${SIGNED(8, 'a[i] and b[i]')}`,
    template: 'SqDistance', inputs: [['a', [4]], ['b', [4]]], outputs: [['out', []]],
    signature: 'fn main(a: [Field; 4], b: [Field; 4]) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: arr(i.a).reduce((s, v, k) => s + (v - arr(i.b)[k]) ** 2n, 0n) }),
    accept: [{ a: [1n, 2n, 3n, 4n], b: [4n, 3n, 2n, 1n] }, { a: [-128n, 127n, 0n, 0n], b: [127n, -128n, 0n, 0n] }],
    reject: [[{ a: [1n, 2n, 3n, 4n], b: [4n, 3n, 2n, 300n] }, 'b[3] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ out: 0n }), reason: 'distance zero' }, { from: 1, outputs: bump('out'), reason: 'off by one' }],
  },
  {
    id: 'l3-l1-norm', level: 3, category: 'zkml',
    spec: `out = sum over i of |x[i]| for six values x[0..5]. ${SIGNED(8, 'x[i]')}`,
    template: 'L1Norm', inputs: [['x', [6]]], outputs: [['out', []]],
    signature: 'fn main(x: [Field; 6]) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: arr(i.x).reduce((s, v) => s + (v < 0n ? -v : v), 0n) }),
    accept: [{ x: [-128n, 127n, -1n, 0n, 5n, -6n] }],
    reject: [[{ x: [-128n, 127n, -1n, 0n, 5n, -300n] }, 'x[5] is not an int8']],
    forge: [{ from: 0, outputs: () => ({ out: -3n }), reason: 'plain sum instead of absolute values' }, { from: 0, outputs: bump('out'), reason: 'off by one' }],
    leaks: ['abs-signed'],
  },
  {
    id: 'l3-threshold-classifier', level: 3, category: 'zkml',
    spec: `A linear classifier: out = 1 when 3·x[0] − 2·x[1] + 5·x[2] + 10 >= 0, else 0. ${SIGNED(8, 'x[i]')}`,
    template: 'ThresholdClassifier', inputs: [['x', [3]]], outputs: [['out', []]],
    signature: 'fn main(x: [Field; 3]) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(3n * arr(i.x)[0] - 2n * arr(i.x)[1] + 5n * arr(i.x)[2] + 10n >= 0n) }),
    accept: [{ x: [0n, 5n, 0n] }, { x: [0n, 6n, 0n] }, { x: [-128n, 127n, -128n] }, { x: [127n, -128n, 127n] }],
    reject: [[{ x: [0n, 0n, 128n] }, 'x[2] is not an int8']],
    forge: [{ from: 1, outputs: (h) => ({ out: 1n - n(h.out) }), reason: 'score −2 classified positive' }, { from: 0, outputs: (h) => ({ out: 1n - n(h.out) }), reason: 'score 0 classified negative' }],
    leaks: ['dense', 'argmax-classifier'],
  },
];
