import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchUpload, isPublicAddress, type UploadPolicy } from './upload-fetch.ts';

describe('which addresses are public', () => {
  test.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.1.2.3', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '2001:db8::1', '2001:0:4136::1',
    '::127.0.0.1', 'not an address',
  ])('%s is not', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
  test.each(['8.8.8.8', '193.48.222.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2a00:1450::1'])('%s is', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('reading an UPLOAD URL', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/table.csv') {
        res.writeHead(200, { 'Content-Type': 'text/csv' });
        res.end('a,b\n1,2\n');
      } else if (req.url === '/to-other-loopback') {
        res.writeHead(302, { Location: `http://127.0.0.2:${port}/table.csv` });
        res.end();
      } else if (req.url === '/to-first-loopback') {
        res.writeHead(307, { Location: `http://127.0.0.1:${port}/table.csv` });
        res.end();
      } else if (req.url === '/to-name') {
        res.writeHead(302, { Location: `http://internal.test:${port}/table.csv` });
        res.end();
      } else if (req.url === '/loop') {
        res.writeHead(302, { Location: '/loop' });
        res.end();
      } else {
        res.writeHead(404, { 'Content-Type': 'text/html' });
        res.end('<html>secret internal page</html>');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const refusal = async (uri: string, policy: UploadPolicy) => {
    try {
      await fetchUpload('t', uri, policy);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${uri} was read`);
  };
  const publicOnly: UploadPolicy = { allowPrivate: false };
  // Stands in for the public internet: only 127.0.0.1 counts as public, and internal.test resolves to a loopback address.
  const onlyFirstLoopbackIsPublic: UploadPolicy = {
    allowPrivate: false,
    addressAllowed: (ip) => ip === '127.0.0.1',
    lookup: (host, cb) => cb(null, host === 'internal.test' ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
  };

  test('loopback addresses, and names resolving to them, are refused without connecting', async () => {
    const before = hits;
    for (const uri of [`http://127.0.0.1:${port}/table.csv`, `http://localhost:${port}/table.csv`, `http://[::1]:${port}/table.csv`]) {
      const message = await refusal(uri, publicOnly);
      expect(message).toContain('does not read uploads from loopback, private');
      expect(message).not.toContain(String(port));
    }
    expect(hits).toBe(before);
  });

  test('a redirect to a private address is refused at that hop', async () => {
    expect(await refusal(`http://127.0.0.1:${port}/to-other-loopback`, onlyFirstLoopbackIsPublic)).toContain('does not read uploads from loopback');
    expect(await refusal(`http://127.0.0.1:${port}/to-name`, onlyFirstLoopbackIsPublic)).toContain('does not read uploads from loopback');
    const t = await fetchUpload('t', `http://127.0.0.1:${port}/table.csv`, onlyFirstLoopbackIsPublic);
    expect(t.data.toString()).toBe('a,b\n1,2\n');
  });

  test('errors name neither the body nor the port', async () => {
    const notFound = await refusal(`http://127.0.0.1:${port}/nothing`, onlyFirstLoopbackIsPublic);
    expect(notFound).toBe('UPLOAD of "t": the URL answered HTTP 404');
    const closed = await refusal('http://127.0.0.1:1/x.csv', onlyFirstLoopbackIsPublic);
    expect(closed).toBe('UPLOAD of "t": the URL could not be read');
    expect(await refusal(`http://127.0.0.1:${port}/loop`, onlyFirstLoopbackIsPublic)).toContain('redirected more than 3 times');
    expect(await refusal('file:///etc/passwd', publicOnly)).toContain('only http and https');
  });

  test('--allow-private-uploads reads loopback URLs and follows redirects', async () => {
    const t = await fetchUpload('t', `http://localhost:${port}/to-first-loopback`, { allowPrivate: true });
    expect(t.data.toString()).toBe('a,b\n1,2\n');
    expect(t.contentType).toBe('text/csv');
  });
});
