/**
 * The expression grammar: boolean logic, predicates (comparison, BETWEEN,
 * LIKE, IN, IS NULL, EXISTS), arithmetic, literals, columns, function calls,
 * CASE and CAST. Subqueries inside expressions are parsed by the statement
 * parser (./parser) through parseQuery.
 */
import type { Expr, Query } from './ast.ts';
import { RESERVED, TokenCursor } from './token-cursor.ts';

export abstract class ExpressionParser extends TokenCursor {
  /** A whole SELECT, for subqueries in EXISTS, IN and scalar positions. */
  protected abstract parseQuery(): Query;

  parseExpr(): Expr {
    return this.nest(() => this.parseOr());
  }
  protected parseOr(): Expr {
    let l = this.parseAnd();
    while (this.acceptKw('OR')) l = { k: 'or', l, r: this.parseAnd() };
    return l;
  }
  protected parseAnd(): Expr {
    let l = this.parseNot();
    while (this.acceptKw('AND')) l = { k: 'and', l, r: this.parseNot() };
    return l;
  }
  protected parseNot(): Expr {
    if (this.acceptKw('NOT')) return { k: 'not', e: this.nest(() => this.parseNot()) };
    return this.parsePredicate();
  }
  protected parsePredicate(): Expr {
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
  protected parseAdditive(): Expr {
    let l = this.parseMultiplicative();
    while (this.t.kind === 'op' && (this.t.text === '+' || this.t.text === '-' || this.t.text === '||')) {
      const op = this.t.text;
      this.i++;
      l = { k: 'bin', op, l, r: this.parseMultiplicative() };
    }
    return l;
  }
  protected parseMultiplicative(): Expr {
    let l = this.parseUnary();
    while (this.t.kind === 'op' && (this.t.text === '*' || this.t.text === '/')) {
      const op = this.t.text;
      this.i++;
      l = { k: 'bin', op, l, r: this.parseUnary() };
    }
    return l;
  }
  protected parseUnary(): Expr {
    if (this.acceptOp('-')) return { k: 'neg', e: this.nest(() => this.parseUnary()) };
    if (this.acceptOp('+')) return this.nest(() => this.parseUnary());
    return this.parsePrimary();
  }
  protected parsePrimary(): Expr {
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
  protected parseCall(): Expr {
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
  protected parseCase(): Expr {
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
  protected parseCast(): Expr {
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
