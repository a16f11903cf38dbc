// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseVotable } from '../../protocol/votable/parse-votable';
import type { VoTableTable } from '../../protocol/votable/types';
import { ResultsGrid, ROW_HEIGHT } from './results-grid';
import { isSortable, nextSort, sortPermutation, type SortState } from './sort-rows';

// jsdom lays nothing out: give every element the size of the grid's viewport.
const VIEW_WIDTH = 900;
const VIEW_HEIGHT = 480;
/** The content size of a scroller: the size its first child is styled with. */
const contentSize = (element: Element, side: 'width' | 'height', view: number) =>
  Math.max(view, Number.parseFloat((element.firstElementChild as HTMLElement | null)?.style[side] ?? '') || 0);
const savedScrollTo = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo');
beforeAll(() => {
  // ... and scrolls nothing: scrolling an element moves its scroll offsets and tells its listeners.
  Object.defineProperty(Element.prototype, 'scrollTo', {
    configurable: true,
    value(this: Element, options: ScrollToOptions) {
      if (options.top !== undefined) this.scrollTop = options.top;
      if (options.left !== undefined) this.scrollLeft = options.left;
      this.dispatchEvent(new Event('scroll'));
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => VIEW_WIDTH });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEW_HEIGHT });
  Object.defineProperty(HTMLElement.prototype, 'scrollWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return contentSize(this, 'width', VIEW_WIDTH);
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return contentSize(this, 'height', VIEW_HEIGHT);
    },
  });
});
afterAll(() => {
  if (savedScrollTo) Object.defineProperty(Element.prototype, 'scrollTo', savedScrollTo);
  else delete (Element.prototype as Partial<Element>).scrollTo;
  // Uncover jsdom's own (Element.prototype) sizes again.
  for (const name of ['clientWidth', 'clientHeight', 'scrollWidth', 'scrollHeight'] as const) {
    delete (HTMLElement.prototype as Partial<HTMLElement>)[name];
  }
});
afterEach(cleanup);

function votable(fields: string, rows: string[]): VoTableTable {
  return parseVotable(
    `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><TABLE>${fields}<DATA><TABLEDATA>${rows.join('')}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`,
  ).tables[0]!;
}

function Grid({ table }: { table: VoTableTable }) {
  const [sort, setSort] = useState<SortState | null>(null);
  const order = sort ? sortPermutation(table, sort) : null;
  return (
    <ResultsGrid
      table={table}
      order={order}
      sort={sort}
      sortable={(col) => isSortable(table.column(col))}
      onSort={(col) => setSort((current) => nextSort(current, col))}
      label="Result"
      height={VIEW_HEIGHT}
    />
  );
}

const dataRows = () => screen.getAllByRole('row').slice(1);
const firstCellTexts = () => dataRows().map((row) => within(row).getAllByRole('gridcell')[0]!.textContent);

