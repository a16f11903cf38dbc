import { askNotificationPermission, useNotificationPermission } from '../../lib/job-finished-notice';

/** While a job runs: offer a browser notification when it finishes (asked only on a click). */
export function FinishNotice() {
  const permission = useNotificationPermission();
  if (permission === 'unsupported' || permission === 'denied') return null;
  if (permission === 'granted') return <span> A notification will say when it finishes.</span>;
  return (
    <>
      {' '}
      <button type="button" className="underline underline-offset-2 hover:text-slate-900 dark:hover:text-slate-100" onClick={() => void askNotificationPermission()}>
        Notify me when it finishes
      </button>
    </>
  );
}
