/** The BN254 scalar field, where both Circom (snarkjs) and Noir (bb) circuits compute. */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** `value` as a field element in [0, p): negative integers wrap (−1 → p − 1). */
export function toField(value: bigint): bigint {
  const r = value % FIELD_MODULUS;
  return r < 0n ? r + FIELD_MODULUS : r;
}

export function pow5(x: bigint): bigint {
  const x2 = (x * x) % FIELD_MODULUS;
  return (((x2 * x2) % FIELD_MODULUS) * x) % FIELD_MODULUS;
}

/** A commitment as the `0x`-prefixed 64-digit hex string zkcoder prints and records. */
export function commitmentHex(value: bigint): string {
  return `0x${toField(value).toString(16).padStart(64, '0')}`;
}
