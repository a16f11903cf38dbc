import { useId } from 'react';
import { useTheme, type ThemePreference } from '../lib/theme';
import { Select } from './form';

/** Light, dark, or follow the system (the default); remembered in this browser. */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-xs text-slate-600 dark:text-slate-300">
        Theme
      </label>
      <Select
        id={id}
        value={preference}
        onChange={(e) => setPreference(e.target.value as ThemePreference)}
        className="py-1 text-xs"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </Select>
    </div>
  );
}
