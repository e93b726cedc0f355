// The package entry `zkcoder/langchain` (agent/langchain.ts): kept apart so `import 'zkcoder'`
// never loads LangChain. Built or from source as in index.js.
import { importModule } from './scripts/dist.mjs';

export const { fromLangChain } = await importModule('agent/langchain.ts');
