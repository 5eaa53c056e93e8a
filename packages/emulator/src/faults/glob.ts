// Path globs for fault matching: '*' matches any run of characters (including '/'), '?' one
// character; everything else is literal. Matched against the path without the query string.
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source.replace(/(\.\*)+/g, '.*')}$`);
}
