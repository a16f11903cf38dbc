/**
 * The app's one SAMP connection: registration with the hub on the user's
 * machine, the list of clients that could receive a table, sending tables and
 * rows, and the row messages other tools send back.
 *
 * Nothing connects by itself: the user asks for it, since registering tells
 * every tool on the hub that this page is there. Messages from other clients
 * are data: only the row messages this app subscribes to are read, and their
 * row numbers are checked before anyone sees them.
 */
import { HubNotRunningError, createSampWebClient, type SampCallback, type SampMessage, type SampWebClient } from '../../protocol/samp/web-profile';
import type { SampMap, SampValue } from '../../protocol/samp/xml-rpc';

export type SampStatus = 'disconnected' | 'connecting' | 'connected' | 'no-hub' | 'error';

export interface SampPeer {
  id: string;
  name: string;
  /** Subscribed to table.load.votable: a VOTable can be sent to it. */
  takesTables: boolean;
  /** Subscribed to table.load.fits: a FITS table can be sent to it. */
  takesFits: boolean;
}

/** The two table formats SAMP has a load message for. */
export type SampTableFormat = 'votable' | 'fits';

/**
 * Which SAMP load message fits a result, from its declared media type, else
 * the format the job asked for; null for a table no SAMP tool is asked to
 * load by URL (CSV, TSV, anything else). No hint at all means VOTable, TAP's
 * default output.
 */
export function sampTableFormat(mimeType: string | null | undefined, requestedFormat?: string | null): SampTableFormat | null {
  const hint = (mimeType || requestedFormat || '').trim().toLowerCase();
  if (!hint) return 'votable';
  if (hint.includes('fits')) return 'fits';
  if (hint.includes('votable') || hint === 'text/xml' || hint === 'application/xml' || hint === 'votable') return 'votable';
  return null;
}

export interface SendOutcome {
  tag: string;
  tableName: string;
  /** Names of the clients the hub passed the table to, still waiting for their answer. */
  waiting: string[];
  loaded: string[];
  failed: { name: string; reason: string }[];
}

export interface SampState {
  status: SampStatus;
  peers: SampPeer[];
  /** What went wrong, in words, for status no-hub or error. */
  problem: string | null;
  lastSend: SendOutcome | null;
}

export interface TableRef {
  /** The table's id in SAMP messages (our choice, stable per result). */
  tableId: string;
  /** The URL other tools load the table from. */
  url: string;
  /** What the URL serves; VOTable when not said. */
  format?: SampTableFormat;
}

/**
 * The table-id the app gives the `tableIndex`-th table of the result at `resultHref`: the
 * same in table.load.votable and in the row messages about it, so that a tool
 * links both to the one table it loaded, and the app knows the rows it sends back.
 */
export function sampTableId(resultHref: string, tableIndex = 0): string {
  return `${resultHref}#${tableIndex}`;
}

export interface RowMessage {
  kind: 'highlight' | 'select';
  tableId: string;
  url: string;
  /** 0-based rows, as SAMP counts them. */
  rows: number[];
  from: string;
}

export const TABLE_MTYPES = {
  load: 'table.load.votable',
  loadFits: 'table.load.fits',
  highlight: 'table.highlight.row',
  select: 'table.select.rowList',
} as const;

const HUB_EVENTS = ['samp.hub.event.register', 'samp.hub.event.unregister', 'samp.hub.event.metadata', 'samp.hub.event.subscriptions'];
const SHUTDOWN = 'samp.hub.event.shutdown';
const PULL_SECONDS = 10;

export interface SampSessionOptions {
  createClient?: () => SampWebClient;
  /** Our name and description as other tools show them. */
  metadata?: SampMap;
}

