import { describe, expect, it } from 'vitest';
import { errorPosition } from './error-position';

describe('errorPosition', () => {
  it('reads DaCHS’s 0-based “at char”', () => {
    const query = 'SELECT ra, dec FROM demo.stars WHERE mag <';
    const message = 'Field query: Could not parse your query: Expected boolean expression, found end of text  (at char 42), (line:1, col:43)';
    expect(errorPosition(message, query)).toEqual({ from: 41, to: 42 });
    const inside = 'SELECT ra FROM demo.stars WHER mag < 3';
    expect(errorPosition('Expected end of text, found WHER (at char 26), (line:1, col:27)', inside)).toEqual({ from: 26, to: 30 });
  });

  it('reads a 1-based line and column on any line', () => {
    const query = 'SELECT ra, dec\nFROM demo.stars WHERE mag <';
    expect(errorPosition('ADQL syntax error at line 2, column 28: expected an expression, found end of query', query)).toEqual({ from: 41, to: 42 });
    expect(errorPosition('syntax error at line 2, column 6', query)).toEqual({ from: 20, to: 30 });
  });

  it('points at the first use of a column the message names', () => {
    const query = 'SELECT ra, nosuch FROM demo.stars';
    expect(errorPosition('ADQL: column "nosuch" does not exist in the tables of the FROM clause', query)).toEqual({ from: 11, to: 17 });
    expect(errorPosition("No such field known: column 'nosuch' could not be located in table metadata", query)).toEqual({ from: 11, to: 17 });
  });

  it('marks nothing when the message names no position', () => {
    expect(errorPosition('The service is overloaded', 'SELECT 1')).toBeNull();
  });
});
