/**
 * Just enough Circom parsing for lints: templates with their bodies and line numbers, the signals
 * and components they declare, and their `<--` hints. Regular expressions over comment-stripped
 * text: good for the code a model writes, not a full parser, which is why everything built on it
 * is a lint and never a verdict.
 */

export interface TemplateSource {
  name: string;
  file: string;
  /** Body text (between the braces) with comments blanked out, newlines kept. */
  body: string;
  /** 1-based line of the first body character. */
  firstLine: number;
  signals: { name: string; kind: 'input' | 'output' | 'intermediate'; line: number }[];
  /** Component name → instantiated template. */
  components: Map<string, { template: string; line: number }>;
  hints: { target: string; expression: string; line: number }[];
}

export interface CircomSources {
  templates: Map<string, TemplateSource>;
  mainTemplate?: string;
}

export function parseCircom(files: Record<string, string>): CircomSources {
  const templates = new Map<string, TemplateSource>();
  let mainTemplate: string | undefined;
  for (const [file, text] of Object.entries(files)) {
    const clean = blankComments(text);
    const main = /\bcomponent\s+main\b[^=]*=\s*(\w+)\s*\(/.exec(clean);
    if (main) mainTemplate = main[1];
    const header = /\btemplate\s+(?:parallel\s+)?(\w+)\s*\([^)]*\)\s*\{/g;
    for (let match = header.exec(clean); match; match = header.exec(clean)) {
      const start = match.index + match[0].length;
      const end = matchingBrace(clean, start);
      const body = clean.slice(start, end);
      const firstLine = lineAt(clean, start);
      templates.set(match[1], { name: match[1], file, body, firstLine, ...declarations(body, firstLine) });
    }
  }
  return { templates, mainTemplate };
}

function declarations(body: string, firstLine: number) {
  const line = (offset: number) => firstLine + lineAt(body, offset) - 1;
  const signals: TemplateSource['signals'] = [];
  const signalDecl = /\bsignal\s+(?:(input|output)\s+)?(?:\{[^}]*\}\s*)?([^;=<]+)/g;
  for (let m = signalDecl.exec(body); m; m = signalDecl.exec(body)) {
    for (const name of m[2].split(',')) {
      const base = /^\s*(\w+)/.exec(name)?.[1];
      if (base) signals.push({ name: base, kind: m[1] === 'input' ? 'input' : m[1] === 'output' ? 'output' : 'intermediate', line: line(m.index) });
    }
  }
  const components = new Map<string, { template: string; line: number }>();
  const componentDecl = /\bcomponent\s+(\w+)[^;=]*(?:=\s*(\w+)\s*\()?/g;
  for (let m = componentDecl.exec(body); m; m = componentDecl.exec(body)) {
    if (m[2]) components.set(m[1], { template: m[2], line: line(m.index) });
  }
  // Arrays of components are declared first and instantiated in a loop: `c[i] = T(...)`.
  const arrayInit = /\b(\w+)\s*\[[^\]]*\]\s*=\s*(\w+)\s*\(/g;
  for (let m = arrayInit.exec(body); m; m = arrayInit.exec(body)) {
    if (!components.has(m[1])) components.set(m[1], { template: m[2], line: line(m.index) });
  }
  const hints: TemplateSource['hints'] = [];
  const hint = /([\w.[\]\s]+?)\s*<--\s*([^;]+);/g;
  for (let m = hint.exec(body); m; m = hint.exec(body)) {
    const target = /(\w+)\s*(?:\[[^\]]*\]\s*)*$/.exec(m[1].trim())?.[1];
    if (target) hints.push({ target, expression: m[2].trim(), line: line(m.index + m[0].indexOf(m[1].trim())) });
  }
  return { signals, components, hints };
}

/**
 * The template a wire's component path runs: `main.a.b[2]` → template of `b` inside the template
 * of `a` inside main. `undefined` once the path leaves the templates we have source for.
 */
export function templateOfPath(sources: CircomSources, path: string[]): string | undefined {
  if (path[0] !== 'main' || !sources.mainTemplate) return undefined;
  let template: string | undefined = sources.mainTemplate;
  for (const part of path.slice(1)) {
    const component = part.replace(/\[.*$/, '');
    template = template === undefined ? undefined : sources.templates.get(template)?.components.get(component)?.template;
    if (template === undefined) return undefined;
  }
  return template;
}

/** Split a wire name into component path and the signal's base name: `main.c[1].x[2]` → (['main','c[1]'], 'x'). */
export function splitWireName(name: string): { path: string[]; signal: string } {
  const parts = name.split('.');
  return { path: parts.slice(0, -1), signal: parts[parts.length - 1].replace(/\[.*$/, '') };
}

export function blankComments(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, blank);
}

/** The offset of the `}` closing the brace opened just before `from` (the text's end when none does). */
export function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** The 1-based line of `offset`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