function str(value: SampValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** A SAMP row index: a whole number from 0 up, else null. */
function rowIndex(value: SampValue | undefined): number | null {
  const text = str(value).trim();
  if (!/^\d{1,12}$/.test(text)) return null;
  return Number(text);
}

export function readRowMessage(message: SampMessage, from: string): RowMessage | null {
  const params = message['samp.params'];
  const tableId = str(params['table-id']);
  const url = str(params.url);
  if (message['samp.mtype'] === TABLE_MTYPES.highlight) {
    const row = rowIndex(params.row);
    return row === null ? null : { kind: 'highlight', tableId, url, rows: [row], from };
  }
  if (message['samp.mtype'] === TABLE_MTYPES.select) {
    const list = Array.isArray(params['row-list']) ? params['row-list'] : [];
    const rows = list.map(rowIndex).filter((r): r is number => r !== null);
    return { kind: 'select', tableId, url, rows, from };
  }
  return null;
}

export function createSampSession(options: SampSessionOptions = {}) {
  const makeClient = options.createClient ?? (() => createSampWebClient());
  const metadata: SampMap = options.metadata ?? {
    'samp.name': 'uws-desk',
    'samp.description.text': 'Asynchronous TAP jobs in the browser',
  };
  let state: SampState = { status: 'disconnected', peers: [], problem: null, lastSend: null };
  const listeners = new Set<() => void>();
  const rowListeners = new Set<(message: RowMessage) => void>();
  let client: SampWebClient | null = null;
  let loop: AbortController | null = null;
  let sends = 0;

  function set(next: Partial<SampState>) {
    state = { ...state, ...next };
    for (const l of listeners) l();
  }

  function fail(error: unknown) {
    loop?.abort();
    loop = null;
    client = null;
    if (error instanceof HubNotRunningError) {
      set({ status: 'no-hub', peers: [], problem: 'No SAMP hub is running on this computer. Start TOPCAT or Aladin (each brings a hub), then connect again.' });
    } else {
      set({ status: 'error', peers: [], problem: error instanceof Error ? error.message : String(error) });
    }
  }

  async function refreshPeers(c: SampWebClient) {
    const self = c.registration?.selfId;
    const [ids, tableTakers, fitsTakers] = await Promise.all([
      c.getRegisteredClients(),
      c.getSubscribedClients(TABLE_MTYPES.load),
      c.getSubscribedClients(TABLE_MTYPES.loadFits).catch(() => [] as string[]),
    ]);
    const peers = await Promise.all(
      ids
        .filter((id) => id !== self && id !== c.registration?.hubId)
        .map(async (id) => {
          const meta = await c.getMetadata(id).catch(() => ({}) as SampMap);
          return { id, name: str(meta['samp.name']) || id, takesTables: tableTakers.includes(id), takesFits: fitsTakers.includes(id) };
        }),
    );
    if (client === c) set({ peers });
  }

  function onResponse(callback: Extract<SampCallback, { kind: 'response' }>) {
    const send = state.lastSend;
    if (!send || send.tag !== callback.tag) return;
    const name = state.peers.find((p) => p.id === callback.responderId)?.name ?? callback.responderId;
    const ok = str(callback.response['samp.status']) !== 'samp.error';
    const error = callback.response['samp.error'];
    const reason = (error && typeof error === 'object' && !Array.isArray(error) ? str(error['samp.errortxt']) : '') || 'it gave no reason';
    set({
      lastSend: {
        ...send,
        waiting: send.waiting.filter((w) => w !== name),
        loaded: ok ? [...send.loaded, name] : send.loaded,
        failed: ok ? send.failed : [...send.failed, { name, reason }],
      },
    });
  }

  /** The name a tool gave itself; one that has left the hub already (or never said) is "Another tool", never its bare client id. */
  async function senderName(c: SampWebClient, id: string): Promise<string> {
    const known = state.peers.find((p) => p.id === id);
    if (known) return known.name;
    const meta = await c.getMetadata(id).catch(() => ({}) as SampMap);
    const name = meta['samp.name'];
    return typeof name === 'string' && name.trim() ? name.trim() : 'Another tool';
  }

  async function handle(c: SampWebClient, callback: SampCallback) {
    if (callback.kind === 'response') return onResponse(callback);
    const mtype = callback.message['samp.mtype'];
    if (mtype === SHUTDOWN) {
      fail(new HubNotRunningError('The SAMP hub shut down.'));
      return;
    }
    if (HUB_EVENTS.includes(mtype)) await refreshPeers(c);
    const rows = readRowMessage(callback.message, await senderName(c, callback.senderId));
    if (rows) for (const l of rowListeners) l(rows);
    if (callback.kind === 'call') await c.reply(callback.msgId, { 'samp.status': 'samp.ok', 'samp.result': {} });
  }

  async function pull(c: SampWebClient, signal: AbortSignal) {
    while (!signal.aborted && client === c) {
      try {
        const callbacks = await c.pullCallbacks(PULL_SECONDS, signal);
        for (const callback of callbacks) await handle(c, callback);
      } catch (error) {
        if (signal.aborted || client !== c) return;
        fail(error);
        return;
      }
    }
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onRows(listener: (message: RowMessage) => void) {
      rowListeners.add(listener);
      return () => {
        rowListeners.delete(listener);
      };
    },
    async connect() {
      if (state.status === 'connecting' || state.status === 'connected') return;
      set({ status: 'connecting', problem: null });
      const c = makeClient();
      try {
        await c.register(metadata);
        client = c;
        await c.declareMetadata(metadata);
        // Subscriptions need a callable client (the hub refuses them before this).
        await c.allowReverseCallbacks(true);
        const subscriptions: Record<string, SampMap> = {};
        for (const m of [TABLE_MTYPES.highlight, TABLE_MTYPES.select, ...HUB_EVENTS, SHUTDOWN]) subscriptions[m] = {};
        await c.declareSubscriptions(subscriptions);
        await refreshPeers(c);
        set({ status: 'connected' });
        loop = new AbortController();
        void pull(c, loop.signal);
      } catch (error) {
        fail(error);
      }
    },
    async disconnect() {
      const c = client;
      loop?.abort();
      loop = null;
      client = null;
      set({ status: 'disconnected', peers: [], problem: null, lastSend: null });
      await c?.unregister().catch(() => undefined);
    },
    /** Send a table to one client, or to every client that takes its format when `to` is null. */
    async sendTable(table: TableRef & { name: string }, to: string | null) {
      const c = client;
      if (!c) throw new Error('Connect to a SAMP hub first.');
      const tag = `send-${++sends}`;
      const message: SampMessage = {
        'samp.mtype': table.format === 'fits' ? TABLE_MTYPES.loadFits : TABLE_MTYPES.load,
        'samp.params': { url: table.url, 'table-id': table.tableId, name: table.name },
      };
      let ids: string[];
      if (to === null) {
        ids = Object.keys(await c.callAll(tag, message));
      } else {
        await c.call(to, tag, message);
        ids = [to];
      }
      const names = ids.map((id) => state.peers.find((p) => p.id === id)?.name ?? id);
      set({ lastSend: { tag, tableName: table.name, waiting: names, loaded: [], failed: [] } });
      return names;
    },
    async highlightRow(table: TableRef, row: number) {
      await client?.notifyAll({ 'samp.mtype': TABLE_MTYPES.highlight, 'samp.params': { 'table-id': table.tableId, url: table.url, row: String(row) } });
    },
    async selectRows(table: TableRef, rows: readonly number[]) {
      await client?.notifyAll({
        'samp.mtype': TABLE_MTYPES.select,
        'samp.params': { 'table-id': table.tableId, url: table.url, 'row-list': rows.map(String) },
      });
    },
  };
}

export type SampSession = ReturnType<typeof createSampSession>;
