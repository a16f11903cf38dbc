import { describe, expect, it } from 'vitest';
import { readJobListLean } from './lean-job-list';
import { parseJobList, parseJobListGeneral, resolveJobHrefForTest } from './parse-job-list';

const fixtures = import.meta.glob<string>('./fixtures/*', { query: '?raw', import: 'default', eager: true });
const URL = 'https://tap.example.org/tap/async';

const LIST_HEAD = '<?xml version="1.0"?>\n<uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
const list = (body: string) => `${LIST_HEAD}${body}</uws:jobs>`;

/** Lists the lean reader must read exactly as the general reader does. */
const tricky: Record<string, string> = {
  'entities and character references': list(
    '<uws:jobref id="a&amp;b" xlink:href="async/a%26b"><uws:phase>COMPLETED</uws:phase><uws:runId>x &lt; 3 &#233;&#x4E2D;</uws:runId><uws:ownerId>o&apos;brien</uws:ownerId></uws:jobref>',
  ),
  'CDATA, comments and processing instructions inside': list(
    '<!-- a comment --><uws:jobref id="c1"><?pi here?><uws:phase><![CDATA[ERROR]]></uws:phase><uws:runId>a<!-- x -->b<![CDATA[<c>]]></uws:runId></uws:jobref>',
  ),
  'nil, empty, NULL and repeated fields': list(
    '<uws:jobref id="n1"><uws:phase xsi:nil="true">QUEUED</uws:phase><uws:runId xsi:nil="1">r</uws:runId><uws:ownerId/><uws:creationTime>NULL</uws:creationTime><uws:runId>second</uws:runId></uws:jobref>',
  ),
  'fields nested deeper and foreign elements': list(
    '<uws:jobref id="d1"><x:extra xmlns:x="urn:x"><uws:phase>ABORTED</uws:phase></x:extra><uws:phase>  executing\n</uws:phase><uws:runId>a<b>c</b>d</uws:runId></uws:jobref><other id="z"/>',
  ),
  'a default namespace, single quotes and spaces around =': `<jobs xmlns='http://www.ivoa.net/xml/UWS/v1.0' xmlns:xl = "http://www.w3.org/1999/xlink"><jobref id = 'q1' xl:href='https://elsewhere.example.org/j/q1' ><phase>PENDING</phase ></jobref><jobref id="q2"/></jobs>`,
  'an href without id, and an id that needs encoding': list('<uws:jobref xlink:href="jobs/h1/"><uws:phase>HELD</uws:phase></uws:jobref><uws:jobref id=" a b/c "/>'),
  'a byte order mark and trailing comments': `\uFEFF${list('<uws:jobref id="bom"><uws:creationTime>2026-11-21T21:40:00+02:00</uws:creationTime></uws:jobref>')}\n<!-- end -->\n`,
  'an empty self-closing list': '<uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"/>',
};

/** Documents the lean reader leaves to the general reader (which reads or refuses them, with a reason). */
const leftAlone: Record<string, string> = {
  'a DOCTYPE': `<!DOCTYPE jobs [<!ENTITY x "y">]>${list('<uws:jobref id="&x;"/>')}`,
  'an undeclared entity': list('<uws:jobref id="a&nbsp;b"/>'),
  'a bare ampersand': list('<uws:jobref id="a"><uws:runId>R&D</uws:runId></uws:jobref>'),
  'mismatched tags': list('<uws:jobref id="a"><uws:phase>QUEUED</uws:runId></uws:jobref>'),
  'an unclosed root': `${LIST_HEAD}<uws:jobref id="a"/>`,
  'two roots': `${list('')}<uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"/>`,
  'text after the root': `${list('')} trailing`,
  'a job document': '<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:jobId>1</uws:jobId></uws:job>',
  'a foreign root namespace': '<jobs xmlns="urn:not-uws"><jobref id="a"/></jobs>',
  'a jobref with neither id nor href': list('<uws:jobref><uws:phase>QUEUED</uws:phase></uws:jobref>'),
  'a duplicate attribute': list('<uws:jobref id="a" id="b"/>'),
  'an attribute without quotes': list('<uws:jobref id=a/>'),
  'a < in an attribute': list('<uws:jobref id="a<b"/>'),
  'an HTML page': '<!doctype html><html><head><title>Oops</title></head><body>down</body></html>',
  'an empty body': '',
};