describe('a big result in the grid', () => {
  const rowCount = 50_000;
  const big = votable(
    '<FIELD name="n" datatype="int"/><FIELD name="x" datatype="double" unit="deg" ucd="pos.eq.ra" utype="stc:ra"><DESCRIPTION>Right ascension (ICRS)</DESCRIPTION></FIELD>',
    Array.from({ length: rowCount }, (_, i) => `<TR><TD>${i + 1}</TD><TD>${(rowCount - i) / 7}</TD></TR>`),
  );

  it('renders only the rows in view, and others once scrolled to', () => {
    render(<Grid table={big} />);
    const grid = screen.getByRole('grid', { name: 'Result' });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(rowCount + 1));
    const visible = Math.ceil(VIEW_HEIGHT / ROW_HEIGHT);
    expect(dataRows().length).toBeGreaterThanOrEqual(visible - 2);
    expect(dataRows().length).toBeLessThan(visible + 20);
    expect(firstCellTexts()[0]).toBe('1');

    act(() => {
      grid.scrollTop = (rowCount - 5) * ROW_HEIGHT;
      fireEvent.scroll(grid);
    });
    expect(dataRows().length).toBeLessThan(visible + 20);
    expect(firstCellTexts()).toContain(String(rowCount));
    expect(firstCellTexts()).not.toContain('1');
  });

  it('moves to the last row with Ctrl+End and copies its exact value', async () => {
    const user = userEvent.setup();
    render(<Grid table={big} />);
    const grid = screen.getByRole('grid');
    grid.focus();
    await user.keyboard('{Control>}{End}{/Control}');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const active = document.getElementById(grid.getAttribute('aria-activedescendant')!);
    expect(active).not.toBeNull();
    expect(active!.textContent).toContain(String(1 / 7));
    expect(active!.getAttribute('title')).toBe(String(1 / 7));

    const copied = new Map<string, string>();
    const copy = new Event('copy', { bubbles: true, cancelable: true });
    Object.defineProperty(copy, 'clipboardData', {
      value: { setData: (type: string, value: string) => copied.set(type, value), getData: (type: string) => copied.get(type) ?? '' },
    });
    grid.dispatchEvent(copy);
    expect(copy.defaultPrevented).toBe(true);
    expect(copied.get('text/plain')).toBe('0.14285714285714285');
  });

  it('sorts by a column when its header is clicked, then reverses', async () => {
    const user = userEvent.setup();
    render(<Grid table={big} />);
    const header = screen.getAllByRole('columnheader').find((h) => h.textContent?.startsWith('x'))!;
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByRole('button', { name: /^x\b/ }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(firstCellTexts()[0]).toBe(String(rowCount));
    await user.click(within(header).getByRole('button', { name: /^x\b/ }));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(firstCellTexts()[0]).toBe('1');
  });

  it('toggles column details with a click or Enter, and closes them with Escape or a click outside', async () => {
    const user = userEvent.setup();
    render(<Grid table={big} />);
    const info = screen.getByRole('button', { name: 'About column x' });
    const details = () => screen.queryByRole('group', { name: 'Column x' });
    expect(details()).toBeNull();
    await user.hover(info);
    expect(details(), 'hovering alone opens nothing').toBeNull();
    await user.click(info);
    expect(details()!.textContent).toContain('pos.eq.ra');
    expect(details()!.textContent).toContain('Right ascension (ICRS)');
    expect(info.getAttribute('aria-expanded')).toBe('true');
    expect(info.getAttribute('aria-controls')).toBe(details()!.id);
    await user.click(info);
    expect(details()).toBeNull();

    await user.click(info);
    await user.click(document.body);
    expect(details(), 'a click outside closes').toBeNull();

    info.focus();
    await user.keyboard('{Enter}');
    expect(details()).not.toBeNull();
    await user.keyboard('{Escape}');
    expect(details()).toBeNull();
    expect(document.activeElement).toBe(info);
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    expect(details(), 'Enter toggles').toBeNull();
  });

  it("shows one column's details at a time", async () => {
    const user = userEvent.setup();
    render(<Grid table={big} />);
    await user.click(screen.getByRole('button', { name: 'About column n' }));
    await user.click(screen.getByRole('button', { name: 'About column x' }));
    expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(['Column x']);
  });

  it('makes the column headers one tab stop, with the arrow keys moving between their buttons', async () => {
    const user = userEvent.setup();
    render(
      <>
        <button type="button">before</button>
        <Grid table={big} />
        <button type="button">after</button>
      </>,
    );
    screen.getByRole('button', { name: 'before' }).focus();
    const stops: string[] = [];
    for (let i = 0; i < 4; i++) {
      await user.tab();
      const element = document.activeElement as HTMLElement;
      stops.push(element.getAttribute('role') === 'grid' ? 'grid' : (element.getAttribute('aria-label') ?? element.textContent ?? '').trim());
      if (element.textContent === 'after') break;
    }
    expect(stops).toEqual(['grid', 'n', 'after']);

    const sortN = screen.getByRole('button', { name: /^n/ });
    sortN.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement!.getAttribute('aria-label')).toBe('About column n');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement!.getAttribute('title')).toBe('Sort by x');
    await user.keyboard('{End}');
    expect(document.activeElement!.getAttribute('aria-label')).toBe('About column x');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement!.getAttribute('aria-label'), 'stays at the last').toBe('About column x');
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(sortN);
    // The header remembers where the user was: tabbing back in lands there.
    await user.keyboard('{End}');
    screen.getByRole('button', { name: 'before' }).focus();
    await user.tab();
    await user.tab();
    expect(document.activeElement!.getAttribute('aria-label')).toBe('About column x');
    const tabbable = [...document.querySelectorAll('[role="columnheader"] button')].filter((b) => (b as HTMLElement).tabIndex === 0);
    expect(tabbable).toHaveLength(1);
  });
});

