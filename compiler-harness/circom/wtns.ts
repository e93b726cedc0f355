/**
 * Encode a witness in snarkjs' `.wtns` binary format (version 2): a header section (n8, prime,
 * count) and a values section, little-endian standard form. Lets us prove any witness we hold in
 * memory, including an edited one.
 */
export function encodeWtns(witness: readonly bigint[], prime: bigint): Uint8Array {
  const n8 = 32;
  const headerSize = 4 + n8 + 4;
  const valuesSize = witness.length * n8;
  const bytes = new Uint8Array(12 + (12 + headerSize) + (12 + valuesSize));
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('wtns'), 0);
  view.setUint32(4, 2, true);
  view.setUint32(8, 2, true);
  let at = 12;
  view.setUint32(at, 1, true);
  view.setBigUint64(at + 4, BigInt(headerSize), true);
  at += 12;
  view.setUint32(at, n8, true);
  writeScalar(bytes, at + 4, prime, n8);
  view.setUint32(at + 4 + n8, witness.length, true);
  at += headerSize;
  view.setUint32(at, 2, true);
  view.setBigUint64(at + 4, BigInt(valuesSize), true);
  at += 12;
  for (const value of witness) {
    writeScalar(bytes, at, value, n8);
    at += n8;
  }
  return bytes;
}

function writeScalar(bytes: Uint8Array, offset: number, value: bigint, n8: number): void {
  let rest = value;
  for (let i = 0; i < n8; i++) {
    bytes[offset + i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}
