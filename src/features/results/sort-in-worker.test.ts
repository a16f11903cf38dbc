import { describe, expect, it } from 'vitest';
import { hydrateTable } from '../../protocol/votable/table-access';
import { sortInWorker } from './sort-in-worker';

const table = hydrateTable({
  fields: [{ name: 'mag', datatype: 'double' } as never],
  columns: [{ kind: 'number', datatype: 'double', values: new Float64Array([3, 1, Number.NaN, 2]), nulls: null }],
  rowCount: 4,
  params: [],
  groups: [],
  infos: [],
  links: [],
  serialization: 'BINARY2',
});

describe('sorting off the page', () => {
  it('gives the rows in the order of the column, empty cells last', async () => {
    expect([...(await sortInWorker(table, { column: 0, direction: 'ascending' }, new AbortController().signal))]).toEqual([1, 3, 0, 2]);
    expect([...(await sortInWorker(table, { column: 0, direction: 'descending' }, new AbortController().signal))]).toEqual([0, 3, 1, 2]);
  });
});
