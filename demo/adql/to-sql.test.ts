import { describe, expect, test } from 'vitest';
import { tables } from '../catalogue.ts';
import { AdqlError } from './lexer.ts';
import { translate } from './to-sql.ts';

const sql = (adql: string, limit?: number) => translate(adql, { tables, limit });
const fails = (adql: string) => {
  try {
    sql(adql);
  } catch (e) {
    expect(e).toBeInstanceOf(AdqlError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${adql}`);
};

describe('translation', () => {
  test('TOP and the caller limit combine into one LIMIT', () => {
    expect(sql('SELECT TOP 5 id FROM demo.stars', 101).sql).toMatch(/LIMIT 5$/);
    expect(sql('SELECT TOP 500 id FROM demo.stars', 101).sql).toMatch(/LIMIT 101$/);
    expect(sql('select distinct top 3 flag from demo.stars').sql).toMatch(/^SELECT DISTINCT .* LIMIT 3$/);
  });

  test('identifiers are case-insensitive unless delimited', () => {
    const t = sql('SELECT RA, Dec FROM DEMO.STARS');
    expect(t.columns.map((c) => c.name)).toEqual(['ra', 'dec']);
    expect(t.columns[0]!.meta?.unit).toBe('deg');
    expect(fails('SELECT "RA" FROM demo.stars')).toContain('column "RA" does not exist');
  });

  test('aliases name the output and can be used in ORDER BY', () => {
    const t = sql('SELECT s.mag AS g, s.id FROM demo.stars AS s ORDER BY g DESC');
    expect(t.columns.map((c) => c.name)).toEqual(['g', 'id']);
    expect(t.sql).toContain('ORDER BY c0 DESC');
  });

  test('star expands to the published columns, qualified star to one table', () => {
    expect(sql('SELECT * FROM demo.stars').columns).toHaveLength(13);
    expect(sql('SELECT b.* FROM demo.stars AS a JOIN demo.numbers AS b ON b.n = a.id').columns.map((c) => c.name)).toEqual(['n']);
  });

  test('duplicate output names get a suffix', () => {
    expect(sql('SELECT a.id, b.id FROM demo.stars AS a, demo.stars AS b WHERE a.id = b.id').columns.map((c) => c.name)).toEqual(['id', 'id_2']);
  });

  test('CONTAINS(...) = 1 becomes an index-friendly predicate', () => {
    const t = sql("SELECT id FROM demo.stars WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.5)) = 1");
    expect(t.sql).toContain('BETWEEN (20) - (0.5) AND (20) + (0.5)');
    expect(t.sql).toContain('demo_distance(t1."ra", t1."dec", 10, 20) <= (0.5)');
  });

  test('string literals are escaped', () => {
    expect(sql("SELECT id FROM demo.stars WHERE designation = 'it''s'").sql).toContain("'it''s'");
  });

  test('ambiguous columns in joins are reported', () => {
    expect(fails('SELECT id FROM demo.stars AS a, demo.stars AS b')).toContain('ambiguous');
  });

  test('USING columns may stay unqualified', () => {
    expect(sql('SELECT id FROM demo.stars AS a JOIN demo.stars AS b USING (id)').sql).toContain('USING ("id")');
  });
});

describe('errors name what is wrong', () => {
  test.each([
    ['SELECT', 'expected an expression, found end of query'],
    ['SELECT id FROM', 'expected a table name'],
    ['SELECT id demo.stars', 'expected FROM'],
    ['SELECT id FROM demo.stars WHERE', 'expected an expression'],
    ["SELECT 'open FROM demo.stars", 'unterminated string literal'],
    ['SELECT id FROM demo.stars LIMIT 3', 'LIMIT is not ADQL'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'WITH'],
    ['SELECT id FROM demo.stars WHERE id # 3', 'unexpected character "#"'],
    ['SELECT 12abc FROM demo.stars', 'malformed number'],
    ["SELECT id FROM demo.stars WHERE CONTAINS(POINT('GALACTIC', ra, dec), CIRCLE('ICRS', 1, 1, 1)) = 1", "'GALACTIC' is not supported"],
    ['SELECT SQRT(1, 2) FROM demo.stars', 'SQRT takes 1 argument, got 2'],
    ["SELECT POINT('ICRS', ra, dec) FROM demo.stars", 'POINT values cannot be selected'],
    ['SELECT x.id FROM demo.stars AS s', 'table or alias "x" is not in the FROM clause'],
    ['SELECT id FROM demo.stars ORDER BY 5', 'ORDER BY position 5'],
    ['SELECT id FROM demo.stars NATURAL JOIN demo.numbers', 'NATURAL JOIN is not supported'],
  ])('%s', (adql, message) => {
    expect(fails(adql)).toContain(message);
  });

  test('syntax errors give line and column', () => {
    expect(fails('SELECT id\nFROM demo.stars\nWHERE id = = 3')).toMatch(/line 3, column 12/);
  });

  test('deep nesting is refused with a message instead of exhausting the stack', () => {
    const deep = `SELECT id FROM demo.stars WHERE ${'('.repeat(3000)}id = 1${')'.repeat(3000)}`;
    expect(fails(deep)).toContain('nested too deeply');
    expect(fails(`SELECT ${'- '.repeat(3000)}1 FROM demo.stars`)).toContain('nested too deeply');
    expect(fails(`SELECT id FROM demo.stars WHERE ${'NOT '.repeat(3000)}id = 1`)).toContain('nested too deeply');
    const subqueries = `SELECT id FROM demo.stars WHERE id IN ${'(SELECT id FROM demo.stars WHERE id IN '.repeat(200)}(1)${')'.repeat(200)}`;
    expect(fails(subqueries)).toContain('nested too deeply');
  });

  test('ordinary nesting still translates', () => {
    expect(sql(`SELECT ${'('.repeat(40)}id${')'.repeat(40)} FROM demo.stars`).sql).toContain('SELECT');
  });

  test('a very long operator chain is refused with a message, not a crash', () => {
    const chain = `SELECT ${Array.from({ length: 20000 }, () => 'id').join(' + ')} AS s FROM demo.stars`;
    const message = (() => {
      try {
        sql(chain);
        return 'translated';
      } catch (e) {
        expect(e).toBeInstanceOf(AdqlError);
        return (e as Error).message;
      }
    })();
    expect(['translated', 'ADQL: the query is too long or too deeply nested for this service']).toContain(message);
  });
});
