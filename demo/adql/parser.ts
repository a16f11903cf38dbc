/** Recursive-descent parser for the ADQL subset the demo service runs. */
import { AdqlError, tokenize, where, type Token } from './lexer.ts';

export interface Ident {
  name: string;
  quoted: boolean;
}

export type Expr =
  | { k: 'num'; text: string }
  | { k: 'str'; value: string }
  | { k: 'null' }
  | { k: 'col'; parts: Ident[]; pos: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'fn'; name: string; args: Expr[]; distinct: boolean; star: boolean; pos: number }
  | { k: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; else?: Expr }
  | { k: 'cast'; e: Expr; type: string }
  | { k: 'subq'; query: Query }
  | { k: 'cmp'; op: string; l: Expr; r: Expr }
  | { k: 'and'; l: Expr; r: Expr }
  | { k: 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'between'; not: boolean; e: Expr; lo: Expr; hi: Expr }
  | { k: 'like'; not: boolean; ilike: boolean; e: Expr; pattern: Expr }
  | { k: 'in'; not: boolean; e: Expr; list?: Expr[]; query?: Query }
  | { k: 'isnull'; not: boolean; e: Expr }
  | { k: 'exists'; query: Query };

export type SelectItem = { kind: 'star'; qualifier?: Ident[] } | { kind: 'expr'; expr: Expr; alias?: Ident };

export type FromItem =
  | { kind: 'table'; name: Ident[]; alias?: Ident; pos: number }
  | { kind: 'subquery'; query: Query; alias: Ident }
  | {
      kind: 'join';
      type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
      natural: boolean;
      left: FromItem;
      right: FromItem;
      on?: Expr;
      using?: Ident[];
    };

export interface OrderItem {
  expr: Expr;
  desc: boolean;
}

export interface Query {
  distinct: boolean;
  top?: number;
  items: SelectItem[];
  from: FromItem[];
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  orderBy: OrderItem[];
  offset?: number;
}

