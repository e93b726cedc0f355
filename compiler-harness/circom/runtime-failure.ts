import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ExecuteFailure, SourceLocation } from '../types.js';

/**
 * Turn a witness-generator error into a failure with a source location. circom reports a trace,
 * innermost first: `Error in template Num2Bits_0 line: 38` / `Error in template Main_1 line: 12`
 * (the suffix numbers the instance). The location is the innermost frame in the user's own files;
 * frames in circomlib are named in the message.
 */
export function describeWitnessFailure(message: string, files: Record<string, string>): ExecuteFailure {
  const raw = message.trim().replace(/^Error: /, '');
  const frames = [...raw.matchAll(/Error in template (\w+?)(?:_\d+)? line: (\d+)/g)].map((m) => ({
    template: m[1],
    line: Number(m[2]),
  }));
  if (frames.length > 0) {
    const what = /Assert Failed/.test(raw) ? 'assert or === constraint failed' : raw.split('\n')[0];
    const located = frames.map((f) => ({ ...f, location: locateTemplate(f.template, f.line, files) }));
    const own = located.find((f) => f.location);
    const trace = located
      .map((f) => `${f.template} ${f.location ? `${f.location.file}:${f.line}` : `(${libraryFileOf(f.template) ?? 'library'}) line ${f.line}`}`)
      .join(' <- ');
    return { kind: 'assert', message: `${what} at ${trace}`, location: own?.location, raw };
  }
  if (/not an input|Not enough values|Too many values|Not all inputs|Signal .* not found/i.test(raw)) {
    return { kind: 'input', message: raw.split('\n')[0], raw };
  }
  return { kind: 'runtime', message: raw.split('\n')[0] || 'witness generation failed', raw };
}

function locateTemplate(template: string, line: number, files: Record<string, string>): SourceLocation | undefined {
  const pattern = templatePattern(template);
  for (const [file, source] of Object.entries(files)) {
    if (pattern.test(source)) return { file, line };
  }
  return undefined;
}

function templatePattern(template: string): RegExp {
  return new RegExp(`\\btemplate\\s+${template}\\s*\\(`);
}

let libraryIndex: Map<string, string> | undefined;

/** Which circomlib file defines a template, e.g. `Num2Bits` → `circomlib/circuits/bitify.circom`. */
function libraryFileOf(template: string): string | undefined {
  if (!libraryIndex) {
    libraryIndex = new Map();
    const dir = join(dirname(createRequire(import.meta.url).resolve('circomlib/package.json')), 'circuits');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.circom'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\btemplate\s+(\w+)\s*\(/g)) {
        if (!libraryIndex.has(m[1])) libraryIndex.set(m[1], `circomlib/circuits/${file}`);
      }
    }
  }
  return libraryIndex.get(template);
}
