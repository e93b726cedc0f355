/** Level-2 tasks: comparison and arithmetic on fixed-width unsigned integers and field elements. */
import { b, inv, n, P, type TaskDef, type Values } from './task.js';

const flip = (name: string) => (h: Values) => ({ ...h, [name]: 1n - n(h[name]) });

export const comparison: TaskDef[] = [
  {
    id: 'l2-compare-lt8', level: 2, category: 'comparison',
    spec: 'out = 1 when a < b, else 0, for unsigned 8-bit integers a and b. Refuse any input of 2^8 or more (a comparator that does not range-check its inputs gives wrong answers for them).',
    template: 'Lt8', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u8, b: u8) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(n(i.a) < n(i.b)) }),
    accept: [{ a: 3n, b: 200n }, { a: 200n, b: 3n }, { a: 7n, b: 7n }, { a: 0n, b: 255n }],
    reject: [[{ a: 256n, b: 3n }, 'a needs 9 bits'], [{ a: 3n, b: 1000n }, 'b needs 10 bits']],
    forge: [{ from: 0, outputs: flip('out'), reason: '3 < 200 claimed false' }, { from: 2, outputs: flip('out'), reason: '7 < 7 claimed true' }],
    leaks: ['less-than'],
  },
  {
    id: 'l2-compare-lte16', level: 2, category: 'comparison',
    spec: 'out = 1 when a <= b, else 0, for unsigned 16-bit integers a and b. Refuse any input of 2^16 or more.',
    template: 'Lte16', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u16, b: u16) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(n(i.a) <= n(i.b)) }),
    accept: [{ a: 500n, b: 500n }, { a: 501n, b: 500n }, { a: 0n, b: 65535n }],
    reject: [[{ a: 65536n, b: 0n }, 'a needs 17 bits']],
    forge: [{ from: 0, outputs: flip('out'), reason: 'equal values claimed not <=' }, { from: 1, outputs: flip('out'), reason: '501 <= 500 claimed true' }],
    leaks: ['less-eq-than'],
  },
  {
    id: 'l2-compare-gt32', level: 2, category: 'comparison',
    spec: 'out = 1 when a > b, else 0, for unsigned 32-bit integers a and b. Refuse any input of 2^32 or more.',
    template: 'Gt32', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u32, b: u32) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(n(i.a) > n(i.b)) }),
    accept: [{ a: 4294967295n, b: 0n }, { a: 1n, b: 4294967295n }, { a: 99n, b: 99n }],
    reject: [[{ a: 4294967296n, b: 0n }, 'a needs 33 bits']],
    forge: [{ from: 0, outputs: flip('out'), reason: 'max > 0 claimed false' }, { from: 2, outputs: flip('out'), reason: '99 > 99 claimed true' }],
    leaks: ['greater-than'],
  },
  {
    id: 'l2-compare-max16', level: 2, category: 'comparison',
    spec: 'out = max(a, b) for unsigned 16-bit integers a and b. Refuse any input of 2^16 or more.',
    template: 'Max16', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u16, b: u16) -> pub u16', returnNames: ['out'],
    reference: (i) => ({ out: n(i.a) > n(i.b) ? n(i.a) : n(i.b) }),
    accept: [{ a: 10n, b: 20n }, { a: 65535n, b: 1n }, { a: 7n, b: 7n }],
    reject: [[{ a: 70000n, b: 1n }, 'a needs 17 bits']],
    forge: [{ from: 0, outputs: () => ({ out: 10n }), reason: 'claims the minimum' }, { from: 1, outputs: () => ({ out: 65536n }), reason: 'claims a value above both' }],
    leaks: ['max'],
  },
  {
    id: 'l2-compare-min3', level: 2, category: 'comparison',
    spec: 'out = min(a, b, c) for unsigned 8-bit integers a, b, c. Refuse any input of 2^8 or more.',
    template: 'Min3', inputs: [['a', []], ['b', []], ['c', []]], outputs: [['out', []]],
    signature: 'fn main(a: u8, b: u8, c: u8) -> pub u8', returnNames: ['out'],
    reference: (i) => ({ out: [n(i.a), n(i.b), n(i.c)].reduce((m, x) => (x < m ? x : m)) }),
    accept: [{ a: 30n, b: 20n, c: 10n }, { a: 5n, b: 200n, c: 9n }, { a: 255n, b: 255n, c: 255n }],
    reject: [[{ a: 1n, b: 2n, c: 256n }, 'c needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ out: 20n }), reason: 'the middle value' }, { from: 1, outputs: () => ({ out: 0n }), reason: 'a value below all three' }],
    leaks: ['min'],
  },
  {
    id: 'l2-compare-in-range16', level: 2, category: 'comparison',
    spec: 'out = 1 when lo <= x <= hi, else 0, for unsigned 16-bit integers x, lo, hi (lo > hi gives 0). Refuse any input of 2^16 or more.',
    template: 'InRange16', inputs: [['x', []], ['lo', []], ['hi', []]], outputs: [['out', []]],
    signature: 'fn main(x: u16, lo: u16, hi: u16) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(n(i.lo) <= n(i.x) && n(i.x) <= n(i.hi)) }),
    accept: [{ x: 50n, lo: 10n, hi: 100n }, { x: 10n, lo: 10n, hi: 10n }, { x: 101n, lo: 10n, hi: 100n }, { x: 5n, lo: 10n, hi: 100n }],
    reject: [[{ x: 65536n, lo: 0n, hi: 65535n }, 'x needs 17 bits']],
    forge: [{ from: 2, outputs: flip('out'), reason: 'above hi claimed in range' }, { from: 0, outputs: flip('out'), reason: 'inside claimed out of range' }],
    leaks: ['in-range'],
  },
  {
    id: 'l2-compare-argmax3', level: 2, category: 'comparison',
    spec: 'idx = the index (0, 1 or 2) of the largest of x[0], x[1], x[2], unsigned 8-bit integers; on a tie the smallest index wins. Refuse any input of 2^8 or more.',
    template: 'Argmax3', inputs: [['x', [3]]], outputs: [['idx', []]],
    signature: 'fn main(x: [u8; 3]) -> pub u8', returnNames: ['idx'],
    reference: (i) => {
      const x = i.x as bigint[];
      let best = 0;
      for (let k = 1; k < 3; k++) if (x[k] > x[best]) best = k;
      return { idx: BigInt(best) };
    },
    accept: [{ x: [1n, 9n, 3n] }, { x: [7n, 7n, 7n] }, { x: [0n, 4n, 200n] }],
    reject: [[{ x: [1n, 256n, 3n] }, 'x[1] needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ idx: 2n }), reason: 'index of a smaller element' }, { from: 1, outputs: () => ({ idx: 1n }), reason: 'tie must pick index 0' }],
    leaks: ['argmax'],
  },
];

export const arithmetic: TaskDef[] = [
  {
    id: 'l2-arith-divmod8', level: 2, category: 'arithmetic',
    spec: 'Integer division of unsigned 8-bit integers: q = floor(a / b), r = a mod b, so a = q·b + r and 0 <= r < b. Refuse b = 0 and any input of 2^8 or more.',
    template: 'DivMod8', inputs: [['a', []], ['b', []]], outputs: [['q', []], ['r', []]],
    signature: 'fn main(a: u8, b: u8) -> pub (u8, u8)', returnNames: ['q', 'r'],
    reference: (i) => ({ q: n(i.a) / n(i.b), r: n(i.a) % n(i.b) }),
    accept: [{ a: 200n, b: 7n }, { a: 5n, b: 9n }, { a: 255n, b: 1n }],
    reject: [[{ a: 10n, b: 0n }, 'division by zero'], [{ a: 256n, b: 3n }, 'a needs 9 bits']],
    forge: [
      { from: 0, outputs: (h, i) => ({ q: n(h.q) - 1n, r: n(h.r) + n(i.b) }), reason: 'q − 1 and r + b: satisfies a = qb + r but r >= b' },
      { from: 0, outputs: (h, i) => ({ q: n(h.q) + 1n, r: (n(h.r) - n(i.b) + P) % P }), reason: 'q + 1 and a negative remainder' },
    ],
    leaks: ['int-div-rem'],
  },
  {
    id: 'l2-arith-isqrt16', level: 2, category: 'arithmetic',
    spec: 'r = floor(sqrt(x)) for an unsigned 16-bit integer x, i.e. the r with r² <= x < (r + 1)². Refuse x of 2^16 or more.',
    template: 'Isqrt16', inputs: [['x', []]], outputs: [['r', []]],
    signature: 'fn main(x: u16) -> pub u8', returnNames: ['r'],
    reference: (i) => {
      let r = 0n;
      while ((r + 1n) * (r + 1n) <= n(i.x)) r++;
      return { r };
    },
    accept: [{ x: 99n }, { x: 100n }, { x: 65535n }, { x: 0n }],
    reject: [[{ x: 65536n }, 'x needs 17 bits']],
    forge: [{ from: 0, outputs: (h) => ({ r: n(h.r) - 1n }), reason: 'r − 1 also has r² <= x' }, { from: 1, outputs: () => ({ r: P - 10n }), reason: '−10 squares to 100' }],
    leaks: ['int-sqrt'],
  },
  {
    id: 'l2-arith-inverse', level: 2, category: 'arithmetic',
    spec: 'out = the multiplicative inverse of the field element x in the BN254 scalar field (out·x = 1). Refuse x = 0, which has no inverse.',
    template: 'Inverse', inputs: [['x', []]], outputs: [['out', []]],
    signature: 'fn main(x: Field) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: inv(n(i.x)) }),
    accept: [{ x: 2n }, { x: 12345678901234567890n }, { x: P - 1n }],
    reject: [[{ x: 0n }, 'zero has no inverse']],
    forge: [{ from: 0, outputs: (h) => ({ out: n(h.out) + 1n }), reason: 'not the inverse' }, { from: 2, outputs: () => ({ out: 1n }), reason: 'inverse of −1 claimed 1' }],
    leaks: ['field-inverse'],
  },
  {
    id: 'l2-arith-wrapping-add16', level: 2, category: 'arithmetic',
    spec: 'out = (a + b) mod 2^16 for unsigned 16-bit integers a and b (wrapping addition). Refuse any input of 2^16 or more.',
    template: 'WrappingAdd16', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u16, b: u16) -> pub u16', returnNames: ['out'],
    reference: (i) => ({ out: (n(i.a) + n(i.b)) % 65536n }),
    accept: [{ a: 65535n, b: 2n }, { a: 1000n, b: 2000n }, { a: 0n, b: 0n }],
    reject: [[{ a: 65536n, b: 0n }, 'a needs 17 bits']],
    forge: [{ from: 0, outputs: () => ({ out: 65537n }), reason: 'the unreduced sum' }, { from: 1, outputs: () => ({ out: 3000n + 65536n }), reason: 'sum plus 2^16 (carry not range-checked)' }],
  },
  {
    id: 'l2-arith-checked-mul32', level: 2, category: 'arithmetic',
    spec: 'out = a · b for unsigned 32-bit integers a and b, refused when the product does not fit in 32 bits (>= 2^32). Refuse any input of 2^32 or more.',
    template: 'CheckedMul32', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u32, b: u32) -> pub u32', returnNames: ['out'],
    reference: (i) => ({ out: n(i.a) * n(i.b) }),
    accept: [{ a: 65536n, b: 65535n }, { a: 3n, b: 5n }, { a: 4294967295n, b: 1n }],
    reject: [[{ a: 65536n, b: 65536n }, 'product is 2^32'], [{ a: 4294967296n, b: 1n }, 'a needs 33 bits']],
    forge: [{ from: 1, outputs: () => ({ out: 16n }), reason: 'wrong product' }, { from: 0, outputs: (h) => ({ out: n(h.out) + 1n }), reason: 'product off by one' }],
  },
  {
    id: 'l2-arith-average-floor', level: 2, category: 'arithmetic',
    spec: 'out = floor((a + b) / 2) for unsigned 32-bit integers a and b (no overflow: the sum is computed exactly). Refuse any input of 2^32 or more.',
    template: 'AverageFloor', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u32, b: u32) -> pub u32', returnNames: ['out'],
    reference: (i) => ({ out: (n(i.a) + n(i.b)) / 2n }),
    accept: [{ a: 4294967295n, b: 4294967294n }, { a: 3n, b: 4n }, { a: 10n, b: 10n }],
    reject: [[{ a: 4294967296n, b: 0n }, 'a needs 33 bits']],
    forge: [{ from: 1, outputs: () => ({ out: 4n }), reason: 'rounded up' }, { from: 0, outputs: (h, i) => ({ out: ((n(i.a) + n(i.b)) * inv(2n)) % P }), reason: 'field halving of an odd sum' }],
  },
  {
    id: 'l2-arith-abs-diff16', level: 2, category: 'arithmetic',
    spec: 'out = |a − b| for unsigned 16-bit integers a and b. Refuse any input of 2^16 or more.',
    template: 'AbsDiff16', inputs: [['a', []], ['b', []]], outputs: [['out', []]],
    signature: 'fn main(a: u16, b: u16) -> pub u16', returnNames: ['out'],
    reference: (i) => ({ out: n(i.a) > n(i.b) ? n(i.a) - n(i.b) : n(i.b) - n(i.a) }),
    accept: [{ a: 3n, b: 10n }, { a: 65535n, b: 0n }, { a: 42n, b: 42n }],
    reject: [[{ a: 0n, b: 65536n }, 'b needs 17 bits']],
    forge: [{ from: 0, outputs: () => ({ out: P - 7n }), reason: 'a − b without the absolute value (negative)' }, { from: 1, outputs: () => ({ out: 65534n }), reason: 'off by one' }],
    leaks: ['abs-signed'],
  },
];
