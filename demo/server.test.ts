import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from './server.ts';
import { client, fields, infos, tableRows, xml } from './test-helpers.ts';

let demo: DemoServer;
const { call, createJob, phase, settle, until, sync } = client(() => demo);

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, rows: 2000 });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

describe('VOSI', () => {
  test('availability says the service is available', async () => {
    const r = await call('/availability');
    expect(r.status).toBe(200);
    expect(xml.parse(r.text).availability.available).toBe('true');
  });

  test('capabilities advertise the TAP interface, formats and the MAXREC limits', async () => {
    const r = await call('/capabilities');
    expect(r.text).toContain('standardID="ivo://ivoa.net/std/TAP"');
    expect(r.text).toContain('<hard unit="row">2000000</hard>');
    expect(r.text).toContain('<default unit="row">100000</default>');
    expect(r.text).toContain('<alias>votable/b2</alias>');
    expect(r.text).toContain('demo_sleep');
  });

  test('tables list the catalogue with units and UCDs', async () => {
    const r = await call('/tables');
    expect(r.text).toContain('<name>demo.stars</name>');
    expect(r.text).toContain('<ucd>pos.eq.ra;meta.main</ucd>');
    expect(r.text).toContain('<name>&quot;size&quot;</name>');
    const one = await call('/tables/demo.numbers');
    expect(one.text).toContain('<name>demo.numbers</name>');
    expect((await call('/tables/nowhere')).status).toBe(404);
    expect((await call('/tables/%E0%A4%A')).status).toBe(400);
  });

  test('the examples document holds queries that run', async () => {
    const r = await call('/examples');
    expect(r.headers.get('content-type')).toContain('application/xhtml+xml');
    const queries = [...r.text.matchAll(/<pre class="dali-example" property="query">([^<]*)<\/pre>/g)].map((m) =>
      m[1]!.replace(/&apos;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    );
    expect(queries.length).toBeGreaterThanOrEqual(4);
    const cone = await sync({ QUERY: queries[0]!, FORMAT: 'csv' });
    expect(cone.status).toBe(200);
  });
});

describe('sync queries', () => {
  test('runs ADQL and returns a TABLEDATA VOTable with TAP_SCHEMA metadata', async () => {
    const r = await sync({ QUERY: 'SELECT TOP 3 id, ra, rv FROM demo.stars ORDER BY id' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-votable+xml');
    expect(tableRows(r.text).map((row) => row[0])).toEqual(['1', '2', '3']);
    const f = fields(r.text);
    expect(f[1]).toMatchObject({ '@name': 'ra', '@datatype': 'double', '@unit': 'deg', '@ucd': 'pos.eq.ra;meta.main' });
    expect(f[0]).toMatchObject({ '@datatype': 'int' });
  });

  test('parameter names are case-insensitive', async () => {
    const r = await call('/sync', { form: { lang: 'ADQL', Query: 'SELECT TOP 1 id FROM demo.stars', responseFormat: 'csv' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('id\r\n1\r\n');
  });

  test('GET works as well as POST', async () => {
    const r = await call(`/sync?LANG=ADQL&QUERY=${encodeURIComponent('SELECT COUNT(*) AS n FROM demo.stars')}&FORMAT=csv`);
    expect(r.text).toBe('n\r\n2000\r\n');
  });

  test('COUNT is a long and aggregates work with GROUP BY', async () => {
    const r = await sync({ QUERY: 'SELECT flag, COUNT(*) AS n, MIN(mag) AS lo, MAX(mag) AS hi, AVG(mag), SUM(id) FROM demo.stars GROUP BY flag ORDER BY flag' });
    const f = fields(r.text);
    expect(f.map((x) => x['@name'])).toEqual(['flag', 'n', 'lo', 'hi', 'avg', 'sum']);
    expect(f[1]!['@datatype']).toBe('long');
    const rows = tableRows(r.text);
    expect(rows.reduce((s, row) => s + Number(row[1]), 0)).toBe(2000);
  });

  test('cone search with CONTAINS matches DISTANCE', async () => {
    const cone = await sync({
      QUERY: "SELECT COUNT(*) AS n FROM demo.stars WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 120, 30, 20)) = 1",
      FORMAT: 'csv',
    });
    const dist = await sync({
      QUERY: "SELECT COUNT(*) AS n FROM demo.stars WHERE DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 120, 30)) <= 20",
      FORMAT: 'csv',
    });
    const n = Number(cone.text.split('\r\n')[1]);
    expect(n).toBeGreaterThan(0);
    expect(dist.text).toBe(cone.text);
  });

  test('joins with aliases, subqueries and self-joins run', async () => {
    const r = await sync({
      QUERY:
        'SELECT TOP 5 a.id, b.id AS other FROM demo.stars AS a JOIN demo.stars AS b ON b.id = a.id + 1 WHERE a.id IN (SELECT id FROM demo.stars WHERE id < 4) ORDER BY a.id',
      FORMAT: 'csv',
    });
    expect(r.text).toBe('id,other\r\n1,2\r\n2,3\r\n3,4\r\n');
  });

  test('TAP_SCHEMA is queryable', async () => {
    const r = await sync({ QUERY: "SELECT column_name, unit FROM TAP_SCHEMA.columns WHERE table_name = 'demo.stars' AND column_name = 'pmra'", FORMAT: 'csv' });
    expect(r.text).toBe('column_name,unit\r\npmra,mas/yr\r\n');
  });

  test('nulls are empty cells in TABLEDATA and CSV', async () => {
    const td = await sync({ QUERY: 'SELECT TOP 50 id, rv FROM demo.stars ORDER BY id' });
    const rows = tableRows(td.text);
    expect(rows.some((r) => r[1] === '')).toBe(true);
    expect(rows.some((r) => r[1] !== '')).toBe(true);
    const csv = await sync({ QUERY: 'SELECT TOP 50 id, rv FROM demo.stars ORDER BY id', FORMAT: 'csv' });
    expect(csv.text.split('\r\n').some((l) => /^\d+,$/.test(l))).toBe(true);
  });

  test('XML special characters are escaped', async () => {
    const r = await sync({ QUERY: "SELECT TOP 1 '<a & \"b\">' AS s FROM demo.stars" });
    expect(r.text).toContain('<TD>&lt;a &amp; &quot;b&quot;&gt;</TD>');
    expect(tableRows(r.text)[0]![0]).toBe('<a & "b">');
  });

  test('MAXREC truncates and adds a trailing OVERFLOW INFO', async () => {
    const r = await sync({ QUERY: 'SELECT id FROM demo.stars', MAXREC: '7' });
    expect(tableRows(r.text)).toHaveLength(7);
    const i = infos(r.text);
    expect(i[0]).toMatchObject({ name: 'QUERY_STATUS', value: 'OK' });
    expect(i[i.length - 1]).toMatchObject({ name: 'QUERY_STATUS', value: 'OVERFLOW' });
    expect(r.text.indexOf('value="OVERFLOW"')).toBeGreaterThan(r.text.indexOf('</TABLE>'));
  });

  test('TOP below MAXREC is no overflow', async () => {
    const r = await sync({ QUERY: 'SELECT TOP 5 id FROM demo.stars', MAXREC: '5' });
    expect(r.text).not.toContain('OVERFLOW');
  });

  test('a huge MAXREC is lowered to the hard limit, MAXREC=0 returns metadata only', async () => {
    const huge = await sync({ QUERY: 'SELECT COUNT(*) FROM demo.stars', MAXREC: '99999999999999999999' });
    expect(huge.status).toBe(200);
    const zero = await sync({ QUERY: 'SELECT id FROM demo.stars', MAXREC: '0' });
    expect(tableRows(zero.text)).toHaveLength(0);
    expect(fields(zero.text)).toHaveLength(1);
    expect(zero.text).toContain('value="OVERFLOW"');
  });

  test('a client leaving a sync query stops the query', async () => {
    const ac = new AbortController();
    const pending = call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 demo_sleep(60) AS s FROM demo.stars' }, signal: ac.signal });
    const deadline = Date.now() + 20_000;
    while (demo.pool.busyCount === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(demo.pool.busyCount).toBe(1);
    ac.abort();
    await expect(pending).rejects.toThrow();
    while (demo.pool.busyCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(demo.pool.busyCount).toBe(0);
  }, 40_000);

  test('a one-million-row result streams from demo.numbers', async () => {
    const r = await sync({ QUERY: 'SELECT n FROM demo.numbers', MAXREC: '1000000', FORMAT: 'csv' });
    const lines = r.text.split('\r\n');
    expect(lines[0]).toBe('n');
    expect(lines[1000000]).toBe('1000000');
    expect(lines).toHaveLength(1000002);
  }, 120_000);
});

describe('result serializations', () => {
  const query = 'SELECT TOP 20 id, designation, rv, flag, mag FROM demo.stars ORDER BY id';

  function stream(votable: string, tag: string): Buffer {
    const m = new RegExp(`<${tag}><STREAM encoding="base64">([^<]*)</STREAM>`).exec(votable);
    return Buffer.from(m![1]!.replace(/\s+/g, ''), 'base64');
  }

  test('BINARY2 writes a null mask and the values', async () => {
    const td = tableRows((await sync({ QUERY: query })).text);
    for (const format of ['votable/b2', 'application/x-votable+xml;serialization=binary2']) {
      const r = await sync({ QUERY: query, RESPONSEFORMAT: format });
      expect(r.headers.get('content-type')).toContain('serialization=BINARY2');
      const buf = stream(r.text, 'BINARY2');
      let p = 0;
      for (const row of td) {
        const mask = buf[p]!;
        p += 1;
        expect(buf.readInt32BE(p)).toBe(Number(row[0]));
        p += 4;
        const len = buf.readUInt32BE(p);
        expect(buf.subarray(p + 4, p + 4 + len).toString()).toBe(row[1]);
        p += 4 + len;
        const rvNull = (mask & 0x20) !== 0;
        expect(rvNull).toBe(row[2] === '');
        if (!rvNull) expect(buf.readDoubleBE(p)).toBe(Number(row[2]));
        p += 8 + 2 + 4;
      }
      expect(p).toBe(buf.length);
    }
  });

  test('BINARY declares null values for integers and writes NaN for null doubles', async () => {
    const r = await sync({ QUERY: 'SELECT TOP 20 id, rv, CAST(NULL AS INTEGER) AS nothing FROM demo.stars ORDER BY id', RESPONSEFORMAT: 'votable/b' });
    expect(r.text).toContain('<VALUES null="-2147483648"/>');
    const buf = stream(r.text, 'BINARY');
    expect(buf.length).toBe(20 * (4 + 8 + 4));
    expect(buf.readInt32BE(12)).toBe(-2147483648);
    const rvs = Array.from({ length: 20 }, (_, i) => buf.readDoubleBE(i * 16 + 4));
    expect(rvs.some((v) => Number.isNaN(v))).toBe(true);
  });

  test('CSV quotes values with separators', async () => {
    const r = await sync({ QUERY: "SELECT TOP 1 'a,b' AS s, 'say \"hi\"' AS t FROM demo.stars", FORMAT: 'text/csv' });
    expect(r.headers.get('content-type')).toBe('text/csv;header=present');
    expect(r.text).toBe('s,t\r\n"a,b","say ""hi"""\r\n');
  });
});

describe('errors', () => {
  test('an ADQL syntax error is a 400 DALI error document naming the position', async () => {
    const r = await sync({ QUERY: 'SELECT FROM demo.stars' });
    expect(r.status).toBe(400);
    const i = infos(r.text)[0]!;
    expect(i).toMatchObject({ name: 'QUERY_STATUS', value: 'ERROR' });
    expect(i.text).toMatch(/ADQL syntax error at line 1, column 8/);
  });

  test('3000 nested parentheses are a 400 DALI error, not a 500', async () => {
    const r = await sync({ QUERY: `SELECT id FROM demo.stars WHERE ${'('.repeat(3000)}id = 1${')'.repeat(3000)}` });
    expect(r.status).toBe(400);
    const i = infos(r.text)[0]!;
    expect(i).toMatchObject({ name: 'QUERY_STATUS', value: 'ERROR' });
    expect(i.text).toContain('nested too deeply');
  });

  test('unsupported constructs are named', async () => {
    const fn = await sync({ QUERY: 'SELECT TOP 1 FOO(ra) FROM demo.stars' });
    expect(infos(fn.text)[0]!.text).toBe('ADQL: unsupported function FOO');
    const poly = await sync({ QUERY: "SELECT id FROM demo.stars WHERE CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', 1, 1, 2, 2, 3, 1)) = 1" });
    expect(infos(poly.text)[0]!.text).toContain('POLYGON is not supported');
    const union = await sync({ QUERY: 'SELECT id FROM demo.stars UNION SELECT id FROM demo.stars' });
    expect(infos(union.text)[0]!.text).toContain('UNION');
    const table = await sync({ QUERY: 'SELECT * FROM nowhere' });
    expect(infos(table.text)[0]!.text).toContain('table "nowhere" does not exist');
  });

  test('missing LANG or QUERY and unknown formats are 400', async () => {
    expect((await call('/sync', { form: { QUERY: 'SELECT id FROM demo.stars' } })).status).toBe(400);
    expect((await call('/sync', { form: { LANG: 'ADQL' } })).status).toBe(400);
    expect((await call('/sync', { form: { LANG: 'PQL', QUERY: 'x' } })).status).toBe(400);
    const f = await sync({ QUERY: 'SELECT TOP 1 id FROM demo.stars', RESPONSEFORMAT: 'application/fits' });
    expect(f.status).toBe(400);
    expect(infos(f.text)[0]!.text).toContain('RESPONSEFORMAT');
    expect((await sync({ QUERY: 'SELECT TOP 1 id FROM demo.stars', MAXREC: '-3' })).status).toBe(400);
    expect((await sync({ QUERY: 'SELECT TOP 1 id FROM demo.stars', MAXREC: 'many' })).status).toBe(400);
  });

  test('a query failing at run time is a 400 with the database message', async () => {
    const r = await sync({ QUERY: 'SELECT TOP 1 1/0 AS x FROM demo.stars' });
    expect(r.status).toBe(400);
    expect(infos(r.text)[0]!.text).toBe('Query failed: division by zero');
  });

  test('unknown resources and jobs are 404, wrong methods 405 with Allow', async () => {
    expect((await call('/nothing')).status).toBe(404);
    expect((await call('/async/0000')).status).toBe(404);
    expect((await call('/async/0000/phase')).status).toBe(404);
    const del = await call('/sync', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
    expect(infos(del.text)[0]!.value).toBe('ERROR');
    const put = await call('/async', { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    const job = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    expect((await call(`${job}/quote`, { method: 'POST', body: new URLSearchParams({ QUOTE: 'x' }) })).status).toBe(405);
    expect((await call(`${job}/nosuch`)).status).toBe(404);
  });

  test('oversized and unsupported bodies are refused', async () => {
    const big = await call('/sync', { method: 'POST', body: `LANG=ADQL&QUERY=${'x'.repeat(2 * 1024 * 1024)}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(big.status).toBe(413);
    const json = await call('/sync', { method: 'POST', body: '{"LANG":"ADQL"}', headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.set('LANG', 'ADQL');
    form.set('file', new Blob([new Uint8Array(11 * 1024 * 1024)]), 'huge.csv');
    expect((await call('/async', { method: 'POST', body: form })).status).toBe(413);
    const broken = await call('/sync', { method: 'POST', body: 'garbage', headers: { 'Content-Type': 'multipart/form-data; boundary=zzz' } });
    expect(broken.status).toBe(400);
    expect((await call('/availability')).status).toBe(200);
  });
});

describe('UWS jobs', () => {
  test('creation answers 303 to a PENDING job with every element', async () => {
    const r = await call('/async', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars', RUNID: 'my-run' } });
    expect(r.status).toBe(303);
    expect(r.location).toMatch(new RegExp(`^${demo.url}/async/[0-9a-f]+$`));
    const doc = await call(r.location!);
    expect(doc.headers.get('content-type')).toContain('text/xml');
    expect(doc.text).toContain('xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"');
    const job = xml.parse(doc.text).job;
    expect(job['@version']).toBe('1.1');
    expect(job.phase).toBe('PENDING');
    expect(job.runId).toBe('my-run');
    for (const k of ['jobId', 'ownerId', 'quote', 'creationTime', 'startTime', 'endTime', 'executionDuration', 'destruction', 'parameters', 'results']) {
      expect(job).toHaveProperty(k);
    }
    expect(Date.parse(job.quote)).toBeGreaterThan(Date.parse(job.creationTime));
    expect(job.parameters.parameter.map((p: Record<string, string>) => p['@id'])).toEqual(['lang', 'query']);
  });

  test('PHASE=RUN at creation runs the job to COMPLETED with a result', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 4 id FROM demo.stars ORDER BY id', PHASE: 'RUN' });
    const job = await settle(url);
    expect(job.phase).toBe('COMPLETED');
    expect(job.startTime).toBeTruthy();
    expect(job.endTime).toBeTruthy();
    const href = job.results.result[0]['@href'];
    expect(href).toBe(`${url}/results/result`);
    const res = await call(href);
    expect(res.headers.get('content-type')).toBe('application/x-votable+xml');
    expect(tableRows(res.text)).toHaveLength(4);
    const results = await call(`${url}/results`);
    expect(results.text).toContain('<uws:results');
  });

  test('sub-resources answer with the right content types', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars', RUNID: 'r1' });
    const text = ['phase', 'quote', 'executionduration', 'destruction', 'owner', 'runId'];
    for (const sub of text) {
      const r = await call(`${url}/${sub}`);
      expect(r.status, sub).toBe(200);
      expect(r.headers.get('content-type'), sub).toBe('text/plain; charset=utf-8');
    }
    expect((await call(`${url}/phase`)).text).toBe('PENDING');
    expect((await call(`${url}/runId`)).text).toBe('r1');
    expect((await call(`${url}/executionduration`)).text).toBe('600');
    const params = await call(`${url}/parameters`);
    expect(params.headers.get('content-type')).toContain('text/xml');
    expect(params.text).toContain('<uws:parameter id="query">');
    expect((await call(`${url}/error`)).status).toBe(404);
  });

  test('execution duration and destruction change with POST and 303', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    const d = await call(`${url}/executionduration`, { form: { EXECUTIONDURATION: '42' } });
    expect(d.status).toBe(303);
    expect(d.location).toBe(url);
    expect((await call(`${url}/executionduration`)).text).toBe('42');
    const over = await call(`${url}/executionduration`, { form: { EXECUTIONDURATION: '999999' } });
    expect(over.status).toBe(303);
    expect((await call(`${url}/executionduration`)).text).toBe('3600');
    const when = new Date(Date.now() + 3600_000).toISOString();
    const dd = await call(`${url}/destruction`, { form: { DESTRUCTION: when } });
    expect(dd.status).toBe(303);
    expect((await call(`${url}/destruction`)).text).toBe(when);
  });

  test('bad durations, dates and phases are 400', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    expect((await call(`${url}/executionduration`, { form: { EXECUTIONDURATION: 'soon' } })).status).toBe(400);
    expect((await call(`${url}/executionduration`, { form: { EXECUTIONDURATION: '-5' } })).status).toBe(400);
    expect((await call(`${url}/destruction`, { form: { DESTRUCTION: 'tomorrow' } })).status).toBe(400);
    expect((await call(`${url}/destruction`, { form: { DESTRUCTION: '2026-13-45T99:00:00Z' } })).status).toBe(400);
    expect((await call(`${url}/phase`, { form: { PHASE: 'EXPLODE' } })).status).toBe(400);
    expect((await call(`${url}/phase`, { form: {} })).status).toBe(400);
    expect((await call('/async', { form: { LANG: 'ADQL', QUERY: 'x', EXECUTIONDURATION: 'x' } })).status).toBe(400);
    expect((await call('/async', { form: { LANG: 'ADQL', QUERY: 'x', DESTRUCTION: 'never' } })).status).toBe(400);
    expect((await call('/async', { form: { LANG: 'ADQL', QUERY: 'x', PHASE: 'ABORT' } })).status).toBe(400);
    expect((await call(`${url}?WAIT=forever`)).status).toBe(400);
    expect(await phase(url)).toBe('PENDING');
  });

  test('an ADQL error ends the job in ERROR with the message in errorSummary and /error', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 nosuch FROM demo.stars', PHASE: 'RUN' });
    const job = await settle(url);
    expect(job.phase).toBe('ERROR');
    expect(job.errorSummary['@type']).toBe('fatal');
    expect(job.errorSummary.message).toContain('column "nosuch" does not exist');
    const err = await call(`${url}/error`);
    expect(err.headers.get('content-type')).toBe('application/x-votable+xml');
    expect(infos(err.text)[0]!.text).toContain('nosuch');
  });

  test('demo_fail fails at run time without touching a concurrent job', async () => {
    const bad = await createJob({ QUERY: "SELECT TOP 1 demo_fail('deliberate') AS x FROM demo.stars", PHASE: 'RUN' });
    const good = await createJob({ QUERY: 'SELECT TOP 2 id FROM demo.stars', PHASE: 'RUN' });
    const [b, g] = await Promise.all([settle(bad), settle(good)]);
    expect(b.phase).toBe('ERROR');
    expect(b.errorSummary.message).toBe('Query failed: deliberate');
    expect(g.phase).toBe('COMPLETED');
  });

  test('PHASE=RUN on a finished job is refused', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars', PHASE: 'RUN' });
    await settle(url);
    expect((await call(`${url}/phase`, { form: { PHASE: 'RUN' } })).status).toBe(409);
    expect((await call(`${url}/parameters`, { form: { QUERY: 'SELECT 2' } })).status).toBe(409);
  });

  test('ABORT really stops a long query, and other requests are served meanwhile', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 demo_sleep(60) AS s FROM demo.stars', PHASE: 'RUN' });
    await until(url, 'EXECUTING');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    expect((await call('/availability')).status).toBe(200);
    expect(await phase(url)).toBe('EXECUTING');
    expect(Date.now() - t0).toBeLessThan(2000);
    const a = await call(`${url}/phase`, { form: { PHASE: 'ABORT' } });
    expect(a.status).toBe(303);
    expect(await phase(url)).toBe('ABORTED');
    const after = await sync({ QUERY: 'SELECT TOP 1 id FROM demo.stars', FORMAT: 'csv' });
    expect(after.text).toBe('id\r\n1\r\n');
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 90_000);

  test('the execution duration is enforced: the job ends in ERROR saying it ran out of time', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 demo_sleep(30) AS s FROM demo.stars', EXECUTIONDURATION: '1', PHASE: 'RUN' });
    const t0 = Date.now();
    const job = await settle(url);
    expect(job.phase).toBe('ERROR');
    expect(job.errorSummary.message).toMatch(/ran out of time/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 60_000);

  test('at most two jobs execute at once; the third waits in QUEUED', async () => {
    const q = { QUERY: 'SELECT TOP 1 demo_sleep(30) AS s FROM demo.stars', PHASE: 'RUN' };
    const a = await createJob(q);
    const b = await createJob(q);
    const c = await createJob(q);
    await until(a, 'EXECUTING');
    await until(b, 'EXECUTING');
    expect(await phase(c)).toBe('QUEUED');
    expect(demo.jobs.executingCount).toBe(2);
    await call(`${a}/phase`, { form: { PHASE: 'ABORT' } });
    await until(c, 'EXECUTING');
    await call(`${b}/phase`, { form: { PHASE: 'ABORT' } });
    await call(`${c}/phase`, { form: { PHASE: 'ABORT' } });
    expect(await phase(c)).toBe('ABORTED');
  }, 90_000);

  test('WAIT blocks on PENDING, returns at once when PHASE differs, and wakes on a phase change', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    let t0 = Date.now();
    await call(`${url}?WAIT=1`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    t0 = Date.now();
    await call(`${url}?WAIT=30&PHASE=EXECUTING`);
    expect(Date.now() - t0).toBeLessThan(500);
    t0 = Date.now();
    const waiting = call(`${url}?WAIT=30`);
    await new Promise((r) => setTimeout(r, 200));
    await call(`${url}/phase`, { form: { PHASE: 'RUN' } });
    const job = xml.parse((await waiting).text).job;
    expect(['QUEUED', 'EXECUTING', 'COMPLETED']).toContain(job.phase);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('destruction is enforced: the job and its result disappear', async () => {
    const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars', PHASE: 'RUN' });
    await settle(url);
    const path = [...demo.jobs.jobs.values()].find((j) => url.endsWith(j.id))!.result!.path;
    await call(`${url}/destruction`, { form: { DESTRUCTION: new Date(Date.now() + 500).toISOString() } });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await call(url)).status).toBe(404);
    const { existsSync } = await import('node:fs');
    expect(existsSync(path)).toBe(false);
  });

  test('DELETE and ACTION=DELETE answer 303 to the job list and remove the job', async () => {
    const a = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    const b = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    const d1 = await call(a, { method: 'DELETE' });
    expect(d1.status).toBe(303);
    expect(d1.location).toBe(`${demo.url}/async`);
    const d2 = await call(b, { form: { ACTION: 'DELETE' } });
    expect(d2.status).toBe(303);
    expect(d2.location).toBe(`${demo.url}/async`);
    expect((await call(a)).status).toBe(404);
    expect((await call(b)).status).toBe(404);
    expect((await call((await createJob({ QUERY: 'x' })), { form: { ACTION: 'EXPLODE' } })).status).toBe(400);
  });

  test('the job list filters by PHASE, AFTER and LAST and hides ARCHIVED', async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const p1 = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    await new Promise((r) => setTimeout(r, 5));
    const p2 = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    const list = async (qs: string) => {
      const r = await call(`/async${qs}`);
      expect(r.status).toBe(200);
      const doc = xml.parse(r.text).jobs;
      expect(doc['@version']).toBe('1.1');
      return (doc.jobref ?? []).map((j: Record<string, string>) => `${demo.url}/async/${j['@id']}`);
    };
    const after = await list(`?AFTER=${encodeURIComponent(before)}`);
    expect(after).toEqual([p1, p2]);
    expect(await list(`?AFTER=${encodeURIComponent(before)}&LAST=1`)).toEqual([p2]);
    const pending = await list('?PHASE=PENDING');
    expect(pending).toContain(p1);
    const both = await list('?PHASE=PENDING&PHASE=COMPLETED');
    expect(both.length).toBeGreaterThan(pending.length);
    const job = [...demo.jobs.jobs.values()].find((j) => p1.endsWith(j.id))!;
    job.phase = 'ARCHIVED';
    expect(await list('')).not.toContain(p1);
    expect(await list('?PHASE=ARCHIVED')).toEqual([p1]);
    expect((await call('/async?PHASE=NOPE')).status).toBe(400);
    expect((await call('/async?AFTER=yesterday')).status).toBe(400);
    expect((await call('/async?LAST=0')).status).toBe(400);
  });
});

describe('uploads', () => {
  test('a multipart CSV upload is queryable as TAP_UPLOAD.name and joins the catalogue', async () => {
    const form = new FormData();
    form.set('LANG', 'ADQL');
    form.set('QUERY', 'SELECT u.wanted, s.designation FROM TAP_UPLOAD.mine AS u JOIN demo.stars AS s ON s.id = u.wanted ORDER BY u.wanted');
    form.set('UPLOAD', 'mine,param:file1');
    form.set('FORMAT', 'csv');
    form.set('file1', new Blob(['wanted,label\n3,c\n1,"a, b"\n'], { type: 'text/csv' }), 'list.csv');
    const r = await call('/sync', { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect(r.text).toBe('wanted,designation\r\n1,DEMO J000001\r\n3,DEMO J000003\r\n');
  });

  test('a VOTable upload keeps its types and nulls', async () => {
    const votable = `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
      <FIELD name="k" datatype="int"><VALUES null="-1"/></FIELD><FIELD name="s" datatype="char" arraysize="*"/>
      <DATA><TABLEDATA><TR><TD>5</TD><TD>x&amp;y</TD></TR><TR><TD>-1</TD><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;
    const form = new FormData();
    form.set('LANG', 'ADQL');
    form.set('QUERY', 'SELECT k, s FROM TAP_UPLOAD.t ORDER BY k');
    form.set('UPLOAD', 't,param:v');
    form.set('v', new Blob([votable], { type: 'application/x-votable+xml' }), 't.xml');
    const r = await call('/sync', { method: 'POST', body: form });
    expect(fields(r.text)[0]!['@datatype']).toBe('int');
    expect(tableRows(r.text)).toEqual([
      ['5', 'x&y'],
      ['', ''],
    ]);
  });

  test('an upload naming a missing part is a 400', async () => {
    const r = await call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT * FROM TAP_UPLOAD.t', UPLOAD: 't,param:nothing' } });
    expect(r.status).toBe(400);
    expect(infos(r.text)[0]!.text).toContain('no file part named "nothing"');
  });
});

describe('CORS', () => {
  const origin = 'http://localhost:5173';

  test('loopback origins are echoed on every response, 303s and errors included', async () => {
    const created = await call('/async', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars' }, headers: { Origin: origin } });
    expect(created.status).toBe(303);
    expect(created.headers.get('access-control-allow-origin')).toBe(origin);
    expect(created.headers.get('access-control-allow-credentials')).toBe('true');
    expect(created.headers.get('access-control-expose-headers')).toContain('Location');
    const missing = await call('/async/nope', { headers: { Origin: 'http://[::1]:3000' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('http://[::1]:3000');
  });

  test('preflights allow the methods and headers the app uses', async () => {
    const r = await call('/async/abc', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
    expect(r.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(r.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('other origins get no CORS headers', async () => {
    const r = await call('/availability', { headers: { Origin: 'https://evil.example.org' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});
