/**
 * Creates N jobs of mixed phases and query texts on a TAP service, through
 * UWS, as any other client would: for trying the job list with many jobs.
 *
 *   npx tsx scripts/seed-jobs.ts --tap http://127.0.0.1:8421/tap --count 200
 *   npx tsx scripts/seed-jobs.ts --tap http://127.0.0.1:8080/tap --count 50 --token SECRET
 *
 * Every job is made by one POST to {tap}/async and, where it should run, one
 * POST of PHASE=RUN (or ABORT). Queries read TAP_SCHEMA, which every TAP
 * service has; on the demo service (--demo, or a URL whose tables include
 * demo.stars) they also read its catalogue, and a few run for a while.
 * Phases: about 40 % left PENDING, 35 % run (COMPLETED), 15 % run a failing
 * query (ERROR), 10 % aborted; with --executing N, N long jobs are left running.
 * With --quick nothing runs: 90 % PENDING, 10 % ABORTED (10 000 jobs in a minute or so).
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    tap: { type: 'string' },
    count: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '6' },
    token: { type: 'string' },
    demo: { type: 'boolean', default: false },
    executing: { type: 'string', default: '0' },
    /** Run nothing: PENDING and ABORTED jobs only, for large lists made fast. */
    quick: { type: 'boolean', default: false },
    'run-id': { type: 'string', default: 'seed' },
  },
});

if (!values.tap) {
  console.error('Usage: tsx scripts/seed-jobs.ts --tap <TAP base URL> [--count N] [--concurrency N] [--token T] [--demo] [--executing N] [--quick] [--run-id PREFIX]');
  process.exit(2);
}
const tap = values.tap.replace(/\/+$/, '');
const count = Number(values.count);
const concurrency = Math.max(1, Number(values.concurrency));
const executing = Math.max(0, Number(values.executing));
const headers: Record<string, string> = values.token ? { Authorization: `Bearer ${values.token}` } : {};

type Plan = 'pending' | 'completed' | 'error' | 'aborted' | 'executing';

/** A deterministic mix: the same N gives the same jobs. */
export function planFor(i: number): Plan {
  if (i < executing) return 'executing';
  const r = (i * 37) % 100;
  if (values.quick) return r < 90 ? 'pending' : 'aborted';
  return r < 40 ? 'pending' : r < 75 ? 'completed' : r < 90 ? 'error' : 'aborted';
}

function queryFor(i: number, plan: Plan, demo: boolean): string {
  if (plan === 'executing') return demo ? `SELECT TOP 1 demo_sleep(600) AS slept FROM demo.stars` : `SELECT COUNT(*) FROM TAP_SCHEMA.columns AS a, TAP_SCHEMA.columns AS b, TAP_SCHEMA.columns AS c`;
  if (plan === 'error') return demo && i % 2 ? `SELECT TOP 1 demo_fail('seeded failure ${i}') AS f FROM demo.stars` : `SELECT TOP 1 * FROM no_such_schema.no_such_table_${i}`;
  const texts = demo
    ? [
        `SELECT TOP ${5 + (i % 20)} * FROM demo.stars WHERE mag < 12`,
        `SELECT TOP 10 ra, dec FROM demo.stars\nWHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', ${i % 360}, ${(i % 120) - 60}, 0.5))`,
        `SELECT COUNT(*) AS n FROM demo.stars WHERE mag BETWEEN ${i % 15} AND ${(i % 15) + 1}`,
      ]
    : [
        `SELECT TOP ${1 + (i % 20)} table_name FROM TAP_SCHEMA.tables WHERE table_name <> 'mag < 12'`,
        `SELECT TOP 5 column_name, datatype\nFROM TAP_SCHEMA.columns WHERE column_name LIKE '%${'abcdefghijklmnopqrstuvwxyz'[i % 26]}%'`,
        `SELECT COUNT(*) AS n FROM TAP_SCHEMA.schemas`,
      ];
  return texts[i % texts.length]!;
}

async function post(url: string, form: Record<string, string>): Promise<Response> {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), redirect: 'follow' });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status}`);
  await res.arrayBuffer();
  return res;
}

async function isDemo(): Promise<boolean> {
  if (values.demo) return true;
  try {
    const res = await fetch(`${tap}/tables`, { headers });
    return (await res.text()).includes('demo.stars');
  } catch {
    return false;
  }
}

async function seed(): Promise<void> {
  const demo = await isDemo();
  const started = Date.now();
  const tally: Record<string, number> = {};
  let next = 0;
  let failures = 0;
  const work = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const plan = planFor(i);
      try {
        const created = await post(`${tap}/async`, { REQUEST: 'doQuery', LANG: 'ADQL', QUERY: queryFor(i, plan, demo), RUNID: `${values['run-id']}-${plan}-${i}` });
        // The job's URL is where the creating POST's redirect led.
        const jobUrl = created.url.replace(/\/+$/, '');
        if (plan === 'completed' || plan === 'error' || plan === 'executing') await post(`${jobUrl}/phase`, { PHASE: 'RUN' });
        if (plan === 'aborted') await post(`${jobUrl}/phase`, { PHASE: 'ABORT' });
        tally[plan] = (tally[plan] ?? 0) + 1;
      } catch (error) {
        failures++;
        if (failures <= 5) console.error(`job ${i}: ${String(error)}`);
      }
      if ((i + 1) % 500 === 0) console.log(`${i + 1} of ${count}…`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, work));
  console.log(`Created ${count - failures} jobs on ${tap} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(tally)}${failures ? `; ${failures} failed` : ''}`);
  if (failures) process.exitCode = 1;
}

await seed();
