/**
 * The declared types of a compiled circuit's inputs and outputs, read from what the toolchain
 * wrote (Circom: main's signals and their array shapes; Noir: the ABI), so vectors can be matched
 * against them before anything runs: a vector of the wrong shape is a mistake in the vectors file,
 * not a verdict on the circuit.
 */
import type { CircomCompiled } from '../circom/backend.js';
import type { AbiType } from '../noir/acir.js';
import type { NoirCompiledCircuit } from '../noir/backend.js';
import type { CompiledCircuit } from '../types.js';
import { valueProblem } from './schema.js';

export type ValueType =
  | { kind: 'field' }
  /** Noir `u8`, `i32`, …; `bool` is an unsigned integer of width 1. */
  | { kind: 'integer'; name: string; signed: boolean; width: number }
  | { kind: 'string'; length: number }
  | { kind: 'array'; length: number; element: ValueType }
  | { kind: 'tuple'; fields: ValueType[] }
  | { kind: 'struct'; fields: { name: string; type: ValueType }[] };

export interface CircuitValueTypes {
  inputs: Record<string, ValueType>;
  outputs: Record<string, ValueType>;
}

/** The circuit's declared input and output types; undefined for a compiled form we cannot read. */
export function valueTypesOf(compiled: CompiledCircuit): CircuitValueTypes | undefined {
  if (compiled.lang === 'circom' && 'signals' in compiled) {
    const { signals } = compiled as CircomCompiled;
    const typed = (role: (r: string) => boolean) =>
      Object.fromEntries(signals.filter((s) => role(s.role)).map((s) => [s.name, fieldArray(s.shape)]));
    return { inputs: typed((r) => r !== 'output'), outputs: typed((r) => r === 'output') };
  }
  if (compiled.lang === 'noir' && 'program' in compiled) {
    const { abi } = (compiled as NoirCompiledCircuit).program;
    const inputs = Object.fromEntries(abi.parameters.map((p) => [p.name, fromAbi(p.type as AbiType)]));
    const returned: Record<string, ValueType> = abi.return_type ? { return: fromAbi(abi.return_type.abi_type as AbiType) } : {};
    return { inputs, outputs: returned };
  }
  return undefined;
}

function fieldArray(shape: number[]): ValueType {
  return shape.reduceRight<ValueType>((element, length) => ({ kind: 'array', length, element }), { kind: 'field' });
}

function fromAbi(type: AbiType): ValueType {
  switch (type.kind) {
    case 'field':
      return { kind: 'field' };
    case 'boolean':
      return { kind: 'integer', name: 'bool', signed: false, width: 1 };
    case 'integer': {
      const signed = type.sign === 'signed';
      return { kind: 'integer', name: `${signed ? 'i' : 'u'}${type.width}`, signed, width: type.width };
    }
    case 'string':
      return { kind: 'string', length: (type as { length?: number }).length ?? 0 };
    case 'array':
      return { kind: 'array', length: type.length, element: fromAbi(type.type) };
    case 'tuple':
      return { kind: 'tuple', fields: type.fields.map(fromAbi) };
    case 'struct':
      return { kind: 'struct', fields: type.fields.map((f) => ({ name: f.name, type: fromAbi(f.type) })) };
    default:
      return type satisfies never;
  }
}

export interface ShapeProblem {
  /** Path inside the value, e.g. `[1]` or `.a`. */
  path: (string | number)[];
  message: string;
}

/** Why `value` does not have the shape of `type` (or is not made of integers); undefined when it does. */
export function shapeProblem(value: unknown, type: ValueType, path: (string | number)[] = []): ShapeProblem | undefined {
  switch (type.kind) {
    case 'field':
    case 'integer':
      if (Array.isArray(value)) return { path, message: `expected a single value, got an array of ${value.length}` };
      if (isObject(value)) return { path, message: 'expected a single value, got an object' };
      return valueProblem(value, path);
    case 'string':
      return { path, message: `a str<${type.length}> input cannot be given in test vectors (their values are integers)` };
    case 'array':
    case 'tuple': {
      const items = type.kind === 'array' ? Array.from({ length: type.length }, () => type.element) : type.fields;
      const what = `${type.kind === 'array' ? 'an array' : 'a tuple'} of ${items.length}`;
      if (!Array.isArray(value)) return { path, message: `expected ${what}, got ${describe(value)}` };
      if (value.length !== items.length) return { path, message: `expected ${what}, got an array of ${value.length}` };
      for (const [index, item] of items.entries()) {
        const problem = shapeProblem(value[index], item, [...path, index]);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'struct': {
      const names = type.fields.map((f) => f.name);
      if (!isObject(value)) return { path, message: `expected a struct with fields ${names.join(', ')}, got ${describe(value)}` };
      const unknown = Object.keys(value).filter((k) => !names.includes(k));
      if (unknown.length) return { path, message: `"${unknown.join('", "')}" is not a field of the struct (its fields: ${names.join(', ')})` };
      for (const field of type.fields) {
        if (!Object.hasOwn(value, field.name)) return { path, message: `missing field "${field.name}"` };
        const problem = shapeProblem(value[field.name], field.type, [...path, field.name]);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return type satisfies never;
  }
}

/**
 * The first integer leaf outside its declared Noir integer type (`256` for a `u8`, `-1` for a
 * `u8` since it means p − 1, `2` for a `bool`), described for a report; undefined when every leaf
 * fits. Assumes the value has the type's shape.
 */
export function outsideDeclaredType(value: unknown, type: ValueType, where: string): string | undefined {
  switch (type.kind) {
    case 'field':
    case 'string':
      return undefined;
    case 'integer': {
      const n = integerOf(value);
      if (n === undefined) return undefined;
      const [min, max] = type.signed ? [-(1n << BigInt(type.width - 1)), (1n << BigInt(type.width - 1)) - 1n] : [0n, (1n << BigInt(type.width)) - 1n];
      return n < min || n > max ? `${where} = ${n} is outside ${type.name} (${min}..${max})` : undefined;
    }
    case 'array':
    case 'tuple': {
      if (!Array.isArray(value)) return undefined;
      const items = type.kind === 'array' ? value.map(() => type.element) : type.fields;
      return items.map((item, i) => outsideDeclaredType(value[i], item, `${where}[${i}]`)).find((d) => d !== undefined);
    }
    case 'struct': {
      if (!isObject(value)) return undefined;
      return type.fields.map((f) => outsideDeclaredType(value[f.name], f.type, `${where}.${f.name}`)).find((d) => d !== undefined);
    }
    default:
      return type satisfies never;
  }
}

function integerOf(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?(0x[0-9a-fA-F]+|\d+)$/.test(value)) {
    return value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isObject(value)) return 'an object';
  return 'a single value';
}
