import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { SOURCE_FOLDERS } from '../scripts/dist.mjs';
import { root } from './run-cli.js';

/** tsconfig files are JSON with comments. */
function readConfig(name: string): { include: string[] } {
  const text = readFileSync(join(root, name), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return JSON.parse(text) as { include: string[] };
}

describe('the build covers every source folder', () => {
  it('tsconfig.build.json and scripts/dist.mjs list the folders the typecheck covers (minus tests and benchmarks)', () => {
    const typechecked = readConfig('tsconfig.json').include.filter((folder) => !['test', 'bench'].includes(folder));
    // A folder missing here is left out of dist/: the installed CLI then fails on its first import.
    expect([...readConfig('tsconfig.build.json').include].sort()).toEqual([...typechecked].sort());
    expect([...(SOURCE_FOLDERS as string[]), 'types'].sort()).toEqual([...typechecked].sort());
  });
});
