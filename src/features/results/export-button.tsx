import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { saveBlob } from '../../lib/result-files';

export interface ExportOptions {
  order: Uint32Array | null;
  signal: AbortSignal;
  onProgress: (written: number, total: number) => void;
}

/**
 * Saves the rows shown (filtered, chosen in a plot, sorted) in one format,
 * with the progress on the button; a second press cancels a long export.
 */
export function ExportButton({
  format,
  write,
  order,
  fileName,
}: {
  /** As the user reads it: "CSV", "VOTable". */
  format: string;
  write: (options: ExportOptions) => Promise<Blob>;
  order: Uint32Array | null;
  fileName: string;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const start = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    try {
      const blob = await write({
        order,
        signal: controller.signal,
        onProgress: (written, total) => setProgress(total === 0 ? 1 : written / total),
      });
      saveBlob(blob, fileName);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
    }
  };
  if (progress !== null) {
    return (
      <Button size="sm" onClick={() => abortRef.current?.abort()} aria-label={`Cancel ${format} export`}>
        Preparing {format}… {Math.round(progress * 100)}% (cancel)
      </Button>
    );
  }
  return (
    <Button size="sm" onClick={() => void start()} title={order ? `The rows shown as ${format}, in the order shown` : `The rows as ${format}`}>
      Export as {format}
    </Button>
  );
}
