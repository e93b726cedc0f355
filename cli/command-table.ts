import type { Command } from 'commander';

/**
 * zkcoder's commands, by the module that registers them. `zkcoder <command>` imports only that
 * command's module (its toolchains, SDKs, ink); every other command is registered as a name and a
 * one-line summary, enough for `zkcoder --help` and for commander's suggestions. A summary must be
 * the command's own description (test/cli-startup.test.ts holds them equal).
 */
export interface CommandModule {
  /** Each top-level command the module registers, with its description. */
  commands: Record<string, string>;
  load: () => Promise<(program: Command) => void>;
}

export const COMMAND_MODULES: CommandModule[] = [
  {
    commands: { generate: 'write a verified, proved circuit for a task (with a model, or from the knowledge base)' },
    load: async () => (await import('./commands/generate.js')).registerGenerate,
  },
  {
    commands: { check: 'compile a Circom file or Noir project, run its test vectors, optionally prove and verify' },
    load: async () => (await import('./commands/check.js')).registerCheck,
  },
  {
    commands: { kb: 'the knowledge base of verified primitives' },
    load: async () => (await import('./commands/kb.js')).registerKnowledgeBase,
  },
  {
    commands: { sketch: 'ZKSL constraint sketches: check, lower to Circom/Noir, test, reference' },
    load: async () => (await import('./commands/sketch.js')).registerSketch,
  },
  {
    commands: { runs: 'generate runs saved under .zkcoder/runs' },
    load: async () => (await import('./commands/runs.js')).registerRuns,
  },
  {
    commands: { eval: 'run the ZK-Eval benchmark (or your own task set) with a model, and score it' },
    load: async () => (await import('./commands/eval.js')).registerEval,
  },
  {
    commands: {
      prove: 'prove one inference of an ONNX model: quantize, compose the verified operator circuits, prove, verify, compare with onnxruntime',
      verify: 'verify the proof in a folder written by `zkcoder prove --out` (exit 0 when it verifies, 1 when not)',
    },
    load: async () => (await import('./commands/prove.js')).registerProve,
  },
  {
    commands: { op: 'a verified circuit for an ONNX operator, checked against onnxruntime and registered for zkcoder prove; --list: ONNX operator coverage' },
    load: async () => (await import('./commands/op.js')).registerOp,
  },
];

/** The command `argv` (without node and the script) runs: its first word, or what `help` names. */
export function requestedCommand(argv: string[]): string | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Registers the requested command in full (loading its module) and the others by name only. */
export async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const wanted = requestedCommand(argv);
  for (const module of COMMAND_MODULES) {
    const names = Object.keys(module.commands);
    if (wanted !== undefined && names.includes(wanted)) {
      (await module.load())(program);
      continue;
    }
    for (const name of names) program.command(name).description(module.commands[name]);
  }
}
