/** Level-1 Circom questions: basic syntax and advanced topics (circom 2.2.3). */
import { circom, type Draft } from './question.js';
import { P } from './task.js';

const P_MINUS_1 = (P - 1n).toString();

export const circomSyntax: Draft[] = [
  {
    category: 'basic-syntax',
    question: 'Which Circom operator both assigns a value to a signal and adds the constraint that it equals the expression?',
    right: '<==',
    wrong: ['<--', '===', '='],
    confirm: {
      source: circom('template Mul() { signal input a; signal input b; signal output c; c <== a * b; }\ncomponent main = Mul();'),
      expect: { compiles: true, constraints: 1, inputs: { a: 3, b: 4 }, outputs: { c: 12 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'How do you declare a private input signal that is an array of 4 field elements inside a template?',
    right: 'signal input in[4];',
    wrong: ['input signal in[4];', 'signal in[4]: input;', 'var input in[4];'],
    confirm: {
      source: circom('template S() { signal input in[4]; signal output out; out <== in[0] + in[1] + in[2] + in[3]; }\ncomponent main = S();'),
      expect: { compiles: true, inputs: { in: [1, 2, 3, 4] }, outputs: { out: 10 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'Which keyword declares a Circom variable that exists only while the circuit is being built and the witness computed, never as a wire?',
    right: 'var',
    wrong: ['let', 'signal', 'const'],
    confirm: {
      source: circom('template V() { signal input a; signal output out; var k = 5; out <== a * k; }\ncomponent main = V();'),
      expect: { compiles: true, constraints: 1, inputs: { a: 2 }, outputs: { out: 10 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'In `component main {public [a]} = T();`, what is `a`?',
    right: 'An input signal of T that becomes a public input of the circuit',
    wrong: ['An output signal of T that is hidden from the verifier', 'A template parameter of T', 'A signal that is excluded from the witness'],
    confirm: {
      source: circom('template T() { signal input a; signal input b; signal output c; c <== a * b; }\ncomponent main {public [a]} = T();'),
      expect: { compiles: true, inputs: { a: 2, b: 5 }, outputs: { c: 10 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'What happens when a Circom template assigns the same signal twice (`out <== a; out <== b;`)?',
    right: 'Compilation fails: a signal can be assigned only once',
    wrong: ['The second assignment wins', 'Both assignments become constraints and the witness must satisfy both', 'Circom silently ignores the second assignment'],
    confirm: {
      source: circom('template T() { signal input a; signal input b; signal output out; out <== a; out <== b; }\ncomponent main = T();'),
      expect: { compiles: false },
    },
  },
  {
    category: 'basic-syntax',
    question: 'What does the Circom operator `\\` compute on two values?',
    right: 'Integer division (the quotient, rounded down)',
    wrong: ['Field division (multiplication by the inverse)', 'The remainder', 'A line continuation'],
    confirm: {
      source: circom('template D() { signal input a; signal output q; signal r; q <-- a \\ 2; r <-- a % 2; r * (r - 1) === 0; q * 2 + r === a; }\ncomponent main = D();'),
      expect: { compiles: true, inputs: { a: 7 }, outputs: { q: 3 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'What does the Circom operator `/` compute when both operands are field elements?',
    right: 'Multiplication by the modular inverse of the divisor in the prime field',
    wrong: ['Integer division rounded down', 'Integer division rounded to nearest', 'It is not allowed on field elements'],
    confirm: {
      source: circom('template D() { signal input a; signal output out; var half = 1 / 2; out <== a * half; }\ncomponent main = D();'),
      expect: { compiles: true, inputs: { a: 6 }, outputs: { out: 3 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'Which statement declares a two-dimensional output signal of 2 rows and 3 columns?',
    right: 'signal output out[2][3];',
    wrong: ['signal output out[2, 3];', 'signal output out[6] as [2][3];', 'output signal out: [[2]; 3];'],
    confirm: {
      source: circom('template M() { signal input a; signal output out[2][3]; for (var i = 0; i < 2; i++) { for (var j = 0; j < 3; j++) { out[i][j] <== a + i * 3 + j; } } }\ncomponent main = M();'),
      expect: { compiles: true, inputs: { a: 10 }, outputs: { out: [[10, 11, 12], [13, 14, 15]] } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'Since circom 2.1, how can a template instantiate a sub-template and wire its inputs and output in one expression?',
    right: 'An anonymous component: `out <== Mul()(a, b);`',
    wrong: ['`out <== new Mul(a, b);`', '`out <== Mul.call(a, b);`', '`component out = Mul(a, b);`'],
    confirm: {
      source: circom('template Mul() { signal input x; signal input y; signal output z; z <== x * y; }\ntemplate T() { signal input a; signal input b; signal output out; out <== Mul()(a, b); }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 1, inputs: { a: 6, b: 7 }, outputs: { out: 42 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'Can a Circom `function` declare signals or add constraints?',
    right: 'No: functions compute values only; signals and constraints belong in templates',
    wrong: ['Yes, signals declared in a function become the caller\'s signals', 'Only output signals', 'Only when the function is called from `main`'],
    confirm: {
      source: circom('function f(x) { signal s; s <== x; return s; }\ntemplate T() { signal input a; signal output out; out <== f(a); }\ncomponent main = T();'),
      expect: { compiles: false },
    },
  },
  {
    category: 'basic-syntax',
    question: 'A template declares `template Pow(n)`. How is `n` given a value?',
    right: 'When the template is instantiated, e.g. `component p = Pow(3);`, at compile time',
    wrong: ['As an input in the witness JSON', 'By the prover at proving time', 'Through `signal input n;`'],
    confirm: {
      source: circom('template Pow(n) { signal input x; signal output out; signal acc[n + 1]; acc[0] <== 1; for (var i = 0; i < n; i++) { acc[i + 1] <== acc[i] * x; } out <== acc[n]; }\ncomponent main = Pow(3);'),
      expect: { compiles: true, inputs: { x: 2 }, outputs: { out: 8 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'Which operator adds a constraint between two existing expressions without assigning any signal?',
    right: '===',
    wrong: ['==', '<==', '<--'],
    confirm: {
      source: circom('template C() { signal input a; signal input b; a * a === b; }\ncomponent main = C();'),
      expect: { compiles: true, constraints: 1, inputs: { a: 3, b: 10 }, executes: false },
    },
  },
  {
    category: 'basic-syntax',
    question: 'In Circom, what is the value of `-1` once it is stored in a signal?',
    right: 'p − 1, where p is the BN254 scalar field prime',
    wrong: ['2^256 − 1', '−1 as a signed 64-bit integer', 'It is a compile error: signals cannot be negative'],
    confirm: {
      source: circom('template N() { signal input a; signal output out; out <== a - 1; }\ncomponent main = N();'),
      expect: { compiles: true, inputs: { a: 0 }, outputs: { out: P_MINUS_1 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'What does `var x = 7 % 3;` give in Circom?',
    right: '1',
    wrong: ['2', '7 * 3^-1 in the field', 'A compile error: % is not a Circom operator'],
    confirm: {
      source: circom('template R() { signal output out; var x = 7 % 3; out <== x; }\ncomponent main = R();'),
      expect: { compiles: true, inputs: {}, outputs: { out: 1 } },
    },
  },
  {
    category: 'basic-syntax',
    question: 'How is an array of components declared and filled in Circom?',
    right: '`component c[3];` then `c[i] = T();` inside a loop',
    wrong: ['`component[3] c = T();`', '`component c = T()[3];`', 'Arrays of components are not supported'],
    confirm: {
      source: circom('template Sq() { signal input x; signal output y; y <== x * x; }\ntemplate T() { signal input in[3]; signal output out[3]; component c[3]; for (var i = 0; i < 3; i++) { c[i] = Sq(); c[i].x <== in[i]; out[i] <== c[i].y; } }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 3, inputs: { in: [1, 2, 3] }, outputs: { out: [1, 4, 9] } },
    },
  },
];

export const circomAdvanced: Draft[] = [
  {
    category: 'advanced',
    question: 'How is a signal tag written in circom 2.1+ to mark an input as boolean?',
    right: 'signal input {binary} in;',
    wrong: ['signal input in: binary;', 'signal input #[binary] in;', 'binary signal input in;'],
    confirm: {
      source: circom('template Not() { signal input {binary} in; signal output out; out <== 1 - in; }\ntemplate T() { signal input a; signal output out; signal {binary} b; a * (a - 1) === 0; b <== a; out <== Not()(b); }\ncomponent main = T();'),
      expect: { compiles: true, inputs: { a: 1 }, outputs: { out: 0 } },
    },
  },
  {
    category: 'advanced',
    question: 'Does a tag such as `{binary}` on a signal add any constraint by itself?',
    right: 'No: a tag is a compile-time promise; the template that sets it must add the constraint',
    wrong: ['Yes: one boolean constraint per tagged signal', 'Yes, but only on the main component\'s inputs', 'Yes: a range check of 254 bits'],
    confirm: {
      source: circom('template Id() { signal input {binary} in; signal output out; out <== in; }\ntemplate T() { signal input a; signal output out; signal {binary} b; b <== a; out <== Id()(b); }\ncomponent main = T();'),
      expect: { compiles: true, inputs: { a: 5 }, outputs: { out: 5 } },
    },
  },
  {
    category: 'advanced',
    question: 'A sub-template declares `signal input {binary} x;`. What happens if a caller connects an untagged signal to it?',
    right: 'Compilation fails: the input requires the tag `binary`',
    wrong: ['The tag is added automatically', 'A boolean constraint is inserted automatically', 'It works: tags are only comments'],
    confirm: {
      source: circom('template Not() { signal input {binary} x; signal output y; y <== 1 - x; }\ntemplate T() { signal input a; signal output out; out <== Not()(a); }\ncomponent main = T();'),
      expect: { compiles: false },
    },
  },
  {
    category: 'advanced',
    question: 'How does a template give a value to a tag with a value, such as `maxbit`, on its output?',
    right: 'Declare `signal output {maxbit} out;` and assign `out.maxbit = 8;`',
    wrong: ['`signal output out {maxbit = 8};`', '`tag out.maxbit <== 8;`', 'Tags cannot carry values'],
    confirm: {
      source: circom('template T() { signal input a; signal output {maxbit} out; out.maxbit = 8; out <== a; }\ncomponent main = T();'),
      expect: { compiles: true, inputs: { a: 3 }, outputs: { out: 3 } },
    },
  },
  {
    category: 'advanced',
    question: 'Which circom 2.2 feature groups related signals into one named structure, e.g. a point with x and y?',
    right: 'Buses: `bus Point() { signal x; signal y; }` used as `Point() input p;`',
    wrong: ['Structs: `struct Point { signal x; signal y; }`', 'Records: `record Point(x, y)`', 'Tuples of signals: `signal (x, y) p;`'],
    confirm: {
      source: circom('bus Point() { signal x; signal y; }\ntemplate Dot() { Point() input p; Point() input q; signal output out; signal t <== p.x * q.x; out <== t + p.y * q.y; }\ntemplate T() { signal input a[4]; signal output out; Point() p; Point() q; p.x <== a[0]; p.y <== a[1]; q.x <== a[2]; q.y <== a[3]; out <== Dot()(p, q); }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 2, inputs: { a: [1, 2, 3, 4] }, outputs: { out: 11 } },
    },
  },
  {
    category: 'advanced',
    question: 'How do you take both outputs of an anonymous component with two outputs?',
    right: '`(l, r) <== Switcher()(sel, a, b);`',
    wrong: ['`l, r <== Switcher()(sel, a, b);`', '`[l, r] <== Switcher()(sel, a, b);`', 'Anonymous components may have only one output'],
    confirm: {
      source: circom('include "circomlib/circuits/switcher.circom";\ntemplate T() { signal input s; signal input a; signal input b; signal output l; signal output r; (l, r) <== Switcher()(s, a, b); }\ncomponent main = T();'),
      expect: { compiles: true, inputs: { s: 1, a: 5, b: 9 }, outputs: { l: 9, r: 5 } },
    },
  },
  {
    category: 'advanced',
    question: 'How do you discard an output of an anonymous component you do not need?',
    right: 'Write `_` in its place: `(_, r) <== Switcher()(sel, a, b);`',
    wrong: ['Write `null` in its place', 'Omit it: `(, r) <== ...`', 'Outputs cannot be discarded'],
    confirm: {
      source: circom('include "circomlib/circuits/switcher.circom";\ntemplate T() { signal input s; signal input a; signal input b; signal output r; (_, r) <== Switcher()(s, a, b); }\ncomponent main = T();'),
      expect: { compiles: true, inputs: { s: 0, a: 5, b: 9 }, outputs: { r: 9 } },
    },
  },
  {
    category: 'advanced',
    question: 'What does the keyword `parallel` (as in `component c = parallel T();`) change?',
    right: 'The generated C++ witness calculator may compute that component in parallel; the constraints are the same',
    wrong: ['The constraints of T are duplicated', 'T is proved in a separate proof', 'It makes T\'s outputs public'],
    confirm: {
      source: circom('template Sq() { signal input x; signal output y; y <== x * x; }\ntemplate T() { signal input a; signal output out; component c = parallel Sq(); c.x <== a; out <== c.y; }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 1, inputs: { a: 9 }, outputs: { out: 81 } },
    },
  },
  {
    category: 'advanced',
    question: 'Which pragma must a file contain before it may declare `template custom Gate()`?',
    right: 'pragma custom_templates;',
    wrong: ['pragma plonk;', 'pragma circom custom;', 'No pragma: custom templates are always allowed'],
  },
  {
    category: 'advanced',
    question: 'Can Circom functions be recursive?',
    right: 'Yes: functions compute ordinary values and may call themselves',
    wrong: ['No: Circom has no recursion at all', 'Only templates can be recursive', 'Only with the `rec` keyword'],
    confirm: {
      source: circom('function fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\ntemplate F() { signal output out; out <== fib(10); }\ncomponent main = F();'),
      expect: { compiles: true, inputs: {}, outputs: { out: 55 } },
    },
  },
  {
    category: 'advanced',
    question: 'A template writes `if (a == 0) { out <== 1; } else { out <== 2; }` where `a` is an input signal. What happens?',
    right: 'Compilation fails: a constraint cannot depend on a condition whose value is unknown at compile time',
    wrong: ['Both branches are constrained and selected by a multiplexer', 'It compiles to one constraint `out === 1 + (a != 0)`', 'The first branch is always taken'],
    confirm: {
      source: circom('template T() { signal input a; signal output out; if (a == 0) { out <== 1; } else { out <== 2; } }\ncomponent main = T();'),
      expect: { compiles: false },
    },
  },
  {
    category: 'advanced',
    question: 'What happens when a template reads the output of a sub-component before assigning all of that component\'s inputs?',
    right: 'It is an error: a component\'s outputs are available only once all its inputs are assigned',
    wrong: ['The output reads as 0', 'The output is computed from the inputs assigned so far', 'Circom reorders the statements automatically'],
    confirm: {
      source: circom('template Add() { signal input a; signal input b; signal output c; c <== a + b; }\ntemplate T() { signal input x; signal output out; component s = Add(); s.a <== x; out <== s.c; }\ncomponent main = T();'),
      expect: { compiles: false },
    },
  },
  {
    category: 'advanced',
    question: 'Which Circom statement checks a condition on known values without adding any constraint to the R1CS?',
    right: 'assert(cond); — checked at compile time for parameters, during witness generation for signals',
    wrong: ['require(cond);', 'constrain(cond);', 'cond === 1;'],
    confirm: {
      source: circom('template T() { signal input a; signal output out; assert(a > 5); out <== a; }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 0, inputs: { a: 3 }, executes: false },
    },
  },
  {
    category: 'advanced',
    question: 'What happens when `assert(n > 0)` fails for a template parameter `n` (e.g. `component main = T(0);`)?',
    right: 'Compilation fails, because parameters are known at compile time',
    wrong: ['The circuit compiles and every proof fails', 'Circom skips the template', 'The assertion is ignored for parameters'],
    confirm: {
      source: circom('template T(n) { assert(n > 0); signal input a; signal output out; out <== a * n; }\ncomponent main = T(0);'),
      expect: { compiles: false },
    },
  },
  {
    category: 'advanced',
    question: 'Since circom 2.1.x, how can an intermediate signal be declared and assigned in one statement?',
    right: 'signal t <== a * b;',
    wrong: ['signal t = a * b;', 'let t <== a * b;', 'var signal t <== a * b;'],
    confirm: {
      source: circom('template T() { signal input a; signal input b; signal output out; signal t <== a * b; out <== t * a; }\ncomponent main = T();'),
      expect: { compiles: true, constraints: 2, inputs: { a: 2, b: 3 }, outputs: { out: 12 } },
    },
  },
  {
    category: 'advanced',
    question: 'May the inputs of the main component carry tags, as in `template B() { signal input {binary} in; ... } component main = B();`?',
    right: 'No: circom refuses it ("Main component cannot have inputs with tags"); the values come from outside and nothing backs the tag',
    wrong: ['Yes, and the tag makes the verifier check the value', 'Yes, and circom adds the boolean constraint', 'Only if the input is also public'],
    confirm: { source: circom('template B() { signal input {binary} in; signal output out; out <== 1 - in; }\ncomponent main = B();'), expect: { compiles: false } },
  },
];
