// Recursive-descent parser for the Cb Response query language (Lucene classic syntax with the
// server's leniencies). Precedence, loosest first: OR, AND (explicit or implicit – the server's
// default operator is AND), unary NOT / `-` / `+` / `!`.
//
// Escaping follows Lucene for special characters (`\:`, `\(`, `\"`, `\\`, `\ ` ...), but a
// backslash before an ordinary character stays literal so unescaped Windows paths work
// (`path:c:\windows\system32\cmd.exe`), and `\*` / `\?` mean "backslash, then wildcard"
// (Windows paths cannot contain `*` or `?`; quote a phrase to search a literal `*`). Inside a
// word, `\{` keeps its backslash too: Windows paths put GUIDs right after a separator
// (`regmod:...\deviceclasses\{53f56307-...}\*`); at the start of a value it still escapes the brace.
// A value after `field:` may contain unescaped colons (`path:c:\windows\*`).

import type { QueryNode, TermValue } from './ast.js';
import { QuerySyntaxError } from './errors.js';

const MAX_DEPTH = 64;
const MATCH_ALL: QueryNode = { kind: 'all' };
/** Characters a backslash escapes (the backslash is dropped). `*` and `?` are deliberately absent. */
const ESCAPABLE = new Set(['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', ':', '/']);
const FIELD_PREFIX = /[A-Za-z_][A-Za-z0-9_.]*:/y;

type Keyword = 'AND' | 'OR' | 'NOT';

