/**
 * The servers a browser benchmark starts (the demo service, the built app):
 * each in its own process group, all stopped when the benchmark exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];

export function stopAll(): void {
  for (const child of children) {
    // Each server was started in its own process group: stop the group (npx and what it started).
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

/** Start a server in `cwd`, its output on stderr only; it is stopped with the benchmark. */
export function start(cwd: string, command: string, commandArgs: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, commandArgs, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  children.push(child);
  return child;
}

/** Wait until `url` answers 2xx, checking every half second, at most `seconds`. */
export async function waitFor(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
