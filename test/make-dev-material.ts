/**
 * `node --import tsx test/make-dev-material.ts <home> <ptau power>`: the dev CRS and dev ptau of a
 * test run's cache, made if missing. test/dev-setup.ts runs it in a process of its own: vitest's
 * module runner has no import.meta.resolve, which the generators need (and under `node -e`,
 * ffjavascript's worker threads never start).
 */
import { ensureDevCrs } from '../compiler-harness/setup/crs.js';
import { ensureDevPtau } from '../compiler-harness/setup/ptau.js';

const [home, power] = process.argv.slice(2);
if (!home || !Number.isInteger(Number(power))) throw new Error('usage: make-dev-material.ts <home> <ptau power>');
await ensureDevCrs({ home });
await ensureDevPtau({ power: Number(power), home });
