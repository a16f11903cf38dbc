import { describe, expect, it } from 'vitest';
import { HubNotRunningError, createSampWebClient, readCallback } from './web-profile';
import { encodeCall, type SampValue } from './xml-rpc';

/** A hub that answers each method from a table, recording the calls it got. */
function fakeHub(answers: Record<string, SampValue>) {
  const calls: { method: string; body: string; contentType: string | null }[] = [];
  const response = (value: SampValue) =>
    // Reuse the call encoder to write a methodResponse body with the same value encoding.
    encodeCall('x', [value]).replace(/<methodCall><methodName>x<\/methodName>/, '<methodResponse>').replace('</methodCall>', '</methodResponse>');
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = String(init.body);
    const method = /<methodName>([^<]+)<\/methodName>/.exec(body)![1]!;
    calls.push({ method, body, contentType: new Headers(init.headers).get('content-type') });
    return new Response(response(answers[method] ?? ''), { status: 200, headers: { 'Content-Type': 'text/xml' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('SAMP Web Profile client', () => {
  it('registers, then sends every later call with the private key the hub gave', async () => {
    const hub = fakeHub({
      'samp.webhub.register': { 'samp.private-key': 'wk:1_secret', 'samp.self-id': 'c3', 'samp.hub-id': 'hub' },
      'samp.webhub.notifyAll': ['c1', 'c2'],
    });
    const client = createSampWebClient({ fetch: hub.fetch });
    expect(await client.register({ 'samp.name': 'uws-desk' })).toEqual({ privateKey: 'wk:1_secret', selfId: 'c3', hubId: 'hub' });
    const recipients = await client.notifyAll({ 'samp.mtype': 'table.highlight.row', 'samp.params': { 'table-id': 't', url: 'http://x/t.vot', row: '4' } });
    expect(recipients).toEqual(['c1', 'c2']);
    expect(hub.calls[1]!.body).toContain('<string>wk:1_secret</string>');
    // text/plain keeps the request simple: no CORS preflight.
    expect(hub.calls.every((c) => c.contentType === 'text/plain')).toBe(true);
  });

  it('says plainly that no hub is running when nothing answers', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const client = createSampWebClient({ fetch: refused });
    await expect(client.register({ 'samp.name': 'uws-desk' })).rejects.toBeInstanceOf(HubNotRunningError);
    await expect(client.register({ 'samp.name': 'uws-desk' })).rejects.toThrow(/No SAMP hub answered/);
  });

  it('reads pulled notifications, calls and replies', () => {
    expect(
      readCallback({ 'samp.methodName': 'receiveCall', 'samp.params': ['c1', 'msg-7', { 'samp.mtype': 'table.select.rowList', 'samp.params': { 'row-list': ['1', '5'] } }] }),
    ).toEqual({ kind: 'call', senderId: 'c1', msgId: 'msg-7', message: { 'samp.mtype': 'table.select.rowList', 'samp.params': { 'row-list': ['1', '5'] } } });
    expect(readCallback({ 'samp.methodName': 'receiveResponse', 'samp.params': ['c1', 'send-1', { 'samp.status': 'samp.ok' }] })).toEqual({
      kind: 'response',
      responderId: 'c1',
      tag: 'send-1',
      response: { 'samp.status': 'samp.ok' },
    });
    expect(readCallback({ 'samp.methodName': 'somethingElse', 'samp.params': [] })).toBeNull();
  });
});
