#!/usr/bin/env node
// zkcoder runs from its TypeScript sources: register tsx, then hand over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
