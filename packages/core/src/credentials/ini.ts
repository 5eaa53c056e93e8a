// Credential files are INI in the dialect Python's RawConfigParser reads (what cbapi uses, and
// files are shared with it): `[section]`, `key = value` or `key: value`, full-line `#`/`;`
// comments, keys case-insensitive, values verbatim (no quotes, escapes, inline comments or
// interpolation). The `ini` package decodes them after a line-by-line validation pass, because
// ini is lenient where a credential file must not be: it turns a line without a separator into
// a `true` flag, skips lines it cannot match, strips inline `;`/`#` comments, unquotes values
// and nests `[a.b]` under `a`. The pass
//  - refuses every line that is not blank, a comment, a section header or an entry, with file
//    and line number but never the line itself (it may hold a token);
//  - refuses `__proto__`/`constructor`/`prototype` sections and keys, entries before any
//    section, and names ini would not read literally (quotes, `;`, `#`, `\`, a trailing `[]`);
//  - hands each line to ini in ini's own canonical form: `key=value` with the key lower-cased,
//    a value ini would alter JSON-quoted (ini's escape) so it comes back verbatim, and dots in
//    section names escaped so profiles stay flat.
import ini from 'ini';
import { CredentialError } from '../errors.js';

/** Section name → key → value. Null-prototype objects, so no key can reach Object.prototype. */
export type IniSections = Record<string, Record<string, string>>;

// Names that would be dangerous as plain-object keys anywhere downstream.
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name.toLowerCase());
}

/** Whether ini reads `name` back as written (no quotes, comment characters or escapes). */
export function isLiteralIniName(name: string): boolean {
  return ini.unsafe(name) === name && !name.endsWith('[]');
}

const SECTION = /^\[([^\]]*)\]\s*$/;
const ENTRY = /^([^=:]+?)\s*[=:]\s*(.*)$/;

function fail(file: string, line: number, why: string): never {
  throw new CredentialError(`Malformed credential file ${file}, line ${line}: ${why}`, {
    filesSearched: [file],
  });
}

interface Canonical {
  /** One canonical ini line per meaningful input line. */
  readonly lines: string[];
  /** Section names in order of first appearance (ini reorders dotted ones). */
  readonly order: string[];
}

/** The validation pass. */
function canonicalize(text: string, file: string): Canonical {
  const out: string[] = [];
  const order: string[] = [];
  let inSection = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = SECTION.exec(line);
    if (section) {
      const name = section[1]!.trim();
      if (name === '') fail(file, lineNo, 'empty section name "[]"');
      if (isForbiddenName(name)) fail(file, lineNo, `section name '${name}' is not allowed`);
      if (!isLiteralIniName(name)) fail(file, lineNo, 'section name contains quotes, ";", "#" or "\\"');
      inSection = true;
      if (!order.includes(name)) order.push(name);
      out.push(`[${name.replace(/\./g, '\\.')}]`);
      return;
    }
    const entry = ENTRY.exec(line);
    // The line's text is not quoted back: it may hold (part of) a token.
    if (!entry) fail(file, lineNo, 'expected "[profile]", "key = value", "key: value" or a # comment');
    if (!inSection) fail(file, lineNo, `"${entry[1]!.trim()}" appears before any [profile] section`);
    const key = entry[1]!.trim().toLowerCase();
    if (isForbiddenName(key)) fail(file, lineNo, `key '${key}' is not allowed`);
    if (!isLiteralIniName(key)) fail(file, lineNo, 'key name contains quotes, ";", "#", "\\" or a trailing "[]"');
    const value = entry[2]!.trim();
    out.push(`${key}=${ini.unsafe(value) === value ? value : JSON.stringify(value)}`);
  });
  return { lines: out, order };
}

/** Parses one file's text. `file` is only used in error messages. */
export function parseIni(text: string, file: string): IniSections {
  const { lines, order } = canonicalize(text, file);
  const decoded = ini.parse(lines.join('\n')) as Record<string, unknown>;
  const sections: IniSections = Object.create(null) as IniSections;
  for (const name of order) {
    const values = decoded[name];
    if (typeof values !== 'object' || values === null) continue;
    const target: Record<string, string> = Object.create(null) as Record<string, string>;
    // ini decodes the words true/false/null to JSON values; the file meant the text.
    for (const [key, value] of Object.entries(values)) target[key] = String(value);
    sections[name] = target;
  }
  return sections;
}

/** Merges `later` into `earlier` key by key (a later file overrides, never erases). */
export function mergeIni(earlier: IniSections, later: IniSections): IniSections {
  for (const [name, values] of Object.entries(later)) {
    const target = (earlier[name] ??= Object.create(null) as Record<string, string>);
    Object.assign(target, values);
  }
  return earlier;
}
