/**
 * A worker that reads a VOSI tableset: a VizieR-sized `detail=min` document
 * (30 000 tables, about 7 MB) takes a second or more to parse, which the page
 * must not wait on.
 */
import { ProtocolError } from '../http/errors';
import { parseTableset } from './tables';
import type { TablesetRequest, TablesetResponse } from './tableset-off-thread';

const scope = self as unknown as { onmessage: ((e: MessageEvent<TablesetRequest>) => void) | null; postMessage: (message: TablesetResponse) => void };

scope.onmessage = (e) => {
  const { xml, url, complete } = e.data;
  try {
    scope.postMessage({ ok: true, schemas: parseTableset(xml, url, complete) });
  } catch (error) {
    const protocol = error instanceof ProtocolError;
    scope.postMessage({ ok: false, protocol, message: error instanceof Error ? error.message : String(error) });
  }
};
