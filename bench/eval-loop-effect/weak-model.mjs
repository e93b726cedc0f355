#!/usr/bin/env node
// A scripted "weak model" for `zkcoder eval --exec`: it makes the mistake weaker models make (the
// square computed by a hint nothing constrains) on its first answer in every mode, and fixes it
// only when a repair prompt shows it what zkcoder's checks found. It reads the prompt on stdin and
// answers from test/fixtures/agent. Used to show what the repair loop adds (full vs direct).
import { readFileSync } from 'node:fs';

const fixture = (name) => readFileSync(new URL(`../../test/fixtures/agent/${name}`, import.meta.url), 'utf8');
const prompt = readFileSync(0, 'utf8');
let answer;
if (prompt.includes('# Your previous module')) answer = `Fixed: the square is now a product.\n\n\`\`\`ts\n${fixture('square-correct.ts')}\`\`\`\n`;
else if (prompt.includes('as ZKSL sketches')) answer = `Here is the sketch.\n\n\`\`\`ts\n${fixture('square-unconstrained.ts')}\`\`\`\n`;
else if (prompt.includes('Write a zero-knowledge circuit in Circom')) answer = `\`\`\`circom\n${fixture('square-hint.circom')}\`\`\`\n`;
else answer = 'I cannot answer this prompt.';
process.stdout.write(answer);
