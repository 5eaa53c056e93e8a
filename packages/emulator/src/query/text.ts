// String matching primitives: wildcard patterns and the two analysers (path and command line)
// that model how the server tokenises `path`-like and `cmdline`-like fields.

import type { TermValue } from './ast.js';

export type StringTest = (s: string) => boolean;

/**
 * Compile a term with live wildcards into a matcher over the whole string. `*` = any run,
 * `?` = exactly one character. Common shapes avoid RegExp entirely.
 */
export function wildcardMatcher(value: TermValue, caseInsensitive: boolean): StringTest {
  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  // Split into literal segments around wildcard offsets (lower-casing per segment keeps offsets valid).
  const segments: string[] = [];
  const ops: string[] = [];
  let last = 0;
  for (const at of value.wildcards) {
    segments.push(fold(value.text.slice(last, at)));
    ops.push(value.text[at]);
    last = at + 1;
  }
  segments.push(fold(value.text.slice(last)));

  if (!ops.includes('?')) {
    if (ops.length === 1 && segments[1] === '') {
      const prefix = segments[0];
      return (s) => s.startsWith(prefix);
    }
    if (ops.length === 1 && segments[0] === '') {
      const suffix = segments[1];
      return (s) => s.endsWith(suffix);
    }
    if (ops.length === 2 && segments[0] === '' && segments[2] === '') {
      const mid = segments[1];
      return (s) => s.includes(mid);
    }
    if (segments.every((seg) => seg === '')) return () => true;
  }
  let source = '^';
  segments.forEach((seg, i) => {
    source += escapeRegExp(seg);
    if (i < ops.length) source += ops[i] === '*' ? '[\\s\\S]*' : '[\\s\\S]';
  });
  const re = new RegExp(`${source}$`);
  return (s) => re.test(s);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Path analyser over an already lower-cased string: segments between `\` and `/`. */
export function splitPath(lower: string): string[] {
  return lower.split(/[\\/]+/).filter((t) => t !== '');
}

/** Command-line analyser over a lower-cased string: whitespace, separators, quotes, argument punctuation. */
export function splitText(lower: string): string[] {
  return lower.split(/[\s\\/"',;=|()]+/).filter((t) => t !== '');
}

export const PATH_SEPARATORS = /[\\/]/;
export const TEXT_SEPARATORS = /[\s\\/"',;=|()]/;

/** True when `needle` occurs as consecutive tokens of `hay`. */
export function containsSequence(hay: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