describe('a table taller than the browser can lay out', () => {
  const rowCount = 50_000;
  const tall = votable(
    '<FIELD name="n" datatype="int"/>',
    Array.from({ length: rowCount }, (_, i) => `<TR><TD>${i + 1}</TD></TR>`),
  );
  const limit = 100_000;

  it('scrolls through a shorter body and still reaches every row', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid table={tall} order={null} sort={null} sortable={() => true} onSort={() => {}} label="Result" height={VIEW_HEIGHT} maxScrollHeight={limit} />);
    const grid = screen.getByRole('grid');
    expect(grid.scrollHeight).toBeLessThanOrEqual(limit);
    expect(firstCellTexts()[0]).toBe('1');

    act(() => {
      grid.scrollTop = (grid.scrollHeight - VIEW_HEIGHT) / 2;
      fireEvent.scroll(grid);
    });
    const middle = firstCellTexts().map(Number);
    expect(middle.length).toBeLessThan(Math.ceil(VIEW_HEIGHT / ROW_HEIGHT) + 20);
    expect(Math.min(...middle)).toBeGreaterThan(rowCount / 2 - 30);
    expect(Math.max(...middle)).toBeLessThan(rowCount / 2 + 30);

    grid.focus();
    await user.keyboard('{Control>}{End}{/Control}');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(grid.scrollTop).toBe(grid.scrollHeight - VIEW_HEIGHT);
    const active = document.getElementById(grid.getAttribute('aria-activedescendant')!);
    expect(active?.textContent).toBe(String(rowCount));
    await user.keyboard('{Control>}{Home}{/Control}');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(grid.scrollTop).toBe(0);
    expect(firstCellTexts()[0]).toBe('1');
  });
});

describe('an empty result', () => {
  it('keeps its column headers and says there are no rows', () => {
    render(<Grid table={votable('<FIELD name="ra" datatype="double" unit="deg"/>', [])} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['#', 'radeg']);
    expect(dataRows()).toHaveLength(0);
    expect(screen.getByText('The result has no rows.')).toBeTruthy();
  });
});

describe('many columns', () => {
  it('renders only the columns in view', () => {
    const columns = 300;
    const fields = Array.from({ length: columns }, (_, c) => `<FIELD name="c${c}" datatype="int"/>`).join('');
    const rows = Array.from({ length: 10 }, (_, r) => `<TR>${Array.from({ length: columns }, (_, c) => `<TD>${r * columns + c}</TD>`).join('')}</TR>`);
    render(<Grid table={votable(fields, rows)} />);
    expect(screen.getByRole('grid').getAttribute('aria-colcount')).toBe(String(columns + 1));
    const headers = screen.getAllByRole('columnheader');
    expect(headers.length).toBeLessThan(30);
    expect(within(dataRows()[0]!).getAllByRole('gridcell').length).toBe(headers.length - 1);
  });
});

