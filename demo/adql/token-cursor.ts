/**
 * The parser's position in the token list: looking at, accepting and
 * expecting keywords and operators, identifiers, syntax errors that say where,
 * and the nesting limit.
 */
import type { Ident } from './ast.ts';
import { AdqlError, tokenize, where, type Token } from './lexer.ts';

export const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'BY', 'AND', 'OR', 'NOT', 'AS', 'ON', 'JOIN', 'INNER',
  'LEFT', 'RIGHT', 'FULL', 'OUTER', 'NATURAL', 'CROSS', 'USING', 'TOP', 'DISTINCT', 'ALL', 'BETWEEN', 'LIKE',
  'ILIKE', 'IN', 'IS', 'NULL', 'EXISTS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'ASC', 'DESC', 'OFFSET', 'UNION',
  'INTERSECT', 'EXCEPT', 'WITH', 'LIMIT',
]);

/**
 * Deepest nesting of parentheses, subqueries, NOT and unary signs accepted.
 * Real queries stay far below it; beyond it the parser would exhaust the stack.
 */
export const MAX_NESTING = 100;

export class TokenCursor {
  protected i = 0;
  private depth = 0;
  protected readonly tokens: Token[];

  constructor(protected readonly source: string) {
    this.tokens = tokenize(source);
  }

  protected get t(): Token {
    return this.tokens[this.i]!;
  }
  protected peek(k = 1): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  protected fail(message: string, tok: Token = this.t): never {
    const found = tok.kind === 'eof' ? 'end of query' : `"${tok.kind === 'string' ? `'${tok.text}'` : tok.text}"`;
    throw new AdqlError(`ADQL syntax error at ${where(this.source, tok.pos)}: ${message}, found ${found}`);
  }
  protected isKw(...kws: string[]): boolean {
    return this.t.kind === 'ident' && kws.includes(this.t.upper);
  }
  protected acceptKw(kw: string): boolean {
    if (this.isKw(kw)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected expectKw(kw: string): void {
    if (!this.acceptKw(kw)) this.fail(`expected ${kw}`);
  }
  protected isOp(op: string): boolean {
    return this.t.kind === 'op' && this.t.text === op;
  }
  protected acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected "${op}"`);
  }

  /** Runs one level of nesting, refusing a query nested deeper than MAX_NESTING. */
  protected nest<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      throw new AdqlError(
        `ADQL: the query is nested too deeply at ${where(this.source, this.t.pos)} (more than ${MAX_NESTING} levels of parentheses, subqueries or operators)`,
      );
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  protected parseInteger(what: string): number {
    if (this.t.kind !== 'number' || !/^[0-9]+$/.test(this.t.text)) this.fail(`expected an unsigned integer after ${what}`);
    const v = Number(this.t.text);
    if (!Number.isSafeInteger(v)) this.fail(`${what} value is too large`);
    this.i++;
    return v;
  }

  protected parseIdent(what: string): Ident {
    const tk = this.t;
    if (tk.kind === 'quoted') {
      this.i++;
      return { name: tk.text, quoted: true };
    }
    if (tk.kind === 'ident' && !RESERVED.has(tk.upper)) {
      this.i++;
      return { name: tk.text, quoted: false };
    }
    this.fail(`expected ${what}`);
  }

  protected parseQualifiedName(what: string): Ident[] {
    const parts = [this.parseIdent(what)];
    while (this.isOp('.')) {
      this.i++;
      parts.push(this.parseIdent(what));
    }
    return parts;
  }
}
