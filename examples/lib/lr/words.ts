// Splitting a shell line into words: whitespace separates, "double" or 'single' quotes group,
// backslashes are ordinary characters (they are Windows path separators here).
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/**
 * Pulls `-x VALUE` options and `-f`-style flags off the front of `words` (the rest, e.g. a
 * command line, stays untouched). Unknown options end the option part.
 */
export function takeOptions(
  words: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
): { options: Record<string, string>; flags: Set<string>; rest: string[] } {
  const options: Record<string, string> = {};
  const seen = new Set<string>();
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (withValue.includes(w)) {
      const value = words[i + 1];
      if (value === undefined) throw new Error(`${w} needs a value`);
      options[w] = value;
      i++;
    } else if (flags.includes(w)) seen.add(w);
    else break;
  }
  return { options, flags: seen, rest: words.slice(i) };
}
