import { formatCount } from '../../lib/format';

/** Which rows a statistic or histogram covers, in words: the plot's choice wins over the filter, as in the grid. */
export function coverageText(total: number, filtered: Uint32Array | null, brushed: Uint32Array | null): string {
  if (brushed) return `Over the ${formatCount(brushed.length)} ${brushed.length === 1 ? 'row' : 'rows'} chosen in the plot (of ${formatCount(total)}).`;
  if (filtered) return `Over the ${formatCount(filtered.length)} ${filtered.length === 1 ? 'row' : 'rows'} that pass the filter (of ${formatCount(total)}).`;
  return `Over all ${formatCount(total)} ${total === 1 ? 'row' : 'rows'}.`;
}
