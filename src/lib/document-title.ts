import { useEffect } from 'react';

/** Set the tab title for a screen: "<title> — uws-desk". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const flagged = /^[✓✗■•] /.test(document.title);
    if (!flagged) document.title = title ? `${title} — uws-desk` : 'uws-desk';
  }, [title]);
}
