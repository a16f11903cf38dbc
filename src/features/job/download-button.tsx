import { chipButton } from './styles';
import { useEffect, useRef, useState } from 'react';
import type { ServiceConfig } from '../../lib/services';
import { loadResultInWorker } from '../../protocol/votable/worker-client';

/** Hand a Blob to the browser as a file. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a result as the service sent it. The bytes are fetched in a
 * worker through the service's transport (so its credential goes along, only
 * within its scope) and arrive as a Blob, never copied on the page's thread.
 */
export function DownloadButton({
  service,
  href,
  fileName,
  label,
  accessibleLabel,
}: {
  service: ServiceConfig;
  href: string;
  fileName: string;
  label: string;
  accessibleLabel?: string;
}) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const download = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: 'busy' });
    try {
      const loaded = await loadResultInWorker(href, {
        serviceUrl: service.tapUrl,
        credential: service.credential,
        decode: false,
        timeoutMs: 10 * 60_000,
        signal: controller.signal,
      });
      save(loaded.original, fileName);
      setState({ kind: 'idle' });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void download()}
        disabled={state.kind === 'busy'}
        aria-label={accessibleLabel}
        title={fileName}
        className={chipButton}
      >
        {state.kind === 'busy' ? 'Downloading…' : label}
      </button>
      {state.kind === 'failed' && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          Download failed: {state.message}
        </span>
      )}
    </span>
  );
}
