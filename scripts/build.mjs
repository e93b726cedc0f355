#!/usr/bin/env node
// npm run build: compiles the sources to dist/ (JavaScript + .d.ts, tsconfig.build.json), copies the
// data files the code reads next to itself (prompts, knowledge-base entries, eval suite, ZKSL
// sources the model's reference is generated from), then stamps the build. bin/zkcoder.js and the
// package entries run dist/ when the stamp is newer than every source file (see scripts/dist.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_FOLDERS, STAMP } from './dist.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// tsc's incremental state describes dist/; without the stamp dist/ may be gone or partial: start over.
if (!existsSync(join(root, STAMP))) rmSync(join(root, 'node_modules/.cache/zkcoder/tsbuildinfo'), { force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

/** Data read at run time, relative to the module reading it: everything that is not compiled code. */
function isData(path) {
  if (/\.test\.tsx?$|\/(test|fixtures)\//.test(path)) return false;
  if (path.startsWith('knowledge-base/primitives/')) return true;
  // The ZKSL reference shown to the model is generated from the documented TypeScript sources.
  if (path.startsWith('zksl/') && path.endsWith('.ts')) return true;
  return !/\.(ts|tsx)$/.test(path);
}

let copied = 0;
function copyData(folder) {
  for (const name of readdirSync(join(root, folder))) {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) copyData(path);
    else if (isData(path)) {
      cpSync(join(root, path), join(root, 'dist', path));
      copied += 1;
    }
  }
}
for (const folder of SOURCE_FOLDERS) copyData(folder);
writeFileSync(join(root, STAMP), `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
console.log(`built ${relative(process.cwd(), join(root, 'dist')) || 'dist'} (${copied} data files copied)`);
