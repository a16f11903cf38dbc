import { chipButton } from './styles';
import { useState } from 'react';
import { getServiceClient } from '../../api';
import type { ServiceConfig } from '../../lib/services';

/**
 * Downloads a result through the service's transport (so a bearer credential
 * is sent) and hands it to the browser as a file.
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
  const download = async () => {
    setState({ kind: 'busy' });
    try {
      const response = await getServiceClient(service).transport.request(href, { timeoutMs: 10 * 60_000 });
      const bytes = await response.bytes();
      const blob = new Blob([bytes as BlobPart], { type: response.contentType ?? 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: 'idle' });
    } catch (error) {
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
