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
