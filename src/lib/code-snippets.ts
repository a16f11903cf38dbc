/**
 * The same job as code to paste into a terminal or a notebook: curl, pyvo,
 * astroquery and STILTS, for a query being written or for an existing job.
 * A credential never goes into a snippet: a placeholder (an environment
 * variable) and a comment say where it belongs.
 */

export interface QuerySnippetInput {
  tapUrl: string;
  query: string;
  lang?: string;
  maxrec?: number;
  format?: string;
  runId?: string;
  /** The service needs a credential (one is set for it in this browser). */
  needsToken: boolean;
}

export type SnippetTool = 'curl' | 'pyvo' | 'astroquery' | 'stilts';

export const SNIPPET_TOOLS: { tool: SnippetTool; label: string }[] = [
  { tool: 'curl', label: 'curl' },
  { tool: 'pyvo', label: 'Python (pyvo)' },
  { tool: 'astroquery', label: 'Python (astroquery TapPlus)' },
  { tool: 'stilts', label: 'STILTS' },
];

/** A string as one single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A string as a Python literal (JSON string syntax is valid Python). */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

const base = (tapUrl: string) => tapUrl.replace(/\/+$/, '');

const TOKEN_COMMENT_SH = '# This service needs your token: set it first (it is not written here): export TAP_TOKEN=...';
const TOKEN_COMMENT_PY = '# This service needs your token: set the environment variable TAP_TOKEN first (it is not written here).';

function curlQuery(input: QuerySnippetInput): string {
  const lines = [`curl -sS -i -X POST ${shellQuote(`${base(input.tapUrl)}/async`)}`];
  if (input.needsToken) lines.push(`-H "Authorization: Bearer $TAP_TOKEN"`);
  lines.push('--data-urlencode REQUEST=doQuery', `--data-urlencode ${shellQuote(`LANG=${input.lang || 'ADQL'}`)}`, `--data-urlencode ${shellQuote(`QUERY=${input.query}`)}`);
  if (input.maxrec !== undefined) lines.push(`--data-urlencode MAXREC=${input.maxrec}`);
  if (input.format) lines.push(`--data-urlencode ${shellQuote(`RESPONSEFORMAT=${input.format}`)}`);
  if (input.runId) lines.push(`--data-urlencode ${shellQuote(`RUNID=${input.runId}`)}`);
  lines.push('--data-urlencode PHASE=RUN');
  return [
    '# Creates the job and asks for it to run; the Location header of the answer is the job URL.',
    ...(input.needsToken ? [TOKEN_COMMENT_SH] : []),
    lines.join(' \\\n  '),
  ].join('\n');
}

function pyvoQuery(input: QuerySnippetInput): string {
  const args = [pythonString(base(input.tapUrl)), pythonString(input.query), `language=${pythonString(input.lang || 'ADQL')}`];
  if (input.maxrec !== undefined) args.push(`maxrec=${input.maxrec}`);
  if (input.format) args.push(`responseformat=${pythonString(input.format)}`);
  if (input.runId) args.push(`runid=${pythonString(input.runId)}`);
  const session = input.needsToken
    ? [TOKEN_COMMENT_PY, 'import os', 'import requests', 'session = requests.Session()', 'session.headers["Authorization"] = "Bearer " + os.environ["TAP_TOKEN"]']
    : [];
  if (input.needsToken) args.push('session=session');
  return [
    'import pyvo',
    ...session,
    '',
    `job = pyvo.dal.AsyncTAPJob.create(${args.join(', ')})`,
    'print(job.url)',
    'job.run()',
    'job.wait(phases=["COMPLETED", "ERROR", "ABORTED"])',
    'job.raise_if_error()',
    'table = job.fetch_result().to_table()',
  ].join('\n');
}

function astroqueryQuery(input: QuerySnippetInput): string {
  const headers = input.needsToken ? [TOKEN_COMMENT_PY, 'import os'] : [];
  const tapArgs = [`url=${pythonString(base(input.tapUrl))}`];
  if (input.needsToken) tapArgs.push('headers={"Authorization": "Bearer " + os.environ["TAP_TOKEN"]}');
  const jobArgs = [pythonString(input.query)];
  if (input.maxrec !== undefined) jobArgs.push(`maxrec=${input.maxrec}`);
  return [
    'from astroquery.utils.tap.core import TapPlus',
    ...headers,
    '',
    `tap = TapPlus(${tapArgs.join(', ')})`,
    `job = tap.launch_job_async(${jobArgs.join(', ')})`,
    'table = job.get_results()',
  ].join('\n');
}

function stiltsQuery(input: QuerySnippetInput): string {
  const args = [`tapurl=${shellQuote(base(input.tapUrl))}`, `adql=${shellQuote(input.query)}`, 'sync=false', 'delete=never'];
  if (input.maxrec !== undefined) args.push(`maxrec=${input.maxrec}`);
  args.push('out=result.vot');
  return [
    '# Runs the query as an async job and keeps the job (delete=never), writing the result to result.vot.',
    ...(input.needsToken ? ['# This service needs a login: STILTS asks for it when the service demands one (see STILTS’s “auth” documentation); no token is written here.'] : []),
    `stilts tapquery ${args.join(' \\\n  ')}`,
  ].join('\n');
}

export function querySnippet(tool: SnippetTool, input: QuerySnippetInput): string {
  switch (tool) {
    case 'curl':
      return curlQuery(input);
    case 'pyvo':
      return pyvoQuery(input);
    case 'astroquery':
      return astroqueryQuery(input);
    case 'stilts':
      return stiltsQuery(input);
  }
}

/** Code that picks up an existing job by its URL. */
export function jobSnippet(tool: SnippetTool, input: { tapUrl: string; jobUrl: string; jobId: string; needsToken: boolean }): string {
  switch (tool) {
    case 'curl':
      return [
        ...(input.needsToken ? [TOKEN_COMMENT_SH] : []),
        `curl -sS ${input.needsToken ? '-H "Authorization: Bearer $TAP_TOKEN" ' : ''}${shellQuote(input.jobUrl)}`,
      ].join('\n');
    case 'pyvo':
      return [
        'import pyvo',
        ...(input.needsToken
          ? [TOKEN_COMMENT_PY, 'import os', 'import requests', 'session = requests.Session()', 'session.headers["Authorization"] = "Bearer " + os.environ["TAP_TOKEN"]']
          : []),
        '',
        `job = pyvo.dal.AsyncTAPJob(${pythonString(input.jobUrl)}${input.needsToken ? ', session=session' : ''})`,
        'print(job.phase)',
      ].join('\n');
    case 'astroquery':
      return [
        'from astroquery.utils.tap.core import TapPlus',
        ...(input.needsToken ? [TOKEN_COMMENT_PY, 'import os'] : []),
        '',
        `tap = TapPlus(url=${pythonString(base(input.tapUrl))}${input.needsToken ? ', headers={"Authorization": "Bearer " + os.environ["TAP_TOKEN"]}' : ''})`,
        `job = tap.load_async_job(jobid=${pythonString(input.jobId)})`,
        'table = job.get_results()',
      ].join('\n');
    case 'stilts':
      return [
        ...(input.needsToken ? ['# This service needs a login: STILTS asks for it when the service demands one; no token is written here.'] : []),
        `stilts tapresume joburl=${shellQuote(input.jobUrl)} delete=never out=result.vot`,
      ].join('\n');
  }
}
