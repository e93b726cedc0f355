/**
 * Proves out is the root of a binary Merkle tree of depth `depth` (circomlib Poseidon(2) per level)
 * holding leaf at the position path_indices (bit i = 1: the node is the right child at level i,
 * path_elements[i] its left sibling). Every path index is constrained boolean (its input type).
 */
import { sketch, Field, Bool, Arr, G } from 'zksl';

export default sketch({
  name: 'MerkleInclusion',
  params: { depth: 3 },
  inputs: ({ depth }) => ({ leaf: Field, path_elements: Arr(Field, depth), path_indices: Arr(Bool, depth) }),
  outputs: () => ({ out: Field }),
  body: ({ leaf, path_elements, path_indices }, { depth }) => {
    let node = leaf;
    for (let i = 0; i < depth; i++) {
      // index 0: hash(node, sibling); index 1: hash(sibling, node) — one product per level
      const left = G.select(path_indices[i], path_elements[i], node);
      const right = node.add(path_elements[i]).sub(left);
      node = G.poseidon([left, right]);
    }
    return { out: node };
  },
});
