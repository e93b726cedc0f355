/**
 * Classifier head: class = argmax(x) and score = x[class] for n logits x[i] in SInt(bits) (range-checked).
 * Ties go to the FIRST maximal index; a later tie is refused. Exact (no rounding; any fixed-point scale).
 */
import { Arr, Field, G, SInt, sketch } from 'zksl';

export default sketch({
  name: 'ArgmaxClassifier',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: ({ bits }) => ({ class: Field, score: SInt(bits) }),
  body: ({ x }, { bits }) => {
    const best = G.argmax(x, { bits, signed: true }); // strict comparisons: first occurrence wins
    return { class: best.index, score: best.max };
  },
});
