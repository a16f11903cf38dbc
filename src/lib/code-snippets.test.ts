import { describe, expect, it } from 'vitest';
import { SNIPPET_TOOLS, jobSnippet, querySnippet, shellQuote } from './code-snippets';

const input = { tapUrl: 'https://archive.example/tap/', query: "SELECT * FROM t WHERE name = 'O''Brien'", maxrec: 10, needsToken: true };

describe('code snippets', () => {
  it('never hold a credential: a placeholder and a comment say where it goes', () => {
    for (const { tool } of SNIPPET_TOOLS) {
      const text = querySnippet(tool, input);
      expect(text).toMatch(/#.*(token|login)/i);
      expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
      const job = jobSnippet(tool, { tapUrl: input.tapUrl, jobUrl: 'https://archive.example/tap/async/j1', jobId: 'j1', needsToken: true });
      expect(job).toMatch(/#.*(token|login)/i);
    }
    expect(querySnippet('curl', input)).toContain('-H "Authorization: Bearer $TAP_TOKEN"');
    expect(querySnippet('pyvo', input)).toContain('os.environ["TAP_TOKEN"]');
  });

  it('quote the query for the shell and for Python', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(querySnippet('curl', input)).toContain(`'QUERY=SELECT * FROM t WHERE name = '\\''O'\\'''\\''Brien'\\'''`);
    expect(querySnippet('pyvo', input)).toContain(`"SELECT * FROM t WHERE name = 'O''Brien'"`);
    expect(querySnippet('pyvo', input)).toContain('pyvo.dal.AsyncTAPJob.create("https://archive.example/tap"');
    expect(querySnippet('stilts', { ...input, needsToken: false })).toContain("stilts tapquery tapurl='https://archive.example/tap'");
  });

  it('pick up an existing job by its URL', () => {
    const job = { tapUrl: input.tapUrl, jobUrl: 'https://archive.example/tap/async/j1', jobId: 'j1', needsToken: false };
    expect(jobSnippet('pyvo', job)).toContain('pyvo.dal.AsyncTAPJob("https://archive.example/tap/async/j1")');
    expect(jobSnippet('stilts', job)).toContain("stilts tapresume joburl='https://archive.example/tap/async/j1'");
    expect(jobSnippet('astroquery', job)).toContain('load_async_job(jobid="j1")');
  });
});
