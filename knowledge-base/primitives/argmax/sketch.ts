/**
 * Proves out = argmax(x), the FIRST index of the largest of n signed values x[i] in SInt(bits)
 * (a later tie is refused). Every x[i] is range-checked to SInt(bits) (the input type).
 */
import { sketch, SInt, Field, Arr, G } from 'zksl';

export default sketch({
  name: 'Argmax',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: () => ({ out: Field }),
  body: ({ x }, { bits }) => ({ out: G.argmax(x, { bits, signed: true }).index }),
});
