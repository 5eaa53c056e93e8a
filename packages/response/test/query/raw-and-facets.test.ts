import { describe, expect, it } from 'vitest';
import { encodeInOrder, parseRawQuery } from '../../src/index.js';
import { parseFacets } from '../../src/query/facets.js';

describe('raw query strings', () => {
  it('parseRawQuery keeps order and repeats, decodes + and %20, drops blank values and a leading ?/#', () => {
    expect(parseRawQuery('?cb.urlver=1&q=process_name%3Anet.exe+cmdline%3A%5C%5Ctest%5Cblah&cb.q.x=a%20b&empty=&cb.fq.y=1&cb.fq.y=2')).toEqual([
      ['cb.urlver', '1'],
      ['q', 'process_name:net.exe cmdline:\\\\test\\blah'],
      ['cb.q.x', 'a b'],
      ['cb.fq.y', '1'],
      ['cb.fq.y', '2'],
    ]);
    expect(parseRawQuery('#q=x')).toEqual([['q', 'x']]);
  });

  it('encodeInOrder form-encodes in the given order (space → +)', () => {
    expect(encodeInOrder([['cb.urlver', '1'], ['facet', 'false'], ['q', 'process_name:net.exe cmdline:\\\\test\\blah'], ['sort', 'last_update desc']])).toBe(
      'cb.urlver=1&facet=false&q=process_name%3Anet.exe+cmdline%3A%5C%5Ctest%5Cblah&sort=last_update+desc',
    );
  });
});

describe('parseFacets', () => {
  it('fills ratio/percent from the counts when the server omits them; missing fields → []', () => {
    const f = parseFacets({ facets: { a: [{ name: 'x', value: 3 }, { name: 'y', value: 1 }] } }, ['a', 'b']);
    expect(f).toEqual({ a: [{ name: 'x', value: 3, ratio: 75, percent: 100 }, { name: 'y', value: 1, ratio: 25, percent: 33 }], b: [] });
    expect(parseFacets({}, ['a'])).toEqual({ a: [] });
    expect(parseFacets({ facets: { a: [{ name: 'x', value: '2', ratio: 12.5, percent: 40 }] } }, ['a']).a).toEqual([{ name: 'x', value: 2, ratio: 12.5, percent: 40 }]);
  });
});
