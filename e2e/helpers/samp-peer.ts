/**
 * The real SAMP peers from ../shared/peers: JSAMP's hub with the Web Profile,
 * and a listener that registers as "topcat" and records, one JSON line per
 * message, what it received (for table.load.votable, the table it loaded
 * itself from the URL it was sent).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PEERS = path.resolve(process.cwd(), '../shared/peers');
export const SAMP_SKIP_REASON = `No SAMP peers at ${PEERS} (samp-up.sh, samp-listener.py), so the SAMP journey is skipped.`;

export function sampPeersPresent(): boolean {
  return existsSync(path.join(PEERS, 'samp-up.sh')) && existsSync(path.join(PEERS, 'samp-listener.py'));
}

export interface Received {
  kind: 'call' | 'notify';
  mtype: string;
  params: Record<string, unknown>;
  sender_name: string | null;
  votable?: { rows: number; columns: string[]; url: string };
  votable_error?: string;
}

export interface Listener {
  messages(): Received[];
  stop(): void;
}

/** Bring the hub up (idempotent) and start a listener; resolves once it is registered. */
export async function startHubAndListener(): Promise<Listener> {
  execFileSync('bash', [path.join(PEERS, 'samp-up.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'samp-e2e-')), 'received.jsonl');
  const child: ChildProcess = spawn('/usr/bin/python3', [path.join(PEERS, 'samp-listener.py'), out], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the SAMP listener did not register within 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`the SAMP listener exited with ${code}`)));
  });
  return {
    messages: () =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Received)
        : [],
    stop: () => child.kill('SIGTERM'),
  };
}

const SEND = `
import os, sys, time, xmlrpc.client
peer_dir = os.environ.get("SAMP_PEER_DIR") or os.path.join(os.environ.get("TMPDIR") or "/tmp", "samp-peer")
params = {}
with open(os.path.join(peer_dir, "lockfile"), encoding="utf-8") as f:
    for line in f:
        if "=" in line and not line.startswith("#"):
            k, v = line.strip().split("=", 1)
            params[k] = v
hub = xmlrpc.client.ServerProxy(params["samp.hub.xmlrpc.url"])
key = hub.samp.hub.register(params["samp.secret"])["samp.private-key"]
try:
    hub.samp.hub.declareMetadata(key, {"samp.name": sys.argv[1]})
    hub.samp.hub.notifyAll(key, {"samp.mtype": "table.highlight.row", "samp.params": {"table-id": sys.argv[2], "url": sys.argv[3], "row": sys.argv[4]}})
    # Stay on the hub a moment, as a tool does, so that receivers can ask who sent it.
    time.sleep(3)
finally:
    hub.samp.hub.unregister(key)
`;

/** Another tool on the hub (a Standard Profile client named `name`) highlights a row (0-based) of a table it loaded. */
export function highlightFromAnotherTool(name: string, table: { tableId: string; url: string }, row: number): void {
  execFileSync('/usr/bin/python3', ['-c', SEND, name, table.tableId, table.url, String(row)], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 30_000 });
}
