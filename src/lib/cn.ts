import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names (strings, conditionals, arrays) and resolves Tailwind conflicts so the
 * later class wins: `cn('px-3 py-1.5', 'px-2')` is `'py-1.5 px-2'`. Without the merge, which
 * of two conflicting utilities applies depends on their order in the built CSS, not here.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
