/**
 * Light/dark theme: follows the system until the user picks one, then
 * remembers the choice. The `dark` class on <html> drives Tailwind's variant.
 */
import { useSyncExternalStore } from 'react';
import { local, readJson, writeJson } from './storage';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'uws-desk:theme:v1';
const listeners = new Set<() => void>();

function media(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;
}

export function getThemePreference(): ThemePreference {
  const v = readJson<unknown>(local(), KEY, 'system');
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolveTheme(pref: ThemePreference = getThemePreference()): Theme {
  if (pref !== 'system') return pref;
  return media()?.matches ? 'dark' : 'light';
}

/** Put the resolved theme on <html>; call once before the first render. */
export function applyTheme(): void {
  if (typeof document === 'undefined') return;
  const theme = resolveTheme();
  document.documentElement.classList.toggle('dark', theme === 'dark');
  document.documentElement.style.colorScheme = theme;
}

function emit(): void {
  applyTheme();
  for (const l of listeners) l();
}

let wired = false;
function subscribe(listener: () => void): () => void {
  if (!wired && typeof window !== 'undefined') {
    wired = true;
    media()?.addEventListener('change', emit);
    window.addEventListener('storage', (e) => {
      if (e.key === KEY) emit();
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setThemePreference(pref: ThemePreference): void {
  writeJson(local(), KEY, pref);
  emit();
}

function snapshot(): string {
  const pref = getThemePreference();
  return `${pref}:${resolveTheme(pref)}`;
}

export function useTheme(): { preference: ThemePreference; theme: Theme; setPreference: (p: ThemePreference) => void } {
  const snap = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [preference, theme] = snap.split(':') as [ThemePreference, Theme];
  return { preference, theme, setPreference: setThemePreference };
}
