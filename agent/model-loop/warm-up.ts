import { warmSoundnessAnalysis } from '../../compiler-harness/soundness/isolated.js';
import type { Backend, Lang, TargetCircuit } from '../../compiler-harness/types.js';
import { nargoManifest } from '../../compiler-harness/noir/manifest.js';
import { runtimeBundleCode } from '../../zksl/sandbox/run.js';

/** One-line programs whose compile starts a toolchain: its worker, the compiler's first-use set-up (Noir: noir_wasm and bb.js, seconds). */
const WARM_CIRCUITS: Record<Lang, TargetCircuit> = {
  circom: { lang: 'circom', files: { 'main.circom': 'pragma circom 2.0.0;\ntemplate Warm() {\n    signal input a;\n    signal output b;\n    b <== a * a;\n}\ncomponent main = Warm();\n' }, entry: 'main.circom', name: 'main' },
  noir: { lang: 'noir', files: { 'src/main.nr': 'fn main(a: Field) -> pub Field {\n    a * a\n}\n', 'Nargo.toml': nargoManifest('warm') }, entry: 'src/main.nr', name: 'warm' },
};

/** Backends already warmed in this process (eval and benchmarks lend the same ones to many runs). */
const warmed = new WeakSet<Backend>();

/** The sketch sandbox's runtime bundle, before the first model request: it builds while the model answers. */
export function warmSandbox(): void {
  runtimeBundleCode().catch(() => undefined); // a failure shows again, with its message, in the sketch check
}

/**
 * What the first check would otherwise wait for: each language's toolchain (a one-line compile,
 * its result dropped) and the soundness analysis's thread with each language's attack. Started once the sketch has passed,
 * as the target stage begins, so it loads while the model writes the code (`write`) or the sketch
 * is lowered, and never competes with the sketch's own check (a sandbox with a time limit). A run
 * that stops before its first check loses only that start-up.
 */
export function warmToolchains(backends: Partial<Record<Lang, Backend>>, languages: Lang[]): void {
  for (const lang of languages) {
    const backend = backends[lang];
    if (!backend || warmed.has(backend)) continue;
    warmed.add(backend);
    backend.compile(WARM_CIRCUITS[lang]).catch(() => undefined); // a toolchain that fails says so again in the check
  }
  warmSoundnessAnalysis(languages);
}
