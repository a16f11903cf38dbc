import { chipButton } from './styles';
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { resultFileName, saveBlob } from '../../lib/result-files';
import type { ServiceConfig } from '../../lib/services';
import type { UwsResult } from '../../protocol/uws/types';

/**
 * Downloads a result as the service sent it. The bytes are fetched in a
 * worker through the service's transport (so its credential goes along, only
 * within its scope) and arrive as a Blob, never copied on the page's thread.
 * The file is named by the result's declared type or, when it declares none,
 * by the type the service sent.
 */
export function DownloadButton({ service, jobId, result, label, accessibleLabel }: { service: ServiceConfig; jobId: string; result: UwsResult; label: string; accessibleLabel?: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const download = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: 'busy' });
    try {
      // The result-loading code (with the VOTable decoder) loads with the first download, not with the job page.
      const { loadResultInWorker } = await import('../../protocol/votable/worker-client');
      const loaded = await loadResultInWorker(result.href, {
        serviceUrl: service.tapUrl,
        credential: service.credential,
        decode: false,
        timeoutMs: 10 * 60_000,
        signal: controller.signal,
      });
      saveBlob(loaded.original, resultFileName(jobId, result.id, result.mimeType ?? loaded.contentType));
      setState({ kind: 'idle' });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'failed', error });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={() => void download()} disabled={state.kind === 'busy'} aria-label={accessibleLabel} className={chipButton}>
        {state.kind === 'busy' ? 'Downloading…' : label}
      </button>
      {state.kind === 'failed' && <ErrorMessage error={state.error} context="Downloading the result" service={service} />}
    </span>
  );
}
