import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from '../lib/cn';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Closing by Escape or backdrop is refused while true (e.g. during work). */
  busy?: boolean;
  className?: string;
}

/**
 * A modal dialog on the native <dialog> element: focus is kept inside,
 * Escape closes it, and focus returns to where it was.
 */
export function Dialog({ open, title, onClose, children, footer, busy = false, className = '' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const previous = document.activeElement as HTMLElement | null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      return () => previous?.focus?.();
    }
    if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current && !busy) onClose();
      }}
      className={cn('m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100', className)}
    >
      {open && (
        <div className="flex max-h-[80vh] flex-col">
          <h2 id={titleId} className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-700">
            {title}
          </h2>
          <div className="overflow-auto px-4 py-3 text-sm">{children}</div>
          {footer && (
            <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-700">{footer}</div>
          )}
        </div>
      )}
    </dialog>
  );
}
