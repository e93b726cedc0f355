import { inflateRawSync } from 'node:zlib';

interface DebugInfo {
  location_tree?: { locations: { parent: number | null; value: { span: { start: number; end: number }; file: number } }[] };
  acir_locations?: Record<string, number>;
}

/** What `noirLayerOpcodes` reads of the noir_wasm artefact. */
export interface NoirArtefact {
  debug_symbols: string;
  file_map: Record<string, { source: string; path: string }>;
}

/**
 * ACIR opcodes per composed layer (`t<index>` in the Noir main) and for the input range checks
 * (`inputs`), from the compiler's debug symbols: each opcode's call stack is walked up to its
 * frame in `src/main.nr`, and that line belongs to the latest layer declared (`let mut t<index>`)
 * at or above it. Opcodes with no main.nr frame count as `other`. The counts add up to the total.
 */
export function noirLayerOpcodes(program: NoirArtefact): Map<string, number> {
  const counts = new Map<string, number>();
  const mainEntry = Object.entries(program.file_map).find(([, file]) => file.path.endsWith('src/main.nr'));
  const debug = JSON.parse(inflateRawSync(Buffer.from(program.debug_symbols, 'base64')).toString('utf8')) as { debug_infos: DebugInfo[] };
  const info = debug.debug_infos[0];
  if (!mainEntry || !info?.location_tree || !info.acir_locations) return counts;
  const mainFile = Number(mainEntry[0]);
  const source = mainEntry[1].source;
  // Byte offset → layer key, from the layer declarations' offsets.
  const starts = [...source.matchAll(/let mut (t\d+)\b/g)].map((match) => ({ offset: match.index ?? 0, key: match[1] }));
  const layerAt = (offset: number) => starts.filter((start) => start.offset <= offset).pop()?.key ?? 'inputs';
  const locations = info.location_tree.locations;
  for (const location of Object.values(info.acir_locations)) {
    // The outermost main.nr frame: the layer's own line, not a line inside a gadget module.
    let key = 'other';
    for (let at: number | null = location; at !== null && at !== undefined; at = locations[at]?.parent ?? null) {
      const value = locations[at]?.value;
      if (value && value.file === mainFile) key = layerAt(value.span.start); // the composed main is ASCII: bytes are characters
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
