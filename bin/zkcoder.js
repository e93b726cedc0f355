#!/usr/bin/env node
// zkcoder runs its built JavaScript (dist/) when it is current, otherwise its TypeScript sources
// through tsx (a checkout without `npm run build`): see scripts/dist.mjs.
import { importModule } from '../scripts/dist.mjs';

await importModule('cli/main.ts');
