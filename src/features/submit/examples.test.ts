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
      { name: 'Cone search', query: 'SELECT id\nFROM demo.stars', description: 'Table: demo.stars' },
      { name: 'unnamed', query: 'SELECT 1', description: '' },
    ]);
  });

  it('finds none in a page without RDFa queries', () => {
    expect(parseExamples('<html><body><h1>Not found</h1></body></html>')).toEqual([]);
  });
});
