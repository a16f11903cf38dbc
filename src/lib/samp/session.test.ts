import { describe, expect, it, vi } from 'vitest';
import { HubNotRunningError, type SampCallback, type SampWebClient } from '../../protocol/samp/web-profile';
import { createSampSession, readRowMessage, sampTableFormat, type RowMessage } from './session';

/** A client whose hub holds TOPCAT (c1, takes tables) and a plotter (c2, does not). */
function fakeClient(queue: SampCallback[][] = []) {
  const replies: { msgId: string }[] = [];
  const sent: unknown[] = [];
  let pulls = 0;
  const client: SampWebClient = {
    hubUrl: 'http://localhost:21012/',
    registration: null,
    async register() {
      (client as { registration: unknown }).registration = { privateKey: 'k', selfId: 'c9', hubId: 'hub' };
      return client.registration!;
    },
    unregister: vi.fn(async () => undefined),
    declareMetadata: async () => undefined,
    declareSubscriptions: async () => undefined,
    allowReverseCallbacks: async () => undefined,
    getRegisteredClients: async () => ['hub', 'c1', 'c2', 'c9'],
    getSubscribedClients: async (mtype) => (mtype === 'table.load.votable' ? ['c1'] : mtype === 'table.load.fits' ? ['c2'] : []),
    getMetadata: async (id) => ({ 'samp.name': id === 'c1' ? 'topcat' : 'plotter' }),
    notify: async () => undefined,
    notifyAll: async (m) => {
      sent.push(m);
      return ['c1'];
    },
    call: async () => 'm1',
    callAll: async (_tag, m) => {
      sent.push(m);
      return { c1: 'm1' };
    },
    reply: async (msgId) => {
      replies.push({ msgId });
    },
    pullCallbacks: (_t, signal) =>
      new Promise((resolve, reject) => {
        const next = queue[pulls++];
        if (next) return resolve(next);
        signal?.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  };
  return { client, replies, sent };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('SAMP session', () => {
  it('lists the other tools on the hub and which of them take tables', async () => {
    const { client } = fakeClient();
    const session = createSampSession({ createClient: () => client });
    await session.connect();
    expect(session.getState().status).toBe('connected');
    expect(session.getState().peers).toEqual([
      { id: 'c1', name: 'topcat', takesTables: true, takesFits: false },
      { id: 'c2', name: 'plotter', takesTables: false, takesFits: true },
    ]);
    await session.disconnect();
    expect(client.unregister).toHaveBeenCalled();
  });

  it('says that no hub runs, and how to get one, when registration finds nothing', async () => {
    const { client } = fakeClient();
    client.register = async () => {
      throw new HubNotRunningError('No SAMP hub answered at http://localhost:21012/.');
    };
    const session = createSampSession({ createClient: () => client });
    await session.connect();
    expect(session.getState().status).toBe('no-hub');
    expect(session.getState().problem).toMatch(/Start TOPCAT or Aladin/);
  });

  it('passes on a row highlight from TOPCAT and answers its call', async () => {
    const call: SampCallback = {
      kind: 'call',
      senderId: 'c1',
      msgId: 'msg-3',
      message: { 'samp.mtype': 'table.highlight.row', 'samp.params': { 'table-id': 'job-1', url: 'http://x/r', row: '41' } },
    };
    const { client, replies } = fakeClient([[call]]);
    const session = createSampSession({ createClient: () => client });
    const seen: RowMessage[] = [];
    session.onRows((m) => seen.push(m));
    await session.connect();
    await flush();
    await flush();
    expect(seen).toEqual([{ kind: 'highlight', tableId: 'job-1', url: 'http://x/r', rows: [41], from: 'topcat' }]);
    expect(replies).toEqual([{ msgId: 'msg-3' }]);
    await session.disconnect();
  });

  it('names a tool that highlights a row before the page has heard of it, or "Another tool" once it has left, never by its client id', async () => {
    const from = (senderId: string): SampCallback => ({
      kind: 'notification',
      senderId,
      message: { 'samp.mtype': 'table.highlight.row', 'samp.params': { 'table-id': 'job-1', url: 'http://x/r', row: '2' } },
    });
    const { client } = fakeClient([[from('c7'), from('c8')]]);
    client.getMetadata = async (id) => {
      if (id === 'c7') return { 'samp.name': 'aladin' };
      throw new Error('no such client');
    };
    const session = createSampSession({ createClient: () => client });
    const seen: string[] = [];
    session.onRows((m) => seen.push(m.from));
    await session.connect();
    for (let i = 0; i < 6; i++) await flush();
    expect(seen).toEqual(['aladin', 'Another tool']);
    await session.disconnect();
  });

  it('sends a FITS result as table.load.fits, so the receiving tool reads it as FITS', async () => {
    const { client, sent } = fakeClient();
    const session = createSampSession({ createClient: () => client });
    await session.connect();
    await session.sendTable({ url: 'http://svc/r.fits', tableId: 't', name: 'job 2', format: 'fits' }, null);
    expect(sent).toEqual([{ 'samp.mtype': 'table.load.fits', 'samp.params': { url: 'http://svc/r.fits', 'table-id': 't', name: 'job 2' } }]);
    await session.disconnect();
  });

  it('picks the SAMP load message from the result type, else from the format the job asked for', () => {
    expect(sampTableFormat('application/x-votable+xml')).toBe('votable');
    expect(sampTableFormat('application/fits')).toBe('fits');
    expect(sampTableFormat(null, 'fits')).toBe('fits');
    expect(sampTableFormat(null, 'application/fits')).toBe('fits');
    expect(sampTableFormat(null, null)).toBe('votable');
    expect(sampTableFormat('text/csv')).toBeNull();
    expect(sampTableFormat(null, 'csv')).toBeNull();
  });

  it('reports which tool loaded a sent table and which refused it', async () => {
    const { client, sent } = fakeClient();
    const session = createSampSession({ createClient: () => client });
    await session.connect();
    await session.sendTable({ url: 'http://svc/r.vot', tableId: 't', name: 'job 1' }, null);
    expect(sent).toEqual([{ 'samp.mtype': 'table.load.votable', 'samp.params': { url: 'http://svc/r.vot', 'table-id': 't', name: 'job 1' } }]);
    expect(session.getState().lastSend?.waiting).toEqual(['topcat']);
    await session.disconnect();
  });

  it('ignores row numbers that are not whole numbers', () => {
    const m = readRowMessage({ 'samp.mtype': 'table.select.rowList', 'samp.params': { 'table-id': 't', url: 'u', 'row-list': ['1', '-2', 'x', '3.5', '7'] } }, 'topcat');
    expect(m?.rows).toEqual([1, 7]);
  });
});
