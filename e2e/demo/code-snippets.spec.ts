/**
 * The "copy as code" snippets do what they say: each, run as a user would
 * paste it, creates the job on the demo service with the query and options
 * of the form.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { jobSnippet, querySnippet } from '../../src/lib/code-snippets';
import { DEMO } from '../helpers/demo';
import { deleteJob, listJobUrls, mustReadJob, waitForServerPhase } from '../helpers/jobs';

test.setTimeout(180_000);

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });

const QUERY = "SELECT TOP 4 id, designation FROM demo.stars WHERE designation LIKE 'DEMO%' ORDER BY id";
const input = { tapUrl: DEMO, query: QUERY, maxrec: 4, needsToken: false };

test('the curl snippet creates and runs the job', async () => {
  const out = run('bash', ['-c', querySnippet('curl', { ...input, runId: "it's curl" })], mkdtempSync(join(tmpdir(), 'snip-')));
  const location = /^location:\s*(\S+)/im.exec(out)?.[1];
  expect(location, out).toBeTruthy();
  const jobUrl = new URL(location!, `${DEMO}/async`).toString();
  try {
    const job = await mustReadJob(jobUrl);
    expect(job.parameters.QUERY).toBe(QUERY);
    expect(job.parameters.MAXREC).toBe('4');
    expect(job.runId).toBe("it's curl");
    await waitForServerPhase(jobUrl, ['COMPLETED']);
    // The snippet for an existing job reads the same job back.
    expect(run('bash', ['-c', jobSnippet('curl', { tapUrl: DEMO, jobUrl, jobId: job.jobId, needsToken: false })], tmpdir())).toContain('COMPLETED');
  } finally {
    await deleteJob(jobUrl);
  }
});

test('the STILTS snippet runs the query as a job and writes its result', async () => {
  test.skip(!existsSync('/usr/bin/stilts'), 'STILTS is not installed');
  const before = new Set(await listJobUrls());
  const dir = mkdtempSync(join(tmpdir(), 'snip-'));
  run('bash', ['-c', querySnippet('stilts', input)], dir);
  const made = (await listJobUrls()).filter((url) => !before.has(url));
  try {
    const jobs = await Promise.all(made.map((url) => mustReadJob(url)));
    const mine = jobs.filter((job) => job.parameters.QUERY === QUERY);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.phase).toBe('COMPLETED');
    expect(existsSync(join(dir, 'result.vot'))).toBe(true);
    run('bash', ['-c', jobSnippet('stilts', { tapUrl: DEMO, jobUrl: made[0]!, jobId: '', needsToken: false }).replace('out=result.vot', 'out=again.vot')], dir);
    expect(existsSync(join(dir, 'again.vot'))).toBe(true);
  } finally {
    for (const url of made) await deleteJob(url);
  }
});

test('the pyvo snippet creates the job and fetches its result', async () => {
  const python = '/usr/bin/python3';
  test.skip(!existsSync(python) || !(() => { try { run(python, ['-c', 'import pyvo'], tmpdir()); return true; } catch { return false; } })(), 'pyvo is not installed (Debian: python3-pyvo)');
  const code = `${querySnippet('pyvo', { ...input, runId: 'from pyvo' })}\nprint(len(table))`;
  const out = run(python, ['-c', code], tmpdir()).trim().split('\n');
  const jobUrl = out.find((line) => line.startsWith('http'))!;
  try {
    expect(out.at(-1)).toBe('4');
    // The script ran for seconds: a kept-alive connection of this process may have been closed meanwhile, so read once more on a dropped one.
    const job = await mustReadJob(jobUrl).catch(() => mustReadJob(jobUrl));
    expect(job.parameters.QUERY).toBe(QUERY);
    expect(job.runId).toBe('from pyvo');
    expect(run(python, ['-c', jobSnippet('pyvo', { tapUrl: DEMO, jobUrl, jobId: job.jobId, needsToken: false })], tmpdir()).trim()).toBe('COMPLETED');
  } finally {
    await deleteJob(jobUrl);
  }
});
