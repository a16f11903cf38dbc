import type { ReactNode } from 'react';
import { safeHttpUrl, unsafeUrlNote } from '../lib/safe-url';

const linkClass = 'text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200';

/**
 * A URL that came from a service: a link (opening in a new tab) when it is an
 * absolute http(s) URL, otherwise the text itself with a note saying why it is
 * not a link. Nothing else a service sends ever becomes an href.
 */
export function ServiceLink({ href, children, className = '' }: { href: string; children?: ReactNode; className?: string }) {
  const safe = safeHttpUrl(href);
  if (safe === null) {
    return (
      <span className={`inline-flex flex-wrap items-baseline gap-x-2 ${className}`}>
        <bdi className="font-mono break-all">{href}</bdi>
        <span role="note" className="text-xs text-amber-800 dark:text-amber-300">
          {unsafeUrlNote(href)}
        </span>
      </span>
    );
  }
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" className={`${linkClass} ${className}`}>
      {children ?? <bdi>{href}</bdi>}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
