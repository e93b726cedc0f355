import { checkCircuit, createBackend, type CheckReport } from '../compiler-harness/index.js';
import type { Backend, HarnessOptions, Lang, Proof, TargetCircuit } from '../compiler-harness/types.js';
import type { OperatorSpec } from './spec.js';

export interface LanguageCheck {
  lang: Lang;
  report: CheckReport;
  proof?: Proof;
}

/** Compile → vectors → soundness → prove for each language's circuit, with the spec's vectors. */
export async function checkOperatorCircuits(options: {
  spec: OperatorSpec;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  backends?: Partial<Record<Lang, Backend>>;
  harness?: HarnessOptions;
  soundnessBudgetMs?: number;
}): Promise<LanguageCheck[]> {
  const checks: LanguageCheck[] = [];
  for (const [lang, circuit] of Object.entries(options.circuits) as [Lang, TargetCircuit][]) {
    const vectors = options.spec.vectors[lang];
    if (!vectors) continue;
    const given = options.backends?.[lang];
    const backend = given ?? (await createBackend(lang, options.harness));
    try {
      let proof: Proof | undefined;
      const report = await checkCircuit({
        backend,
        circuit,
        vectors,
        vectorsSource: `${options.spec.op} vectors (onnxruntime)`,
        prove: true,
        soundnessBudgetMs: options.soundnessBudgetMs ?? 5000,
        onProof: (made) => {
          proof = made;
        },
      });
      checks.push({ lang, report, proof });
    } finally {
      if (!given) await backend.dispose();
    }
  }
  return checks;
}
