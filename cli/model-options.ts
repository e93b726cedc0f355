import type { Command } from 'commander';

/**
 * The model flags `generate` and `eval` share (they become `ModelFlags` for resolveModelConfig).
 * `scope` names what the budgets cover: "the run" or "the whole eval".
 */
export function addModelOptions(command: Command, scope: string): Command {
  return command
    .option('--provider <name>', 'openai | anthropic | openai-compatible | exec | replay | none')
    .option('--model <name>', 'model name')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://localhost:11434/v1 (Ollama)')
    .option('--api-key <key>', 'API key (default from OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--max-tokens <n>', `token budget for ${scope}`)
    .option('--max-cost <usd>', `cost budget for ${scope}, in US dollars`)
    .option('--record <file>', 'record the model exchanges to a cassette')
    .option('--replay <file>', 'answer from a recorded cassette instead of a provider')
    .option('--exec <command>', 'use an external command as the model (prompt on stdin)')
    .option('--config <file>', 'project configuration file (default ./zkcoder.config.json)')
    .option('--trust-project-config', "let the project's config set base URLs, apiKeyEnv and exec (it may send your keys elsewhere or run commands)");
}