const RESERVED = new Set([
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

class Parser {
  private i = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  private get t(): Token {
    return this.tokens[this.i]!;
  }
  private peek(k = 1): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  private fail(message: string, tok: Token = this.t): never {
    const found = tok.kind === 'eof' ? 'end of query' : `"${tok.kind === 'string' ? `'${tok.text}'` : tok.text}"`;
    throw new AdqlError(`ADQL syntax error at ${where(this.source, tok.pos)}: ${message}, found ${found}`);
  }
  private isKw(...kws: string[]): boolean {
    return this.t.kind === 'ident' && kws.includes(this.t.upper);
  }
  private acceptKw(kw: string): boolean {
    if (this.isKw(kw)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectKw(kw: string): void {
    if (!this.acceptKw(kw)) this.fail(`expected ${kw}`);
  }
  private isOp(op: string): boolean {
    return this.t.kind === 'op' && this.t.text === op;
  }
  private acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected "${op}"`);
  }

  /** Runs one level of nesting, refusing a query nested deeper than MAX_NESTING. */
  private nest<T>(parse: () => T): T {
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

  parseStatement(): Query {
    if (this.t.kind === 'eof') this.fail('expected SELECT');
    if (this.isKw('WITH')) throw new AdqlError('ADQL: WITH (common table expressions) is not supported by this service');
    const q = this.parseQuery();
    this.acceptOp(';');
    if (this.isKw('UNION', 'INTERSECT', 'EXCEPT')) {
      throw new AdqlError(`ADQL: set operations (${this.t.upper}) are not supported by this service`);
    }
    if (this.isKw('LIMIT')) throw new AdqlError('ADQL: LIMIT is not ADQL; use SELECT TOP n');
    if ((this.t as Token).kind !== 'eof') this.fail('expected end of query');
    return q;
  }

  private parseInteger(what: string): number {
    if (this.t.kind !== 'number' || !/^[0-9]+$/.test(this.t.text)) this.fail(`expected an unsigned integer after ${what}`);
    const v = Number(this.t.text);
    if (!Number.isSafeInteger(v)) this.fail(`${what} value is too large`);
    this.i++;
    return v;
  }

  private parseQuery(): Query {
    return this.nest(() => this.parseQueryBody());
  }
  private parseQueryBody(): Query {
    this.expectKw('SELECT');
    let distinct = false;
    let top: number | undefined;
    for (let guard = 0; guard < 3; guard++) {
      if (this.acceptKw('DISTINCT')) distinct = true;
      else if (this.acceptKw('ALL')) distinct = false;
      else if (this.acceptKw('TOP')) top = this.parseInteger('TOP');
      else break;
    }
    const items: SelectItem[] = [];
    do items.push(this.parseSelectItem());
    while (this.acceptOp(','));
    if (!this.isKw('FROM')) this.fail('expected FROM (ADQL requires a FROM clause)');
    this.i++;
    const from: FromItem[] = [];
    do from.push(this.parseFromItem());
    while (this.acceptOp(','));
    const q: Query = { distinct, top, items, from, groupBy: [], orderBy: [] };
    if (this.acceptKw('WHERE')) q.where = this.parseExpr();
    if (this.acceptKw('GROUP')) {
      this.expectKw('BY');
      do q.groupBy.push(this.parseExpr());
      while (this.acceptOp(','));
    }
    if (this.acceptKw('HAVING')) q.having = this.parseExpr();
    if (this.acceptKw('ORDER')) {
      this.expectKw('BY');
      do {
        const expr = this.parseExpr();
        let desc = false;
        if (this.acceptKw('DESC')) desc = true;
        else this.acceptKw('ASC');
        q.orderBy.push({ expr, desc });
      } while (this.acceptOp(','));
    }
    if (this.acceptKw('OFFSET')) q.offset = this.parseInteger('OFFSET');
    return q;
  }

  private parseSelectItem(): SelectItem {
    if (this.acceptOp('*')) return { kind: 'star' };
    // qualifier.* (one to three parts)
    let j = this.i;
    const parts: Ident[] = [];
    while (this.tokens[j]?.kind === 'ident' || this.tokens[j]?.kind === 'quoted') {
      const tk = this.tokens[j]!;
      parts.push({ name: tk.text, quoted: tk.kind === 'quoted' });
      if (this.tokens[j + 1]?.text === '.' && this.tokens[j + 1]?.kind === 'op') {
        if (this.tokens[j + 2]?.kind === 'op' && this.tokens[j + 2]?.text === '*') {
          this.i = j + 3;
          return { kind: 'star', qualifier: parts };
        }
        j += 2;
      } else break;
    }
    const expr = this.parseExpr();
    let alias: Ident | undefined;
    if (this.acceptKw('AS')) alias = this.parseIdent('an alias after AS');
    else if ((this.t.kind === 'ident' && !RESERVED.has(this.t.upper)) || this.t.kind === 'quoted') {
      alias = this.parseIdent('an alias');
    }
    return { kind: 'expr', expr, alias };
  }

  private parseIdent(what: string): Ident {
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

  private parseQualifiedName(what: string): Ident[] {
    const parts = [this.parseIdent(what)];
    while (this.isOp('.')) {
      this.i++;
      parts.push(this.parseIdent(what));
    }
    return parts;
  }

  private parseFromItem(): FromItem {
    let left = this.parseFromPrimary();
    for (;;) {
      let natural = false;
      let type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' = 'INNER';
      const save = this.i;
      if (this.acceptKw('NATURAL')) natural = true;
      if (this.acceptKw('CROSS')) type = 'CROSS';
      else if (this.acceptKw('INNER')) type = 'INNER';
      else if (this.isKw('LEFT', 'RIGHT', 'FULL')) {
        type = this.t.upper as 'LEFT' | 'RIGHT' | 'FULL';
        this.i++;
        this.acceptKw('OUTER');
      }
      if (!this.acceptKw('JOIN')) {
        if (this.i !== save) this.fail('expected JOIN');
        return left;
      }
      const right = this.parseFromPrimary();
      const join: FromItem = { kind: 'join', type, natural, left, right };
      if (type !== 'CROSS' && !natural) {
        if (this.acceptKw('ON')) join.on = this.parseExpr();
        else if (this.acceptKw('USING')) {
          this.expectOp('(');
          join.using = [];
          do join.using.push(this.parseIdent('a column name in USING'));
          while (this.acceptOp(','));
          this.expectOp(')');
        } else this.fail('expected ON or USING after JOIN');
      }
      left = join;
    }
  }

  private parseFromPrimary(): FromItem {
    if (this.acceptOp('(')) {
      if (this.isKw('SELECT')) {
        const query = this.parseQuery();
        this.expectOp(')');
        this.acceptKw('AS');
        const alias = this.parseIdent('an alias for the subquery (ADQL requires one)');
        return { kind: 'subquery', query, alias };
      }
      const inner = this.nest(() => this.parseFromItem());
      this.expectOp(')');
      return inner;
    }
    const pos = this.t.pos;
    const name = this.parseQualifiedName('a table name');
    let alias: Ident | undefined;
    if (this.acceptKw('AS')) alias = this.parseIdent('a table alias after AS');
    else if ((this.t.kind === 'ident' && !RESERVED.has(this.t.upper)) || this.t.kind === 'quoted') {
      alias = this.parseIdent('a table alias');
    }
    return { kind: 'table', name, alias, pos };
  }

  parseExpr(): Expr {
    return this.nest(() => this.parseOr());
  }
  private parseOr(): Expr {
    let l = this.parseAnd();
    while (this.acceptKw('OR')) l = { k: 'or', l, r: this.parseAnd() };
    return l;
  }
  private parseAnd(): Expr {
    let l = this.parseNot();
    while (this.acceptKw('AND')) l = { k: 'and', l, r: this.parseNot() };
    return l;
  }
  private parseNot(): Expr {
    if (this.acceptKw('NOT')) return { k: 'not', e: this.nest(() => this.parseNot()) };
    return this.parsePredicate();
  }
  private parsePredicate(): Expr {
    if (this.acceptKw('EXISTS')) {
      this.expectOp('(');
      const query = this.parseQuery();
      this.expectOp(')');
      return { k: 'exists', query };
    }
    const e = this.parseAdditive();
    if (this.t.kind === 'op' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(this.t.text)) {
      const op = this.t.text === '!=' ? '<>' : this.t.text;
      this.i++;
      return { k: 'cmp', op, l: e, r: this.parseAdditive() };
    }
    if (this.acceptKw('IS')) {
      const not = this.acceptKw('NOT');
      this.expectKw('NULL');
      return { k: 'isnull', not, e };
    }
    const not = this.acceptKw('NOT');
    if (this.acceptKw('BETWEEN')) {
      const lo = this.parseAdditive();
      this.expectKw('AND');
      return { k: 'between', not, e, lo, hi: this.parseAdditive() };
    }
    if (this.isKw('LIKE', 'ILIKE')) {
      const ilike = this.t.upper === 'ILIKE';
      this.i++;
      return { k: 'like', not, ilike, e, pattern: this.parseAdditive() };
    }
    if (this.acceptKw('IN')) {
      this.expectOp('(');
      if (this.isKw('SELECT')) {
        const query = this.parseQuery();
        this.expectOp(')');
        return { k: 'in', not, e, query };
      }
      const list: Expr[] = [];
      do list.push(this.parseAdditive());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { k: 'in', not, e, list };
    }
    if (not) this.fail('expected BETWEEN, LIKE or IN after NOT');
    return e;
  }
  private parseAdditive(): Expr {
    let l = this.parseMultiplicative();
    while (this.t.kind === 'op' && (this.t.text === '+' || this.t.text === '-' || this.t.text === '||')) {
      const op = this.t.text;
      this.i++;
      l = { k: 'bin', op, l, r: this.parseMultiplicative() };
    }
    return l;
  }
  private parseMultiplicative(): Expr {
    let l = this.parseUnary();
    while (this.t.kind === 'op' && (this.t.text === '*' || this.t.text === '/')) {
      const op = this.t.text;
      this.i++;
      l = { k: 'bin', op, l, r: this.parseUnary() };
    }
    return l;
  }
  private parseUnary(): Expr {
    if (this.acceptOp('-')) return { k: 'neg', e: this.nest(() => this.parseUnary()) };
    if (this.acceptOp('+')) return this.nest(() => this.parseUnary());
    return this.parsePrimary();
  }
  private parsePrimary(): Expr {
    const tk = this.t;
    if (tk.kind === 'number') {
      this.i++;
      return { k: 'num', text: tk.text };
    }
    if (tk.kind === 'string') {
      this.i++;
      let value = tk.text;
      // Adjacent string literals concatenate, as in SQL.
      while (this.t.kind === 'string') {
        value += this.t.text;
        this.i++;
      }
      return { k: 'str', value };
    }
    if (this.acceptOp('(')) {
      if (this.isKw('SELECT')) {
        const query = this.parseQuery();
        this.expectOp(')');
        return { k: 'subq', query };
      }
      const e = this.parseExpr();
      this.expectOp(')');
      return e;
    }
    if (tk.kind === 'ident') {
      if (tk.upper === 'NULL') {
        this.i++;
        return { k: 'null' };
      }
      if (tk.upper === 'CASE') return this.parseCase();
      if (tk.upper === 'CAST' && this.peek().text === '(') return this.parseCast();
      if (this.peek().kind === 'op' && this.peek().text === '(' && !RESERVED.has(tk.upper)) return this.parseCall();
    }
    if (tk.kind === 'ident' || tk.kind === 'quoted') {
      if (tk.kind === 'ident' && RESERVED.has(tk.upper)) this.fail('expected an expression');
      return { k: 'col', parts: this.parseQualifiedName('a column name'), pos: tk.pos };
    }
    this.fail('expected an expression');
  }
  private parseCall(): Expr {
    const pos = this.t.pos;
    const name = this.t.upper;
    this.i += 2;
    const call: Expr & { k: 'fn' } = { k: 'fn', name, args: [], distinct: false, star: false, pos };
    if (this.acceptOp(')')) return call;
    if (this.isOp('*')) {
      this.i++;
      call.star = true;
      this.expectOp(')');
      return call;
    }
    if (this.acceptKw('DISTINCT')) call.distinct = true;
    else this.acceptKw('ALL');
    do call.args.push(this.parseExpr());
    while (this.acceptOp(','));
    this.expectOp(')');
    return call;
  }
  private parseCase(): Expr {
    this.i++;
    const c: Expr & { k: 'case' } = { k: 'case', whens: [] };
    if (!this.isKw('WHEN')) c.operand = this.parseAdditive();
    while (this.acceptKw('WHEN')) {
      const when = this.parseExpr();
      this.expectKw('THEN');
      c.whens.push({ when, then: this.parseExpr() });
    }
    if (c.whens.length === 0) this.fail('expected WHEN');
    if (this.acceptKw('ELSE')) c.else = this.parseExpr();
    this.expectKw('END');
    return c;
  }
  private parseCast(): Expr {
    this.i += 2;
    const e = this.parseExpr();
    this.expectKw('AS');
    if (this.t.kind !== 'ident') this.fail('expected a type name');
    let type = this.t.upper;
    this.i++;
    if (type === 'DOUBLE' && this.acceptKw('PRECISION')) type = 'DOUBLE PRECISION';
    if (this.acceptOp('(')) {
      const len = this.parseInteger('a type length');
      this.expectOp(')');
      type += `(${len})`;
    }
    this.expectOp(')');
    return { k: 'cast', e, type };
  }
}

export function parseAdql(source: string): Query {
  return new Parser(source).parseStatement();
}
