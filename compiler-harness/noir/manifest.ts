/** A binary Nargo package with no dependencies, its name made a valid package name. */
export function nargoManifest(name: string): string {
  return `[package]\nname = "${packageName(name)}"\ntype = "bin"\nauthors = [""]\n\n[dependencies]\n`;
}

/** Nargo package names are identifiers: lowercase letters, digits and underscores, not starting with a digit. */
export function packageName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  if (!cleaned) return 'main';
  return /^[0-9]/.test(cleaned) ? `c_${cleaned}` : cleaned;
}
