// BinaryQuery: the Solr search over /api/v1/binary (no default sort); watchlists made from it
// index `modules`.
import type { ModelHost } from '@cb/core';
import { SolrQuery, type SolrQueryInit, type WatchlistIndexType } from '../query/solr-query.js';
import { Binary } from './binary.js';

export class BinaryQuery extends SolrQuery<Binary> {
  constructor(host: ModelHost, init: SolrQueryInit = {}) {
    super(host, Binary, init);
  }

  /** A query from a URL query string (`cb.urlver=1&q=...`), as the console and watchlists store them. */
  static fromRaw(host: ModelHost, searchQuery: string): BinaryQuery {
    return new BinaryQuery(host, { raw: searchQuery });
  }

  protected override get watchlistIndexType(): WatchlistIndexType {
    return 'modules';
  }
}