function isWs(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): QueryNode {
    this.skipWs();
    if (this.eof()) return MATCH_ALL;
    const node = this.parseOr(null);
    this.skipWs();
    if (!this.eof()) throw this.error(`Unexpected '${this.text[this.pos]}'`, this.pos);
    return node;
  }

  private parseOr(field: string | null): QueryNode {
    const children = [this.parseAnd(field)];
    for (;;) {
      this.skipWs();
      const kw = this.peekKeyword();
      if (kw?.word !== 'OR') break;
      const opPos = this.pos;
      this.pos += kw.length;
      this.requireOperand('OR', opPos);
      children.push(this.parseAnd(field));
    }
    return children.length === 1 ? children[0] : { kind: 'or', children: flatten('or', children) };
  }

  private parseAnd(field: string | null): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      this.skipWs();
      if (this.eof() || this.text[this.pos] === ')') break;
      const kw = this.peekKeyword();
      if (kw?.word === 'OR') break;
      if (kw?.word === 'AND') {
        const opPos = this.pos;
        this.pos += kw.length;
        this.requireOperand('AND', opPos);
      }
      children.push(this.parseUnary(field));
    }
    return children.length === 1 ? children[0] : { kind: 'and', children: flatten('and', children) };
  }

  private parseUnary(field: string | null): QueryNode {
    this.skipWs();
    const kw = this.peekKeyword();
    if (kw?.word === 'NOT') {
      const opPos = this.pos;
      this.pos += kw.length;
      this.requireOperand('NOT', opPos);
      return { kind: 'not', child: this.parseUnary(field) };
    }
    if (kw) throw this.error(`Operator ${kw.word} is missing its left operand`, this.pos);
    const ch = this.text[this.pos];
    if (ch === '-' || ch === '+' || ch === '!') {
      const next = this.text[this.pos + 1];
      if (next === undefined || isWs(next) || next === ')') {
        throw this.error(`Operator '${ch}' must be followed by a clause`, this.pos);
      }
      this.pos += 1;
      const child = this.parsePrimary(field);
      return ch === '+' ? child : { kind: 'not', child };
    }
    return this.parsePrimary(field);
  }

  private parsePrimary(inherited: string | null): QueryNode {
    const ch = this.text[this.pos];
    if (ch === '(') return this.parseGroup(inherited);
    if (ch === ')') throw this.error("Unexpected ')'", this.pos);
    if (ch === '"') return this.parsePhrase(inherited, this.pos);
    if (ch === '[' || ch === '{') return this.parseRange(inherited, this.pos);

    FIELD_PREFIX.lastIndex = this.pos;
    const m = FIELD_PREFIX.exec(this.text);
    if (m) {
      const field = m[0].slice(0, -1);
      const fieldPos = this.pos;
      this.pos += m[0].length;
      return this.parseFieldValue(field, fieldPos);
    }
    const start = this.pos;
    const value = this.readWord();
    const raw = this.text.slice(start, this.pos);
    if (inherited === null && (raw === '*' || raw === '*:*')) return MATCH_ALL;
    if (inherited !== null && raw === '*') {
      return { kind: 'exists', field: inherited, source: `${inherited}:*`, position: start };
    }
    return { kind: 'term', field: inherited, value, source: withField(inherited, raw), position: start };
  }

  private parseFieldValue(field: string, fieldPos: number): QueryNode {
    if (this.eof()) throw this.error(`Field '${field}' has no value`, fieldPos);
    if (isWs(this.text[this.pos])) {
      // Lucene tolerates `field: value`; a missing value is still an error.
      this.skipWs();
      if (this.eof() || this.text[this.pos] === ')' || this.peekKeyword()) {
        throw this.error(`Field '${field}' has no value`, fieldPos);
      }
    }
    const ch = this.text[this.pos];
    if (ch === '(') return this.parseGroup(field);
    if (ch === ')') throw this.error(`Field '${field}' has no value`, fieldPos);
    if (ch === '"') return this.parsePhrase(field, fieldPos);
    if (ch === '[' || ch === '{') return this.parseRange(field, fieldPos);
    const start = this.pos;
    const value = this.readWord();
    const raw = this.text.slice(start, this.pos);
    if (field === '*' || (raw === '*' && value.wildcards.length === 1)) {
      return { kind: 'exists', field, source: `${field}:*`, position: fieldPos };
    }
    return { kind: 'term', field, value, source: `${field}:${raw}`, position: fieldPos };
  }

  private parseGroup(field: string | null): QueryNode {
    const open = this.pos;
    this.pos += 1;
    if (++this.depth > MAX_DEPTH) throw this.error('Query is nested too deeply', open);
    this.skipWs();
    if (this.eof()) throw this.error("Unbalanced parenthesis: '(' is never closed", open);
    if (this.text[this.pos] === ')') throw this.error('Empty parenthesised group', open);
    const node = this.parseOr(field);
    this.skipWs();
    if (this.text[this.pos] !== ')') throw this.error("Unbalanced parenthesis: '(' is never closed", open);
    this.pos += 1;
    this.depth -= 1;
    return node;
  }

  private parsePhrase(field: string | null, clausePos: number): QueryNode {
    const open = this.pos;
    this.pos += 1;
    let text = '';
    for (;;) {
      if (this.eof()) throw this.error('Unterminated quoted phrase', open);
      const ch = this.text[this.pos];
      const next = this.text[this.pos + 1];
      if (ch === '\\' && (next === '"' || next === '\\')) {
        text += next;
        this.pos += 2;
        continue;
      }
      this.pos += 1;
      if (ch === '"') break;
      text += ch;
    }
    const raw = this.text.slice(open, this.pos);
    this.skipSuffix('~');
    return { kind: 'phrase', field, text, source: withField(field, raw), position: clausePos };
  }

  private parseRange(field: string | null, clausePos: number): QueryNode {
    const open = this.pos;
    const includeLower = this.text[open] === '[';
    this.pos += 1;
    this.skipWs();
    const lower = this.readRangeValue(open, false);
    this.skipWs();
    const afterTo = this.text[this.pos + 2];
    if (!(this.text.startsWith('TO', this.pos) && (afterTo === undefined || isWs(afterTo)))) {
      if (this.eof()) throw this.error('Unterminated range query', open);
      throw this.error("Expected 'TO' in range query", this.pos);
    }
    this.pos += 2;
    this.skipWs();
    const upper = this.readRangeValue(open, true);
    this.skipWs();
    const close = this.text[this.pos];
    if (close !== ']' && close !== '}') {
      if (this.eof()) throw this.error('Unterminated range query', open);
      throw this.error("Expected ']' or '}' to close range query", this.pos);
    }
    this.pos += 1;
    const raw = this.text.slice(open, this.pos);
    return {
      kind: 'range',
      field,
      lower,
      upper,
      includeLower,
      includeUpper: close === ']',
      source: withField(field, raw),
      position: clausePos,
    };
  }

  /** One range bound: quoted, `*` (open → null) or a bare word. */
  private readRangeValue(open: number, isUpper: boolean): string | null {
    if (this.eof()) throw this.error('Unterminated range query', open);
    if (this.text[this.pos] === '"') {
      const q = this.pos;
      const end = this.text.indexOf('"', q + 1);
      if (end < 0) throw this.error('Unterminated quoted phrase', q);
      this.pos = end + 1;
      return this.text.slice(q + 1, end);
    }
    let out = '';
    while (!this.eof()) {
      const ch = this.text[this.pos];
      if (isWs(ch) || (isUpper && (ch === ']' || ch === '}'))) break;
      if (ch === '\\' && this.pos + 1 < this.text.length && ESCAPABLE.has(this.text[this.pos + 1])) {
        out += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos += 1;
    }
    if (out === '') throw this.error('Range query is missing a bound', this.pos);
    return out === '*' ? null : out;
  }

  /** A bare word: up to whitespace, a parenthesis or a quote. Applies the escape rules above. */
  private readWord(): TermValue {
    let text = '';
    const wildcards: number[] = [];
    const start = this.pos;
    while (!this.eof()) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === '{' && text !== '' && !text.endsWith('\\')) {
          // Mid-word `\{` is a path separator before a GUID (`...\deviceclasses\{53f56307-...}\*`,
          // as cbapi's enumerate_usb_devices.py writes it): keep the backslash, the brace is literal.
          text += '\\';
          this.pos += 1;
          continue;
        }
        if (next !== undefined && (ESCAPABLE.has(next) || isWs(next))) {
          text += next;
          this.pos += 2;
        } else {
          text += '\\';
          this.pos += 1;
        }
        continue;
      }
      if (isWs(ch) || ch === '(' || ch === ')' || ch === '"') break;
      if (ch === '*' || ch === '?') wildcards.push(text.length);
      text += ch;
      this.pos += 1;
    }
    if (this.pos === start) throw this.error(`Unexpected '${this.text[this.pos]}'`, this.pos);
    return { text, wildcards };
  }

  /** Operand required after a binary/unary keyword operator. */
  private requireOperand(op: Keyword, opPos: number): void {
    this.skipWs();
    if (this.eof() || this.text[this.pos] === ')') {
      throw this.error(`Operator ${op} is missing its right operand`, opPos);
    }
    const kw = this.peekKeyword();
    if (kw && kw.word !== 'NOT') throw this.error(`Operator ${op} is followed by operator ${kw.word}`, opPos);
  }

  private peekKeyword(): { word: Keyword; length: number } | null {
    const t = this.text;
    const p = this.pos;
    const candidates: Array<[string, Keyword]> = [
      ['AND', 'AND'],
      ['OR', 'OR'],
      ['NOT', 'NOT'],
      ['&&', 'AND'],
      ['||', 'OR'],
    ];
    for (const [spelling, word] of candidates) {
      if (!t.startsWith(spelling, p)) continue;
      const after = t[p + spelling.length];
      if (after === undefined || isWs(after) || after === '(' || after === '"') return { word, length: spelling.length };
    }
    return null;
  }

  /** Drop a trailing `~N` (proximity) – matching treats sloppy phrases as exact phrases. */
  private skipSuffix(marker: string): void {
    if (this.text[this.pos] !== marker) return;
    this.pos += 1;
    while (!this.eof() && /[0-9.]/.test(this.text[this.pos])) this.pos += 1;
  }

  private skipWs(): void {
    while (!this.eof() && isWs(this.text[this.pos])) this.pos += 1;
  }

  private eof(): boolean {
    return this.pos >= this.text.length;
  }

  private error(message: string, position: number): QuerySyntaxError {
    return new QuerySyntaxError(message, position);
  }
}

function withField(field: string | null, raw: string): string {
  return field === null ? raw : `${field}:${raw}`;
}

function flatten(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode[] {
  const out: QueryNode[] = [];
  for (const n of nodes) {
    if (n.kind === kind) out.push(...n.children);
    else out.push(n);
  }
  return out;
}

/** Parse query text; throws QuerySyntaxError (with a 0-based position) on malformed input. */
export function parseQuery(text: string): QueryNode {
  return new Parser(text).parse();
}
