/**
 * The package entry `zkcoder/langchain`: lets any LangChain.js chat model drive the agent. It is a
 * separate entry so that `import 'zkcoder'` (and the CLI) never load LangChain.
 *
 * Example: `runAgent({ task: 'softmax lookup', model: fromLangChain({ chatModel }) })`
 */
export { fromLangChain, type LangChainOptions } from './model/providers/langchain.js';