describe('what cells show', () => {
  const table = votable(
    '<FIELD name="s" datatype="char" arraysize="*"/><FIELD name="v" datatype="float"/><FIELD name="b" datatype="long"/>',
    [
      '<TR><TD>javascript:alert(1)</TD><TD>0</TD><TD>9223372036854775807</TD></TR>',
      '<TR><TD>https://archive.example.org/get?id=1&amp;f=fits</TD><TD></TD><TD></TD></TR>',
      '<TR><TD>data:text/html,&lt;b&gt;x&lt;/b&gt;</TD><TD>0.1</TD><TD>1</TD></TR>',
      '<TR><TD>/relative/path</TD><TD>NaN</TD><TD>2</TD></TR>',
      '<TR><TD>&lt;img src=x onerror=alert(1)&gt;</TD><TD>3.4028235e38</TD><TD>3</TD></TR>',
    ],
  );

  it('shows null as a labelled badge, distinct from zero', () => {
    render(<Grid table={table} />);
    const rows = dataRows();
    expect(within(rows[0]!).getAllByRole('gridcell')[1]!.textContent).toMatch(/^0$/);
    const nullCell = within(rows[1]!).getAllByRole('gridcell')[1]!;
    expect(within(nullCell).getByLabelText('null').textContent).toBe('null');
    expect(within(within(rows[3]!).getAllByRole('gridcell')[1]!).queryByLabelText('null')).not.toBeNull();
    expect(within(rows[0]!).getAllByRole('gridcell')[2]!.textContent).toContain('9223372036854775807');
    expect(within(rows[2]!).getAllByRole('gridcell')[1]!.textContent).toMatch(/^0\.1$/);
    expect(within(rows[4]!).getAllByRole('gridcell')[1]!.textContent).toMatch(/^3\.4028235e\+38$/);
  });

  it('links only http(s) URLs, opening safely in a new tab; other text stays text', () => {
    render(<Grid table={table} />);
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://archive.example.org/get?id=1&f=fits');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>').closest('[role="gridcell"]')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('opens the active cell\'s link with Enter, and never a javascript: value', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<Grid table={table} />);
    screen.getByRole('grid').focus();
    await user.keyboard('{Enter}');
    expect(open).not.toHaveBeenCalled();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(open).toHaveBeenCalledWith('https://archive.example.org/get?id=1&f=fits', '_blank', 'noopener,noreferrer');
    open.mockRestore();
  });
});

describe('text direction in the grid', () => {
  const RLO = '\u202e';
  const hostile = votable(
    `<FIELD name="${RLO}eman" datatype="char" arraysize="*" unit="${RLO}ged"/><FIELD name="url" datatype="char" arraysize="*"/>`,
    [`<TR><TD>${RLO}txet</TD><TD>https://archive.example.org/${RLO}fits</TD></TR>`],
  );
  /** Whether the element holding this text, or one around it up to the stop, isolates its direction. */
  const isolated = (element: HTMLElement, stop: HTMLElement) => {
    for (let e: HTMLElement | null = element; e; e = e === stop ? null : e.parentElement) {
      if (e.tagName === 'BDI' || e.className.includes('[unicode-bidi:isolate]')) return true;
    }
    return false;
  };

  it('keeps a right-to-left override in a cell or a header from reordering what is around it', () => {
    render(<Grid table={hostile} />);
    const [text, link] = within(dataRows()[0]!).getAllByRole('gridcell');
    expect(text!.className).toContain('[unicode-bidi:isolate]');
    expect(isolated(within(text!).getByText(`${RLO}txet`), text!)).toBe(true);
    expect(isolated(within(link!).getByText(`https://archive.example.org/${RLO}fits`), link!)).toBe(true);
    const header = screen.getAllByRole('columnheader')[1]!;
    expect(header.className).toContain('[unicode-bidi:isolate]');
    expect(within(header).getByText(`${RLO}eman`).tagName).toBe('BDI');
    expect(within(header).getByText(`${RLO}ged`).tagName).toBe('BDI');
  });
});

describe('a grid narrowed to some rows', () => {
  it('shows only the rows of the order it is given, however many the table holds', () => {
    const table = votable('<FIELD name="n" datatype="int"/>', Array.from({ length: 40 }, (_, i) => `<TR><TD>${i + 1}</TD></TR>`));
    render(<ResultsGrid table={table} order={Uint32Array.from([30, 4])} sort={null} sortable={() => true} onSort={() => {}} label="Result" height={VIEW_HEIGHT} />);
    expect(screen.getByRole('grid', { name: 'Result' }).getAttribute('aria-rowcount')).toBe('3');
    expect(firstCellTexts()).toEqual(['31', '5']);
  });
});