describe('the lean job-list reader', () => {
  it('reads every job-list fixture as the general reader does', () => {
    const lists = Object.entries(fixtures).filter(([name, text]) => name.includes('job-list') && readJobListLean(text) !== null);
    expect(lists.map(([name]) => name).sort()).toEqual([
      './fixtures/dachs-job-list-empty.xml',
      './fixtures/dachs-job-list.xml',
      './fixtures/job-list-uws10.xml',
      './fixtures/job-list-uws11.xml',
    ]);
    for (const [, text] of lists) expect(parseJobList(text, URL)).toEqual(parseJobListGeneral(text, URL));
  });

  it.each(Object.entries(tricky))('reads %s as the general reader does', (_, text) => {
    expect(readJobListLean(text)).not.toBeNull();
    expect(parseJobList(text, URL)).toEqual(parseJobListGeneral(text, URL));
  });

  it.each(Object.entries(leftAlone))('leaves %s to the general reader', (_, text) => {
    expect(readJobListLean(text)).toBeNull();
  });

  it('still refuses what the general reader refuses, with its reason', () => {
    expect(() => parseJobList(leftAlone['a DOCTYPE']!, URL)).toThrow(/DOCTYPE or entity declarations/);
    expect(() => parseJobList(leftAlone['mismatched tags']!, URL)).toThrow(/not well-formed/);
    expect(() => parseJobList(leftAlone['a job document']!, URL)).toThrow(/root element <uws:job>/);
    expect(() => parseJobList(leftAlone['a jobref with neither id nor href']!, URL)).toThrow(/neither an id nor an href/);
  });

  it('reads ten thousand jobs', () => {
    const refs = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<uws:jobref id="j${i}" xlink:href="${URL}/j${i}"><uws:phase>PENDING</uws:phase><uws:runId>seed-${i}</uws:runId><uws:ownerId xsi:nil="true"/><uws:creationTime>2026-12-02T06:50:00.123Z</uws:creationTime></uws:jobref>`,
    );
    const jobs = parseJobList(list(refs.join('\n')), URL);
    expect(jobs).toHaveLength(10_000);
    expect(jobs[9_999]).toEqual({ jobId: 'j9999', href: `${URL}/j9999`, phase: 'PENDING', runId: 'seed-9999', ownerId: null, creationTime: new Date('2026-12-02T06:50:00.123Z') });
  });

  it('takes an href as it stands only where the URL parser would write it the same', () => {
    const base = 'http://127.0.0.1:8080/tap/async';
    const hrefs = [
      'http://127.0.0.1:8080/tap/async/abc123',
      'https://tap.example.org/tap/async/j-1_a~b.c%20d',
      'http://127.0.0.1:80/tap/async/a',
      'https://tap.example.org:443/a',
      'https://tap.example.org:8443/a/',
      'http://Tap.Example.org/a',
      'http://127.1/a',
      'http://0x7f.0.0.1/a',
      'http://1.2.3.4.5/a',
      'http://tap.example.org',
      'http://tap.example.org/a/../b',
      'http://tap.example.org/a/%2e%2E/b',
      'http://tap.example.org/a/./b',
      'http://tap.example.org/a b',
      'http://tap.example.org/a?x=1',
      'http://tap.example.org:0080/a',
      'http://tap.example.org:99999/a',
      'HTTP://tap.example.org/a',
      ' http://tap.example.org/a ',
      'async/relative',
      '/absolute/path',
    ];
    for (const href of hrefs) {
      let expected: string;
      try {
        expected = new globalThis.URL(href.trim(), base).toString();
      } catch {
        expected = href.trim();
      }
      expect([href, resolveJobHrefForTest(href, base)]).toEqual([href, expected]);
    }
  });
});

