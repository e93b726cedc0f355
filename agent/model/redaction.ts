/**
 * One redaction step for everything zkcoder stores or shows: run state, events, transcripts,
 * cassettes, error messages. A server may echo the key it was sent in an error body, a command may
 * print its environment; neither may reach a file or the terminal. Two kinds of secret go:
 * the values this process knows (keys in the environment, keys the configuration resolved), and
 * anything shaped like a credential (`sk-…`, `Bearer …`, `x-api-key: …`).
 *
 * Example: `redact('401: Incorrect API key provided: sk-proj-abc123…')` →
 * `'401: Incorrect API key provided: sk-[redacted]'`.
 */
export const redactedMark = '[redacted]';

/** Shorter values are left alone: redacting every "abc" would corrupt a report and hide nothing. */
const minimumSecretLength = 8;

/** Variables holding credentials: OPENAI_API_KEY, ZKCODER_EMBEDDING_KEY, GITHUB_TOKEN, ... */
const secretVariable =
  /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)(?:_\d+)?$/i;

/**
 * Credential shapes, whoever's they are; each keeps its label so the message still reads. Real
 * keys are long and hold digits, which keeps prose ("Bearer tokens", `apiKey: string`) intact.
 * A value stops before a quote or backslash, so redacting serialised JSON leaves it valid JSON.
 */
const token = '[A-Za-z0-9._~+/=-]';
const value = '[^\\s"\'\\\\,;}&]';
const secretPatterns: [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9_-]{16,}/g, `sk-${redactedMark}`],
  [new RegExp(`\\b(Bearer)\\s+(?=${token}*\\d)${token}{12,}`, 'gi'), `$1 ${redactedMark}`],
  [new RegExp(`\\b(x-api-key["']?\\s*[:=]\\s*["']?)${value}+`, 'gi'), `$1${redactedMark}`],
  [
    new RegExp(`\\b(api[-_]?key["']?\\s*[:=]\\s*["']?)(?=${value}*\\d)${value}{8,}`, 'gi'),
    `$1${redactedMark}`,
  ],
];

const remembered = new Set<string>();

/** A key this process was given some other way (a flag, a named variable): redacted from now on. */
export function rememberSecret(value: string | undefined): void {
  if (value && value.length >= minimumSecretLength) remembered.add(value);
}

/** The values to redact right now: remembered keys and credential variables of the environment. */
export function knownSecrets(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const values = new Set(remembered);
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < minimumSecretLength) continue;
    if (secretVariable.test(name)) values.add(value);
  }
  // Longest first, so a key that contains another key is replaced whole.
  return [...values].sort((left, right) => right.length - left.length);
}

/** The text with every known secret and every credential shape replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = knownSecrets()): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(redactedMark);
  }
  for (const [pattern, replacement] of secretPatterns) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/**
 * A copy of a JSON-like value with every string redacted (object keys too); parts with nothing to
 * redact are returned as they are. Other objects (Date, Uint8Array, class instances) are kept.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = knownSecrets()): T {
  return redactWithin(value, secrets, new WeakMap()) as T;
}

function redactWithin(
  value: unknown,
  secrets: readonly string[],
  seen: WeakMap<object, unknown>,
): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  const already = seen.get(value);
  if (already !== undefined) return already;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    let changed = false;
    for (const item of value) {
      const redacted = redactWithin(item, secrets, seen);
      changed ||= redacted !== item;
      copy.push(redacted);
    }
    return changed ? copy : value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = Object.create(prototype);
  seen.set(value, copy);
  let changed = false;
  for (const [key, item] of Object.entries(value)) {
    const redactedKey = redact(key, secrets);
    const redacted = redactWithin(item, secrets, seen);
    changed ||= redacted !== item || redactedKey !== key;
    // defineProperty: a '__proto__' key stays a key and never becomes the copy's prototype.
    Object.defineProperty(copy, redactedKey, {
      value: redacted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? copy : value;
}

/**
 * `JSON.stringify` with every string value redacted (after `toJSON`, so class instances are
 * covered too): what every JSON artefact zkcoder writes goes through.
 */
export function redactedJson(value: unknown, space?: number): string {
  const secrets = knownSecrets();
  const replacer = (_key: string, item: unknown) =>
    typeof item === 'string' ? redact(item, secrets) : item;
  return JSON.stringify(value, replacer, space);
}
