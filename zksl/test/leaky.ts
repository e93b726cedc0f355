/** A deliberately under-constrained sketch: the negative twin of every soundness check. */
import { Field, H, sketch, UInt, witness } from '../runtime.js';

export default sketch({
  name: 'Leaky',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: UInt(bits) }),
  outputs: () => ({ q: Field }),
  body: ({ a, b }) => {
    // q <-- a / b and nothing else: any value passes
    const q = witness(Field, H.div(a, b));
    return { q };
  },
});
