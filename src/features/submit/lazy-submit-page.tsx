/**
 * The submit page, loaded when first shown: its editor, form and schema
 * browser are code the job list and job pages never need.
 */
import { lazy, Suspense } from 'react';
import type { SubmitPageProps } from './submit-page';

const Page = lazy(() => import('./submit-page').then((m) => ({ default: m.SubmitPage })));

export function SubmitPage(props: SubmitPageProps) {
  return (
    <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading the query editor…</p>}>
      <Page {...props} />
    </Suspense>
  );
}
