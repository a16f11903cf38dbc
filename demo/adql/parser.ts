/** Recursive-descent parser for the ADQL subset the demo service runs: the statement, its SELECT list and FROM clause. */
import type { FromItem, Ident, Query, SelectItem } from './ast.ts';
import { ExpressionParser } from './expressions.ts';
import { AdqlError, type Token } from './lexer.ts';
import { RESERVED } from './token-cursor.ts';

export type { Expr, FromItem, Ident, OrderItem, Query, SelectItem } from './ast.ts';
export { MAX_NESTING } from './token-cursor.ts';

class Parser extends ExpressionParser {
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

  protected parseQuery(): Query {
    return this.nest(() => this.parseQueryBody());
  }
  protected parseQueryBody(): Query {
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

  protected parseSelectItem(): SelectItem {
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

  protected parseFromItem(): FromItem {
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

  protected parseFromPrimary(): FromItem {
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
}

export function parseAdql(source: string): Query {
  return new Parser(source).parseStatement();
}
