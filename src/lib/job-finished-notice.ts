/**
 * Tell the user when a job they are watching finishes: the tab title changes
 * until they look at the tab again, and, if they allowed it, a browser
 * notification appears. Permission is only ever asked from a user gesture
 * (askNotificationPermission in a click handler).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { isFinalPhase, type ExecutionPhase } from '../protocol/uws/types';

export type NoticePermission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();

function permissionNow(): NoticePermission {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Call from a click handler only. */
export async function askNotificationPermission(): Promise<NoticePermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  let result: NoticePermission = Notification.permission;
  if (result === 'default') result = await Notification.requestPermission();
  for (const l of listeners) l();
  return result;
}

export function useNotificationPermission(): NoticePermission {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    permissionNow,
    permissionNow,
  );
}

const FLAG = { COMPLETED: '✓', ERROR: '✗', ABORTED: '■', ARCHIVED: '✓' } as Partial<Record<ExecutionPhase, string>>;

let baseTitle: string | null = null;
let clearOnVisible: (() => void) | null = null;

/** Show a finished job in the tab title until the user comes back to the tab. */
export function flagTitle(text: string): void {
  if (typeof document === 'undefined') return;
  baseTitle ??= document.title.replace(/^[✓✗■] .*? — /, '');
  document.title = `${text} — ${baseTitle}`;
  clearOnVisible?.();
  const onVisible = () => {
    if (document.visibilityState === 'visible' && document.hasFocus()) restore();
  };
  const restore = () => {
    if (baseTitle !== null && document.title.endsWith(baseTitle)) document.title = baseTitle;
    baseTitle = null;
    window.removeEventListener('focus', onVisible);
    document.removeEventListener('visibilitychange', onVisible);
    clearOnVisible = null;
  };
  // If the user is looking right now, keep the flag for a while anyway, then restore.
  const timer = document.visibilityState === 'visible' && document.hasFocus() ? setTimeout(restore, 10_000) : null;
  window.addEventListener('focus', onVisible);
  document.addEventListener('visibilitychange', onVisible);
  clearOnVisible = () => {
    if (timer) clearTimeout(timer);
    window.removeEventListener('focus', onVisible);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

export interface WatchedJob {
  jobId: string;
  phase: ExecutionPhase;
  runId?: string | null;
}

export function finishedText(job: WatchedJob): string {
  const verb = job.phase === 'COMPLETED' ? 'completed' : job.phase === 'ERROR' ? 'failed' : job.phase.toLowerCase();
  return `${FLAG[job.phase] ?? '•'} Job ${job.runId ? `${job.runId} (${job.jobId})` : job.jobId} ${verb}`;
}

/**
 * Watch a job: when it moves from an unfinished phase to a final one while
 * this hook is mounted, flag the tab title and (if permitted) notify.
 */
export function useJobFinishedNotice(job: WatchedJob | null | undefined, options: { notify?: boolean } = {}): void {
  const { notify = true } = options;
  const previous = useRef<{ id: string; phase: ExecutionPhase } | null>(null);
  useEffect(() => {
    if (!job) return;
    const before = previous.current;
    previous.current = { id: job.jobId, phase: job.phase };
    if (!before || before.id !== job.jobId) return;
    if (isFinalPhase(before.phase) || !isFinalPhase(job.phase)) return;
    const text = finishedText(job);
    flagTitle(text);
    if (notify && permissionNow() === 'granted') {
      try {
        new Notification(text, { body: 'uws-desk', tag: `uws-desk:${job.jobId}` });
      } catch {
        // Some browsers allow notifications only from a service worker; the title still tells.
      }
    }
  }, [job, notify]);
}
