/**
 * A demo service started by a spec for itself, with options no other spec
 * needs (and whose start-up the others should not wait for).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { demoTapUrl } from '../ports';

export interface OwnDemo {
  tapUrl: string;
  stop: () => void;
}

export async function startOwnDemo(port: number, flags: string[], timeoutMs = 150_000): Promise<OwnDemo> {
  const child: ChildProcess = spawn('npx', ['tsx', 'demo/main.ts', '--port', String(port), ...flags], { stdio: 'ignore', detached: true });
  // The whole process group (npx, tsx, node), by the id of the one started here.
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const tapUrl = demoTapUrl(port);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo service on port ${port} (${flags.join(' ')}) exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${tapUrl}/availability`);
      if (res.ok && (await res.text()).includes('>true<')) return { tapUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`the demo service on port ${port} (${flags.join(' ')}) did not become available in ${timeoutMs / 1000} s`);
}
