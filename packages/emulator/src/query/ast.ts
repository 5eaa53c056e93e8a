// Syntax tree of a Cb Response (Solr/Lucene-style) query, as produced by parseQuery.

/** A single value as written after unescaping; `wildcards` lists offsets of live `*`/`?` chars. */
export interface TermValue {
  text: string;
  /** Offsets into `text` of unescaped wildcard characters (empty → exact term). */
  wildcards: number[];
}

export interface TermNode {
  kind: 'term';
  /** Field name as written, or null for a bare term (default fields). */
  field: string | null;
  value: TermValue;
  /** Source text of the clause (for the response's `terms` list). */
  source: string;
  position: number;
}

export interface PhraseNode {
  kind: 'phrase';
  field: string | null;
  /** Phrase text; wildcard characters inside quotes are literal. */
  text: string;
  source: string;
  position: number;
}

export interface RangeNode {
  kind: 'range';
  field: string | null;
  /** null = open end (`*`). */
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
  source: string;
  position: number;
}

/** `field:*` — the field has at least one non-empty value. */
export interface ExistsNode {
  kind: 'exists';
  field: string;
  source: string;
  position: number;
}

/** `*`, `*:*` or an empty query. */
export interface MatchAllNode {
  kind: 'all';
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

export type LeafNode = TermNode | PhraseNode | RangeNode | ExistsNode;
export type QueryNode = LeafNode | MatchAllNode | AndNode | OrNode | NotNode;

/** Leaf clauses in source order – the server echoes these as `terms`. */
export function collectTerms(node: QueryNode, out: string[] = []): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const c of node.children) collectTerms(c, out);
      break;
    case 'not':
      collectTerms(node.child, out);
      break;
    case 'all':
      break;
    default:
      out.push(node.source);
  }
  return out;
}
