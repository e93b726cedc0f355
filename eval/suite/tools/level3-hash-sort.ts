/** Level-3 tasks: Merkle trees, commitments and sorting, built on a small algebraic hash H both languages compute. */
import { arr, b, mod, n, P, type TaskDef, type Val, type Values } from './task.js';

/** H(a, b): s = a; s = (s + b + i + 1)^5 for i = 0..3. Not a cryptographic hash: it only has to be identical in both languages. */
export const HASH = 'H(a, b) is defined as: s = a; for i = 0, 1, 2, 3: s = (s + b + i + 1)^5 mod p (p the BN254 scalar field prime); H(a, b) = s. Use exactly this function (it is not a real hash; it only has to be identical in both languages).';
export function H(a: bigint, c: bigint): bigint {
  let s = mod(a);
  for (let i = 0n; i < 4n; i++) {
    const u = mod(s + c + i + 1n);
    s = mod(u * u * u * u * u);
  }
  return s;
}

function root(leaf: bigint, siblings: bigint[], indices: bigint[]): bigint {
  let node = leaf;
  siblings.forEach((sib, i) => (node = indices[i] === 1n ? H(sib, node) : H(node, sib)));
  return node;
}

const flipBit = (name: string) => (h: Values) => ({ ...h, [name]: 1n - n(h[name]) });
const plusOne = (name: string) => (h: Values) => ({ ...h, [name]: mod(n(h[name]) + 1n) });
const PATH = 'path_indices[i] = 1 means the current node is the right child at level i (its sibling path_elements[i] on the left): node = H(sibling, node); 0 means node = H(node, sibling). Level 0 is the leaf level. Every path index must be 0 or 1: refuse any other value.';
const sib = [11n, 22n, 33n];

