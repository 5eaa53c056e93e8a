// A strict parser for the credential-file dialect of INI (what Python's RawConfigParser reads):
// `[section]`, `key = value` or `key: value`, full-line `#`/`;` comments, keys lower-cased,
// values trimmed, no interpolation and no inline comments. Unlike most INI parsers it refuses
// lines it does not understand, and says where, because a silently ignored typo in a
// credential file is very hard to debug.
import { CredentialError } from '../errors.js';

/** Section name → key → value. Null-prototype objects, so no key can reach Object.prototype. */
export type IniSections = Record<string, Record<string, string>>;

// Names that would be dangerous as plain-object keys anywhere downstream.
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name.toLowerCase());
}

const SECTION = /^\[([^\]]*)\]\s*$/;
const ENTRY = /^([^=:]+?)\s*[=:]\s*(.*)$/;

function fail(file: string, line: number, why: string): never {
  throw new CredentialError(`Malformed credential file ${file}, line ${line}: ${why}`, {
    filesSearched: [file],
  });
}

/** Parses one file's text. `file` is only used in error messages. */
export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = Object.create(null) as IniSections;
  let current: Record<string, string> | undefined;
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
      current = sections[name] ??= Object.create(null) as Record<string, string>;
      return;
    }
    const entry = ENTRY.exec(line);
    // The line's text is not quoted back: it may hold (part of) a token.
    if (!entry) fail(file, lineNo, 'expected "[profile]", "key = value", "key: value" or a # comment');
    if (!current) fail(file, lineNo, `"${entry[1]!.trim()}" appears before any [profile] section`);
    const key = entry[1]!.trim().toLowerCase();
    if (isForbiddenName(key)) fail(file, lineNo, `key '${key}' is not allowed`);
    current[key] = entry[2]!.trim();
  });
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
