/** Tokenizer for the ADQL subset the demo service runs. */

export class AdqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdqlError';
  }
}

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier or keyword text as written; string/quoted tokens hold the unescaped value. */
  text: string;
  /** Upper-cased text, for keyword comparison of identifiers. */
  upper: string;
  pos: number;
}

const OPERATORS = ['<>', '!=', '<=', '>=', '||', '=', '<', '>', '+', '-', '*', '/', '(', ')', ',', '.', ';'];

export function where(source: string, pos: number): string {
  const before = source.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const push = (kind: TokenKind, text: string, pos: number) =>
    tokens.push({ kind, text, upper: kind === 'ident' ? text.toUpperCase() : text, pos });

  while (i < n) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && source[i + 1] === '-') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new AdqlError(`ADQL syntax error at ${where(source, i)}: unterminated comment`);
      i = end + 2;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      push('ident', source.slice(start, i), start);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      while (i < n && /[0-9]/.test(source[i]!)) i++;
      if (source[i] === '.') {
        i++;
        while (i < n && /[0-9]/.test(source[i]!)) i++;
      }
      if (/[eE]/.test(source[i] ?? '') && /[-+0-9]/.test(source[i + 1] ?? '')) {
        i++;
        if (/[-+]/.test(source[i]!)) i++;
        if (!/[0-9]/.test(source[i] ?? '')) throw new AdqlError(`ADQL syntax error at ${where(source, start)}: malformed number`);
        while (i < n && /[0-9]/.test(source[i]!)) i++;
      }
      if (/[A-Za-z_]/.test(source[i] ?? '')) {
        throw new AdqlError(`ADQL syntax error at ${where(source, start)}: malformed number "${source.slice(start, i + 1)}"`);
      }
      push('number', source.slice(start, i), start);
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) {
          throw new AdqlError(
            `ADQL syntax error at ${where(source, start)}: unterminated ${c === "'" ? 'string literal' : 'quoted identifier'}`,
          );
        }
        const d = source[i]!;
        if (d === c) {
          if (source[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      if (c === '"' && value === '') throw new AdqlError(`ADQL syntax error at ${where(source, start)}: empty quoted identifier`);
      push(c === "'" ? 'string' : 'quoted', value, start);
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new AdqlError(`ADQL syntax error at ${where(source, i)}: unexpected character "${c}"`);
    push('op', op, start);
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', upper: '', pos: n });
  return tokens;
}