export const hashTasks: TaskDef[] = [
  {
    id: 'l3-merkle-root3', level: 3, category: 'merkle',
    spec: `root = the root of a binary Merkle tree of depth 3 holding leaf, with authentication path path_elements[3] and path_indices[3]. ${PATH} ${HASH}`,
    template: 'MerkleRoot3', inputs: [['leaf', []], ['path_elements', [3]], ['path_indices', [3]]], outputs: [['root', []]],
    signature: 'fn main(leaf: Field, path_elements: [Field; 3], path_indices: [Field; 3]) -> pub Field', returnNames: ['root'],
    reference: (i) => ({ root: root(n(i.leaf), arr(i.path_elements), arr(i.path_indices)) }),
    accept: [{ leaf: 7n, path_elements: sib, path_indices: [0n, 0n, 0n] }, { leaf: 7n, path_elements: sib, path_indices: [1n, 0n, 1n] }],
    reject: [[{ leaf: 7n, path_elements: sib, path_indices: [2n, 0n, 0n] }, 'path index 2 would hash a blend of node and sibling']],
    forge: [{ from: 0, outputs: plusOne('root'), reason: 'a root the path does not lead to' }, { from: 1, outputs: () => ({ root: root(7n, sib, [0n, 1n, 0n]) }), reason: 'the root of another position' }],
    leaks: ['merkle-inclusion'],
  },
  {
    id: 'l3-merkle-leaf-range', level: 3, category: 'merkle',
    spec: `A depth-2 Merkle tree stores leaves H(value, salt). Given value, salt, path_elements[2] and path_indices[2], output root, the tree's root, and refuse any value of 2^16 or more (the membership proof must also show the value is a 16-bit integer). ${PATH} ${HASH}`,
    template: 'MerkleLeafRange', inputs: [['value', []], ['salt', []], ['path_elements', [2]], ['path_indices', [2]]], outputs: [['root', []]],
    signature: 'fn main(value: Field, salt: Field, path_elements: [Field; 2], path_indices: [Field; 2]) -> pub Field', returnNames: ['root'],
    reference: (i) => ({ root: root(H(n(i.value), n(i.salt)), arr(i.path_elements), arr(i.path_indices)) }),
    accept: [{ value: 65535n, salt: 5n, path_elements: [100n, 200n], path_indices: [1n, 0n] }, { value: 0n, salt: 9n, path_elements: [1n, 2n], path_indices: [0n, 1n] }],
    reject: [[{ value: 65536n, salt: 5n, path_elements: [100n, 200n], path_indices: [1n, 0n] }, 'value needs 17 bits'], [{ value: 3n, salt: 5n, path_elements: [100n, 200n], path_indices: [0n, 3n] }, 'path index 3']],
    forge: [{ from: 0, outputs: plusOne('root'), reason: 'wrong root' }, { from: 1, outputs: () => ({ root: root(H(0n, 9n), [1n, 2n], [1n, 1n]) }), reason: 'root for another position' }],
    leaks: ['merkle-inclusion', 'range-check'],
  },
  {
    id: 'l3-hash-chain4', level: 3, category: 'commitment',
    spec: `out = H(H(H(x[0], x[1]), x[2]), x[3]) for four unsigned 32-bit integers x[i]. Refuse any x[i] of 2^32 or more. ${HASH}`,
    template: 'HashChain4', inputs: [['x', [4]]], outputs: [['out', []]],
    signature: 'fn main(x: [u32; 4]) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: H(H(H(arr(i.x)[0], arr(i.x)[1]), arr(i.x)[2]), arr(i.x)[3]) }),
    accept: [{ x: [1n, 2n, 3n, 4n] }, { x: [4294967295n, 0n, 0n, 4294967295n] }],
    reject: [[{ x: [1n, 2n, 4294967296n, 4n] }, 'x[2] needs 33 bits']],
    forge: [{ from: 0, outputs: plusOne('out'), reason: 'wrong digest' }, { from: 0, outputs: () => ({ out: H(H(H(2n, 1n), 3n), 4n) }), reason: 'digest of a reordered input' }],
  },
  {
    id: 'l3-merkle-update', level: 3, category: 'merkle',
    spec: `Replacing one leaf of a depth-2 Merkle tree: given old_leaf, new_leaf and the shared path (path_elements[2], path_indices[2]), output old_root (the root holding old_leaf) and new_root (the root after replacing it by new_leaf at the same position). ${PATH} ${HASH}`,
    template: 'MerkleUpdate', inputs: [['old_leaf', []], ['new_leaf', []], ['path_elements', [2]], ['path_indices', [2]]], outputs: [['old_root', []], ['new_root', []]],
    signature: 'fn main(old_leaf: Field, new_leaf: Field, path_elements: [Field; 2], path_indices: [Field; 2]) -> pub (Field, Field)', returnNames: ['old_root', 'new_root'],
    reference: (i) => ({ old_root: root(n(i.old_leaf), arr(i.path_elements), arr(i.path_indices)), new_root: root(n(i.new_leaf), arr(i.path_elements), arr(i.path_indices)) }),
    accept: [{ old_leaf: 5n, new_leaf: 6n, path_elements: [7n, 8n], path_indices: [1n, 1n] }, { old_leaf: 5n, new_leaf: 5n, path_elements: [7n, 8n], path_indices: [0n, 1n] }],
    reject: [[{ old_leaf: 5n, new_leaf: 6n, path_elements: [7n, 8n], path_indices: [1n, P - 1n] }, 'path index −1']],
    forge: [{ from: 0, outputs: plusOne('new_root'), reason: 'wrong new root' }, { from: 0, outputs: (h) => ({ old_root: h.new_root, new_root: h.old_root }), reason: 'roots swapped' }],
    leaks: ['merkle-inclusion'],
  },
  {
    id: 'l3-nullifier-membership', level: 3, category: 'merkle',
    spec: `A private membership with a nullifier: the tree's leaf is commitment = H(secret, 0); output root (the depth-2 Merkle root of that leaf, from path_elements[2] and path_indices[2]) and nullifier = H(secret, 1). ${PATH} ${HASH}`,
    template: 'NullifierMembership', inputs: [['secret', []], ['path_elements', [2]], ['path_indices', [2]]], outputs: [['root', []], ['nullifier', []]],
    signature: 'fn main(secret: Field, path_elements: [Field; 2], path_indices: [Field; 2]) -> pub (Field, Field)', returnNames: ['root', 'nullifier'],
    reference: (i) => ({ root: root(H(n(i.secret), 0n), arr(i.path_elements), arr(i.path_indices)), nullifier: H(n(i.secret), 1n) }),
    accept: [{ secret: 123456789n, path_elements: [3n, 4n], path_indices: [0n, 1n] }, { secret: 1n, path_elements: [0n, 0n], path_indices: [1n, 1n] }],
    reject: [[{ secret: 1n, path_elements: [3n, 4n], path_indices: [0n, 2n] }, 'path index 2']],
    forge: [{ from: 0, outputs: plusOne('nullifier'), reason: 'a fresh nullifier for the same secret (double spend)' }, { from: 1, outputs: plusOne('root'), reason: 'wrong root' }],
    leaks: ['merkle-inclusion', 'poseidon-commitment'],
  },
  {
    id: 'l3-age-credential', level: 3, category: 'credential',
    spec: `Prove age without revealing it: inputs birth_year and salt (private) and current_year (public); output commitment = H(birth_year, salt). birth_year and current_year are unsigned 16-bit integers; refuse any year of 2^16 or more, and refuse unless current_year − birth_year >= 18 (in particular refuse birth_year > current_year). ${HASH}`,
    template: 'AgeCredential', inputs: [['birth_year', []], ['salt', []], ['current_year', []]], outputs: [['commitment', []]], publicInputs: ['current_year'],
    signature: 'fn main(birth_year: u16, salt: Field, current_year: pub u16) -> pub Field', returnNames: ['commitment'],
    reference: (i) => ({ commitment: H(n(i.birth_year), n(i.salt)) }),
    accept: [{ birth_year: 2000n, salt: 77n, current_year: 2026n }, { birth_year: 2008n, salt: 1n, current_year: 2026n }],
    reject: [[{ birth_year: 2009n, salt: 1n, current_year: 2026n }, '17 years old'], [{ birth_year: 2030n, salt: 1n, current_year: 2026n }, 'born in the future (a careless subtraction wraps around)'], [{ birth_year: 65536n + 2000n, salt: 1n, current_year: 2026n }, 'birth_year needs 17 bits']],
    forge: [{ from: 0, outputs: plusOne('commitment'), reason: 'commitment to another value' }, { from: 1, outputs: () => ({ commitment: H(2000n, 1n) }), reason: 'commitment to another birth year' }],
  },
  {
    id: 'l3-sorted-commit', level: 3, category: 'sorting',
    spec: `Commit to a sorted vector: x[4] are unsigned 16-bit integers that must be in non-decreasing order (x[0] <= x[1] <= x[2] <= x[3]); refuse an unsorted vector and any x[i] of 2^16 or more. Output out = H(H(H(x[0], x[1]), x[2]), x[3]). ${HASH}`,
    template: 'SortedCommit', inputs: [['x', [4]]], outputs: [['out', []]],
    signature: 'fn main(x: [u16; 4]) -> pub Field', returnNames: ['out'],
    reference: (i) => ({ out: H(H(H(arr(i.x)[0], arr(i.x)[1]), arr(i.x)[2]), arr(i.x)[3]) }),
    accept: [{ x: [1n, 5n, 5n, 65535n] }, { x: [0n, 0n, 0n, 0n] }],
    reject: [[{ x: [1n, 5n, 4n, 9n] }, 'x[2] < x[1]'], [{ x: [1n, 2n, 3n, 65536n] }, 'x[3] needs 17 bits'], [{ x: [P - 1n, 0n, 1n, 2n] }, '−1 first: sorted only if compared as field elements mod p']],
    forge: [{ from: 0, outputs: plusOne('out'), reason: 'wrong digest' }],
    leaks: ['sortedness'],
  },
];

