/**
 * Where in the query a service's error message points, as a character range.
 * Services say it differently: DaCHS "(at char 46)" (0-based), others
 * "line 1, column 15" or "(line:1, col:16)" (1-based); a message that only
 * names a column or table in quotes points at its first use.
 */

export interface QueryPosition {
  from: number;
  to: number;
}

/** The offset of 1-based line and column in text (clamped to the text). */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length - 1); i++) offset += lines[i]!.length + 1;
  const current = lines[Math.min(line - 1, lines.length - 1)] ?? '';
  return offset + Math.min(Math.max(column - 1, 0), current.length);
}

/** The word (identifier or symbol) starting at offset, at least one character where the text allows. */
function spanAt(text: string, from: number): QueryPosition {
  if (from >= text.length) return { from: Math.max(text.length - 1, 0), to: text.length };
  const word = /^[A-Za-z_][\w.$]*|^"[^"]*"|^'[^']*'|^\d[\d.eE+-]*/.exec(text.slice(from));
  return { from, to: from + (word ? word[0].length : 1) };
}

export function errorPosition(message: string, query: string): QueryPosition | null {
  const atChar = /\bat char(?:acter)?\s+(\d+)/i.exec(message);
  if (atChar) return spanAt(query, Math.min(Number(atChar[1]), query.length));
  const lineCol = /\bline[:\s]*(\d+)\s*,\s*col(?:umn)?[:\s]*(\d+)/i.exec(message);
  if (lineCol) return spanAt(query, offsetOf(query, Number(lineCol[1]), Number(lineCol[2])));
  // A named column or table: its first use in the query (outside the message's own quotes).
  const named = /(?:column|table|field|function)\s+["'`]([^"'`]+)["'`]/i.exec(message);
  if (named) {
    const name = named[1]!;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const use = new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, 'i').exec(query);
    if (use) return { from: use.index, to: use.index + name.length };
  }
  return null;
}
