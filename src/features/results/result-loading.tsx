/** A result on its way: bytes and rows so far, and Cancel, which stops the download and the decoding. */
import { useId } from 'react';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { formatBytes, formatCount } from '../../lib/format';
import { AUTO_LOAD_CHOICES, setAutoLoadLimit } from './auto-load-limit';
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
  // A size the service gave that the bytes have outgrown was wrong: left out rather than shown as "105 kB of 1.3 kB".
  const given = progress?.totalBytes ?? expectedBytes;
  const total = given !== null && progress !== null && progress.bytes > given ? null : given;
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

/**
 * A result beyond the size that loads by itself: its size, a Load button, and
 * the setting that decides what loads by itself.
 */
export function SizeGate({ size, atLeast, limit, onLoad }: { size: number | null; atLeast: number; limit: number; onLoad: () => void }) {
  const limitId = useId();
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-slate-300 p-3 text-sm text-slate-800 dark:border-slate-700 dark:text-slate-200"
      data-testid="size-gate"
    >
      <p>
        {size !== null ? (
          <>
            This result is <strong>{formatBytes(size)}</strong>, more than the {formatBytes(limit)} that load by themselves.
          </>
        ) : (
          <>
            This result is larger than <strong>{formatBytes(Math.max(atLeast, limit))}</strong> (the service did not say its size), more than the{' '}
            {formatBytes(limit)} that load by themselves.
          </>
        )}{' '}
        Loading it takes memory and time; its Download above does not.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" variant="primary" onClick={onLoad}>
          Load result
        </Button>
        <label htmlFor={limitId} className="text-xs text-slate-600 dark:text-slate-400">
          Load results by themselves up to
        </label>
        <select
          id={limitId}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-900"
          value={AUTO_LOAD_CHOICES.includes(limit) ? limit : ''}
          onChange={(event) => setAutoLoadLimit(Number(event.target.value))}
        >
          {!AUTO_LOAD_CHOICES.includes(limit) && <option value="">{formatBytes(limit)}</option>}
          {AUTO_LOAD_CHOICES.map((bytes) => (
            <option key={bytes} value={bytes}>
              {formatBytes(bytes)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
