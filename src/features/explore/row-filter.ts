/**
 * Row filters typed by the user: per-column conditions combined with and, or
 * and not, e.g. `mag < 12 and parallax > 1`, `name = 'M 31'`, `z is not null`.
 * Parsed into a tree (never evaluated as code), then run over whole columns.
 */

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; column: string; op: CompareOp; value: number | string; at: number }
  | { kind: 'null'; column: string; negated: boolean; at: number };

export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError';
  constructor(
    message: string,
    /** 0-based character offset of the problem. */
    readonly at: number,
  ) {
    super(`${message} (at character ${at + 1})`);
  }
}

type Token = { type: 'word' | 'name' | 'number' | 'string' | 'op' | '(' | ')'; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '(' || c === ')') {
      tokens.push({ type: c, text: c, at });
      i++;
    } else if ('<>=!'.includes(c)) {
      const two = text.slice(i, i + 2);
      const op = ['<=', '>=', '!=', '<>', '=='].includes(two) ? two : c;
      if (op === '!') throw new FilterSyntaxError('A lone ! is not a comparison; write !=', at);
      tokens.push({ type: 'op', text: op, at });
      i += op.length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length) {
        if (text[j] === c && text[j + 1] === c) {
          value += c;
          j += 2;
        } else if (text[j] === c) break;
        else value += text[j++];
      }
      if (j >= text.length) throw new FilterSyntaxError(`The text starting with ${c} is not closed`, at);
      // Double quotes name a column (as in ADQL); single quotes are text.
      tokens.push({ type: c === '"' ? 'name' : 'string', text: value, at });
      i = j + 1;
    } else {
      const m = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])|[A-Za-z_][\w.]*)/.exec(text.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected ${JSON.stringify(c)}`, at);
      tokens.push({ type: /^[A-Za-z_]/.test(m[0]) ? 'word' : 'number', text: m[0], at });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseRowFilter(text: string): FilterNode | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.type === 'word' && t.text.toLowerCase() === w;
  const end = text.length;

  function or(): FilterNode {
    let left = and();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }
  function and(): FilterNode {
    let left = not();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  }
  function not(): FilterNode {
    if (isWord(peek(), 'not')) {
      pos++;
      return { kind: 'not', operand: not() };
    }
    return primary();
  }
  function primary(): FilterNode {
    const t = peek();
    if (!t) throw new FilterSyntaxError('The condition ends too soon', end);
    if (t.type === '(') {
      pos++;
      const inner = or();
      if (peek()?.type !== ')') throw new FilterSyntaxError('A ( is not closed', peek()?.at ?? end);
      pos++;
      return inner;
    }
    if (t.type !== 'word' && t.type !== 'name') throw new FilterSyntaxError('Expected a column name', t.at);
    pos++;
    const column = t.text;
    if (isWord(peek(), 'is')) {
      pos++;
      const negated = isWord(peek(), 'not');
      if (negated) pos++;
      if (!isWord(peek(), 'null')) throw new FilterSyntaxError('Expected null after is', peek()?.at ?? end);
      pos++;
      return { kind: 'null', column, negated, at: t.at };
    }
    const op = peek();
    if (op?.type !== 'op') throw new FilterSyntaxError(`Expected a comparison (<, <=, >, >=, =, !=) after ${column}`, op?.at ?? end);
    pos++;
    const v = peek();
    if (!v || (v.type !== 'number' && v.type !== 'string')) throw new FilterSyntaxError('Expected a number or a quoted text', v?.at ?? end);
    pos++;
    const normal = op.text === '==' ? '=' : op.text === '<>' ? '!=' : op.text;
    return { kind: 'compare', column, op: normal as CompareOp, value: v.type === 'number' ? Number(v.text) : v.text, at: t.at };
  }

  const tree = or();
  if (pos < tokens.length) throw new FilterSyntaxError(`Unexpected ${JSON.stringify(tokens[pos]!.text)}; join conditions with and / or`, tokens[pos]!.at);
  return tree;
}

/** A column as the filter sees it: numbers (NaN = null) or texts (null = null). */
export type FilterColumn = { kind: 'number'; values: Float64Array } | { kind: 'text'; values: readonly (string | null)[] };

/** Names used in the filter, to fetch only those columns. */
export function filterColumns(node: FilterNode | null): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...new Set([...filterColumns(node.left), ...filterColumns(node.right)])];
    case 'not':
      return filterColumns(node.operand);
    default:
      return [node.column];
  }
}

function compare(a: number | string, op: CompareOp, b: number | string): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * 1 for each row that passes. A comparison with a null cell is false (as in
 * SQL), so `not (mag < 12)` keeps only rows with a magnitude.
 */
export function evaluateFilter(node: FilterNode, rowCount: number, column: (name: string) => FilterColumn | undefined): Uint8Array {
  const run = (n: FilterNode): Uint8Array => {
    switch (n.kind) {
      case 'and':
      case 'or': {
        const a = run(n.left);
        const b = run(n.right);
        for (let i = 0; i < rowCount; i++) a[i] = n.kind === 'and' ? a[i]! & b[i]! : a[i]! | b[i]!;
        return a;
      }
      case 'not': {
        const a = run(n.operand);
        const known = nonNullMask(n.operand);
        for (let i = 0; i < rowCount; i++) a[i] = known[i]! & (a[i]! ^ 1);
        return a;
      }
      case 'null': {
        const c = get(n.column, n.at);
        const out = new Uint8Array(rowCount);
        for (let i = 0; i < rowCount; i++) {
          const isNull = c.kind === 'number' ? Number.isNaN(c.values[i]!) : c.values[i] === null;
          out[i] = isNull !== n.negated ? 1 : 0;
        }
        return out;
      }
      case 'compare': {
        const c = get(n.column, n.at);
        const out = new Uint8Array(rowCount);
        if (c.kind === 'number') {
          if (typeof n.value !== 'number') throw new FilterSyntaxError(`${n.column} holds numbers; compare it with a number`, n.at);
          for (let i = 0; i < rowCount; i++) {
            const v = c.values[i]!;
            out[i] = !Number.isNaN(v) && compare(v, n.op, n.value) ? 1 : 0;
          }
        } else {
          const target = String(n.value);
          for (let i = 0; i < rowCount; i++) {
            const v = c.values[i];
            out[i] = v !== null && v !== undefined && compare(v, n.op, target) ? 1 : 0;
          }
        }
        return out;
      }
    }
  };
  // Rows where every column a condition reads has a value: a negated comparison is false on nulls too.
  const nonNullMask = (n: FilterNode): Uint8Array => {
    const out = new Uint8Array(rowCount).fill(1);
    for (const name of filterColumns(n)) {
      const c = get(name, 0);
      for (let i = 0; i < rowCount; i++) if (c.kind === 'number' ? Number.isNaN(c.values[i]!) : c.values[i] === null) out[i] = 0;
    }
    return out;
  };
  const get = (name: string, at: number): FilterColumn => {
    const c = column(name);
    if (!c) throw new FilterSyntaxError(`There is no column ${name}`, at);
    return c;
  };
  return run(node);
}
