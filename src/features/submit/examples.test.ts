// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseExamples } from './examples';

const DALI = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body vocab="http://www.ivoa.net/rdf/examples#">
  <div typeof="example" id="cone" resource="#cone">
    <h2 property="name">Cone
      search</h2>
    <p>Table: <span property="table">demo.stars</span></p>
    <pre class="dali-example" property="query">SELECT id
FROM demo.stars</pre>
  </div>
  <div typeof="example" id="unnamed"><pre property="query">SELECT 1</pre></div>
  <div typeof="example" id="empty"><pre property="query">  </pre></div>
</body></html>`;

describe('DALI examples', () => {
  it('reads each example’s name and query', () => {
    expect(parseExamples(DALI)).toEqual([
      { name: 'Cone search', query: 'SELECT id\nFROM demo.stars', description: 'Table: demo.stars', parameters: {} },
      { name: 'unnamed', query: 'SELECT 1', description: '', parameters: {} },
    ]);
  });

  it('reads the options an example needs, as DALI parameters or as its text asks for them', () => {
    const page = `<html><body>
      <div typeof="example" id="million"><h2 property="name">One million rows</h2>
        <p>A large result; set MAXREC to 1000000 to get all of it (the default limit is 100000).</p>
        <pre property="query">SELECT n FROM demo.numbers</pre></div>
      <div typeof="example" id="dali"><h2 property="name">Binary</h2>
        <span property="generic-parameter" typeof="keyval"><span property="key">responseformat</span><span property="value">votable/b2</span></span>
        <span property="generic-parameter" typeof="keyval"><span property="key">MAXREC</span><span property="value">50</span></span>
        <pre property="query">SELECT 1</pre></div>
    </body></html>`;
    const [million, dali] = parseExamples(page);
    expect(million!.parameters).toEqual({ MAXREC: '1000000' });
    expect(dali!.parameters).toEqual({ RESPONSEFORMAT: 'votable/b2', MAXREC: '50' });
    expect(dali!.description).toBe('');
  });

  it('finds none in a page without RDFa queries', () => {
    expect(parseExamples('<html><body><h1>Not found</h1></body></html>')).toEqual([]);
  });
});
