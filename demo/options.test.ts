import { expect, test } from 'vitest';
import { parseArgs, UsageError } from './options.ts';

test('the flags the end-to-end suite uses are understood', () => {
  expect(parseArgs(['--port', '8431'])).toEqual({ port: 8431 });
  const auth = parseArgs(['--port', '8432', '--auth', 'alice-token:alice,bob-token:bob']);
  expect([...auth.auth!]).toEqual([
    ['alice-token', 'alice'],
    ['bob-token', 'bob'],
  ]);
  expect(parseArgs(['--port', '8433', '--faults', '0.3']).faults).toBe(0.3);
  expect(parseArgs(['--fail-every-other']).failEveryOther).toBe(true);
  expect(parseArgs(['--port', '8434', '--no-cors']).cors).toBe(false);
});

test('the other options and the --flag=value form', () => {
  expect(parseArgs(['--max-running=3', '--rows', '500', '--cors-origins', 'http://a.example,http://b.example/'])).toEqual({
    maxRunning: 3,
    rows: 500,
    cors: ['http://a.example', 'http://b.example'],
  });
});

test('job and parameter limits are options', () => {
  expect(parseArgs(['--max-jobs', '20000', '--max-jobs-per-owner', '5000', '--max-param-mib', '64'])).toEqual({
    maxJobs: 20_000,
    maxJobsPerOwner: 5000,
    maxParamBytes: 64 * 1024 * 1024,
  });
});

test('extra tables are an option', () => {
  expect(parseArgs(['--extra-tables', '30000'])).toEqual({ extraTables: 30_000 });
});

test('VOSI /tables can be switched off or broken, leaving TAP_SCHEMA', () => {
  expect(parseArgs(['--vosi-tables', 'missing'])).toEqual({ vosiTables: 'missing' });
  expect(parseArgs(['--vosi-tables=html'])).toEqual({ vosiTables: 'html' });
  expect(() => parseArgs(['--vosi-tables', 'off'])).toThrow(UsageError);
});

test('sync limits are options', () => {
  expect(parseArgs(['--max-sync', '3', '--sync-queue=0'])).toEqual({ maxSync: 3, syncQueue: 0 });
  expect(() => parseArgs(['--max-sync', '0'])).toThrow(UsageError);
});

test('uploads from private addresses are off unless asked for', () => {
  expect(parseArgs([]).allowPrivateUploads).toBeUndefined();
  expect(parseArgs(['--allow-private-uploads']).allowPrivateUploads).toBe(true);
});

test.each([
  [['--port', 'x']],
  [['--port', '70000']],
  [['--faults', '2']],
  [['--faults']],
  [['--auth', 'nocolon']],
  [['--bogus']],
])('bad arguments are usage errors: %j', (argv) => {
  expect(() => parseArgs(argv)).toThrow(UsageError);
});
