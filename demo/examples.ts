/** The DALI examples document (/tap/examples): the queries a tester needs, in XHTML with RDFa. */
import { xmlEscape } from './votable.ts';

export interface Example {
  id: string;
  name: string;
  description: string;
  query: string;
  table: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'cone',
    name: 'Cone search',
    description: 'Stars within one degree of (ra, dec) = (10, 10).',
    query: "SELECT id, designation, ra, dec, mag\nFROM demo.stars\nWHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 10, 1)) = 1",
    table: 'demo.stars',
  },
  {
    id: 'bright',
    name: 'Brightest stars',
    description: 'The ten brightest stars with a measured radial velocity.',
    query: 'SELECT TOP 10 id, designation, mag, rv\nFROM demo.stars\nWHERE rv IS NOT NULL\nORDER BY mag',
    table: 'demo.stars',
  },
  {
    id: 'flags',
    name: 'Counts per quality flag',
    description: 'An aggregate with GROUP BY.',
    query: 'SELECT flag, COUNT(*) AS n, AVG(mag) AS mean_mag\nFROM demo.stars\nGROUP BY flag\nORDER BY flag',
    table: 'demo.stars',
  },
  {
    id: 'slow',
    name: 'A slow query',
    description: 'Runs for the given number of seconds (here 5): watch it execute, abort it, or give it a shorter execution duration.',
    query: 'SELECT TOP 1 demo_sleep(5) AS slept\nFROM demo.stars',
    table: 'demo.stars',
  },
  {
    id: 'million',
    name: 'One million rows',
    description: 'A large result; set MAXREC to 1000000 to get all of it (the default limit is 100000).',
    query: 'SELECT n\nFROM demo.numbers',
    table: 'demo.numbers',
  },
];

export function examplesXhtml(): string {
  const items = EXAMPLES.map(
    (e) => `  <div typeof="example" id="${e.id}" resource="#${e.id}">
    <h2 property="name">${xmlEscape(e.name)}</h2>
    <p>${xmlEscape(e.description)} Table: <span property="table">${xmlEscape(e.table)}</span></p>
    <pre class="dali-example" property="query">${xmlEscape(e.query)}</pre>
  </div>
`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" version="XHTML+RDFa 1.1">
<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><title>uws-desk demo TAP service: examples</title></head>
<body vocab="http://www.ivoa.net/rdf/examples#">
  <h1>Example queries</h1>
${items}</body>
</html>
`;
}
