/**
 * Proves out = Poseidon(value, salt) (circomlib Poseidon(2) over BN254, t = 3): a hiding, binding
 * commitment to one field element. No precondition, no range check: any field elements.
 */
import { sketch, Field, G } from 'zksl';

export default sketch({
  name: 'PoseidonCommitment',
  params: {},
  inputs: () => ({ value: Field, salt: Field }),
  outputs: () => ({ out: Field }),
  body: ({ value, salt }) => ({ out: G.poseidon([value, salt]) }),
});