const sorted = (x: bigint[]) => [...x].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
const U8 = 'Refuse any element of 2^8 or more.';
export const sortTasks: TaskDef[] = [
  {
    id: 'l3-sort4', level: 3, category: 'sorting',
    spec: `y = x[4] sorted in non-decreasing order, for unsigned 8-bit integers (y must be a permutation of x). ${U8}`,
    template: 'Sort4', inputs: [['x', [4]]], outputs: [['y', [4]]],
    signature: 'fn main(x: [u8; 4]) -> pub [u8; 4]', returnNames: ['y'],
    reference: (i) => ({ y: sorted(arr(i.x)) }),
    accept: [{ x: [9n, 3n, 7n, 1n] }, { x: [5n, 5n, 0n, 255n] }, { x: [1n, 2n, 3n, 4n] }],
    reject: [[{ x: [9n, 3n, 256n, 1n] }, 'x[2] needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ y: [1n, 1n, 1n, 9n] }), reason: 'sorted but not a permutation' }, { from: 0, outputs: () => ({ y: [9n, 7n, 3n, 1n] }), reason: 'a permutation but not sorted' }],
    leaks: ['sortedness'],
  },
  {
    id: 'l3-median3', level: 3, category: 'sorting',
    spec: `out = the median of three unsigned 8-bit integers a, b, c. ${U8}`,
    template: 'Median3', inputs: [['a', []], ['b', []], ['c', []]], outputs: [['out', []]],
    signature: 'fn main(a: u8, b: u8, c: u8) -> pub u8', returnNames: ['out'],
    reference: (i) => ({ out: sorted([n(i.a), n(i.b), n(i.c)])[1] }),
    accept: [{ a: 9n, b: 3n, c: 7n }, { a: 1n, b: 1n, c: 200n }, { a: 255n, b: 0n, c: 128n }],
    reject: [[{ a: 1n, b: 300n, c: 2n }, 'b needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ out: 9n }), reason: 'the maximum' }, { from: 2, outputs: () => ({ out: 127n }), reason: 'not one of the inputs' }],
  },
  {
    id: 'l3-top2', level: 3, category: 'sorting',
    spec: `first = the largest and second = the second largest (counting repeats: [5, 5, 1, 0] gives 5 and 5) of x[4], unsigned 8-bit integers. ${U8}`,
    template: 'Top2', inputs: [['x', [4]]], outputs: [['first', []], ['second', []]],
    signature: 'fn main(x: [u8; 4]) -> pub (u8, u8)', returnNames: ['first', 'second'],
    reference: (i) => ({ first: sorted(arr(i.x))[3], second: sorted(arr(i.x))[2] }),
    accept: [{ x: [4n, 9n, 1n, 7n] }, { x: [5n, 5n, 1n, 0n] }, { x: [0n, 0n, 0n, 0n] }],
    reject: [[{ x: [4n, 9n, 1n, 256n] }, 'x[3] needs 9 bits']],
    forge: [{ from: 0, outputs: () => ({ first: 9n, second: 9n }), reason: 'the maximum counted twice' }, { from: 1, outputs: () => ({ first: 5n, second: 1n }), reason: 'repeat not counted' }],
  },
  {
    id: 'l3-all-distinct5', level: 3, category: 'sorting',
    spec: 'out = 1 when the five unsigned 16-bit integers x[0..4] are pairwise distinct, else 0. Refuse any element of 2^16 or more.',
    template: 'AllDistinct5', inputs: [['x', [5]]], outputs: [['out', []]],
    signature: 'fn main(x: [u16; 5]) -> pub bool', returnNames: ['out'],
    reference: (i) => ({ out: b(new Set(arr(i.x)).size === 5) }),
    accept: [{ x: [1n, 2n, 3n, 4n, 5n] }, { x: [1n, 2n, 3n, 4n, 1n] }, { x: [0n, 65535n, 7n, 7n, 9n] }],
    reject: [[{ x: [1n, 2n, 3n, 4n, 65537n] }, 'x[4] needs 17 bits (a careless circuit sees 65537 ≠ 1)']],
    forge: [{ from: 1, outputs: flipBit('out'), reason: 'a repeat claimed distinct' }, { from: 0, outputs: flipBit('out'), reason: 'distinct claimed not' }],
  },
];
export type { Val };
