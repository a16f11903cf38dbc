/** A result on its way: bytes and rows so far, and Cancel, which stops the download and the decoding. */
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { formatBytes, formatCount } from '../../lib/format';
import type { ResultProgress } from './fetch-result';

export function LoadingProgress({
  progress,
  expectedBytes,
  onCancel,
}: {
  progress: ResultProgress | null;
  expectedBytes: number | null;
  onCancel: () => void;
}) {
  const total = progress?.totalBytes ?? expectedBytes;
  let label = 'Waiting for the service…';
  let fraction: number | null = null;
  if (progress?.phase === 'download') {
    label = `Downloaded ${formatBytes(progress.bytes)}${total ? ` of ${formatBytes(total)}` : ''}`;
    if (progress.rows > 0) label += ` · ${formatCount(progress.rows)} rows read`;
    if (total) fraction = Math.min(1, progress.bytes / total);
  } else if (progress?.phase === 'decode') {
    label = `Downloaded ${formatBytes(progress.totalBytes ?? progress.bytes)} · decoding: ${formatCount(progress.rows)} rows`;
    if (progress.totalBytes) fraction = Math.min(1, progress.bytes / progress.totalBytes);
  }
  return (
    <div className="flex flex-col gap-2" data-testid="result-loading">
      <div className="flex flex-wrap items-center gap-3">
        <Spinner label={label} />
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {fraction !== null && (
        <progress
          className="h-1.5 w-64 max-w-full accent-blue-700"
          max={1}
          value={fraction}
          aria-label={progress?.phase === 'decode' ? 'Decoding progress' : 'Download progress'}
        >
          {Math.round(fraction * 100)}%
        </progress>
      )}
    </div>
  );
}
