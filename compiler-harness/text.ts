/** Remove ANSI colour codes from toolchain output. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The 1-based `line` of `source`, trimmed of trailing whitespace, if it exists. */
export function sourceLineAt(source: string | undefined, line: number | undefined): string | undefined {
  if (source === undefined || line === undefined || line < 1) return undefined;
  const text = source.split('\n')[line - 1];
  return text === undefined ? undefined : text.replace(/\s+$/, '');
}
