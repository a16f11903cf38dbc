import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { saveBlob } from '../../lib/result-files';
import type { VoTable, VoTableTable } from '../../protocol/votable/types';
import { tableToVoTableBlob } from './votable-export';

/** Saves the rows shown (filtered, chosen in a plot, sorted) as a VOTable; a second press cancels a long export. */
export function VoTableButton({ votable, table, order, fileName }: { votable: VoTable; table: VoTableTable; order: Uint32Array | null; fileName: string }) {
  const [progress, setProgress] = useState<number | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const start = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    try {
      const blob = await tableToVoTableBlob(votable, table, {
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
      <Button size="sm" onClick={() => abortRef.current?.abort()} aria-label="Cancel VOTable export">
        Preparing VOTable… {Math.round(progress * 100)}% (cancel)
      </Button>
    );
  }
  return (
    <Button size="sm" onClick={() => void start()} title={order ? 'The rows shown as a VOTable, in the order shown' : 'The rows as a VOTable'}>
      Export as VOTable
    </Button>
  );
}
