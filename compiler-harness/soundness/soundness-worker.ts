/**
 * Runs inside a TimedWorker: the soundness attacks. They execute user code (Noir hints, circom
 * witness generators) on inputs and answers it never expected, so a run may loop; in a thread it
 * can be stopped, and the caller's event loop stays free while z3 and the search run.
 *
 * Each language's attack is imported by its first job (or by `prepare`, which the check sends
 * while it compiles): a Circom check never loads noir_js, a Noir check never starts z3.
 */
import { serveJobs } from '../worker-jobs.js';
import { refuseNetwork } from '../noir/offline.js';
import type { CircomAnalysisOptions, NoirAnalysisOptions } from './types.js';

// Nothing here needs the network: the attacks compile through the toolchain processes.
refuseNetwork();

const circomAttack = () => import('./analyze-circom.js');
const noirAttack = () => import('./noir-attack.js');

serveJobs({
  prepare: async (lang: 'circom' | 'noir') => {
    await (lang === 'circom' ? circomAttack() : noirAttack());
  },
  analyzeR1cs: async (options: CircomAnalysisOptions) => (await circomAttack()).analyzeR1cs(options),
  analyzeNoir: async (options: NoirAnalysisOptions) => (await noirAttack()).analyzeNoirInProcess(options),
  // z3's own threads must be stopped by z3: terminating the worker while they start up or run
  // aborts them mid-way ("corrupted its heap memory area", printed on stderr).
  stopSmt: async () => (await import('./smt.js')).disposeSmt(),
});
