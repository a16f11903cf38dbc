import { chipButton } from './styles';
import { useState } from 'react';
import { getServiceClient } from '../../api';
import { ErrorMessage } from '../../components/error-message';
import { resultFileName, saveBlob } from '../../lib/result-files';
import type { ServiceConfig } from '../../lib/services';
import type { UwsResult } from '../../protocol/uws/types';

/**
 * Downloads a result through the service's transport (so a bearer credential
 * is sent) and hands it to the browser as a file, named by the result's
 * declared type or, when it declares none, by the type the service sent.
 */
export function DownloadButton({ service, jobId, result, label }: { service: ServiceConfig; jobId: string; result: UwsResult; label: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });
  const download = async () => {
    setState({ kind: 'busy' });
    try {
      const response = await getServiceClient(service).transport.request(result.href, { timeoutMs: 10 * 60_000 });
      const bytes = await response.bytes();
      const type = result.mimeType ?? response.contentType;
      saveBlob(new Blob([bytes as BlobPart], { type: response.contentType ?? 'application/octet-stream' }), resultFileName(jobId, result.id, type));
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={() => void download()} disabled={state.kind === 'busy'} className={chipButton}>
        {state.kind === 'busy' ? 'Downloading…' : label}
      </button>
      {state.kind === 'failed' && <ErrorMessage error={state.error} context="Download failed" service={service} className="basis-full" />}
    </span>
  );
}
