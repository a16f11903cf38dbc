import { useId, useState } from 'react';
import { Button } from '../../components/button';
import { Select, TextInput } from '../../components/form';
import { jobListPath, parseJobListSearch, type JobListFilters, type ServiceScope } from '../../lib/routes';
import { deleteView, saveView, useSavedViews, viewSearch } from './saved-views';

export interface SavedViewsMenuProps {
  scope: ServiceScope;
  filters: JobListFilters;
  onApply: (filters: JobListFilters) => void;
}

/** Pick, save and delete named filter sets. The chosen view's name stays in the URL. */
export function SavedViewsMenu({ scope, filters, onApply }: SavedViewsMenuProps) {
  const views = useSavedViews();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const ids = { pick: useId(), name: useId() };
  const current = views.find((v) => v.name === filters.view);

  const save = () => {
    const n = name.trim();
    if (!n) return;
    const { view: _v, ...rest } = filters;
    saveView({ name: n, search: viewSearch(jobListPath(scope, rest).split('?')[1] ?? '') });
    setNaming(false);
    setName('');
    onApply({ ...filters, view: n });
  };

  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <div className="flex flex-col gap-0.5">
        <label htmlFor={ids.pick} className="text-xs font-medium">
          Saved view
        </label>
        <Select
          id={ids.pick}
          value={current?.name ?? ''}
          onChange={(e) => {
            const v = views.find((x) => x.name === e.target.value);
            if (!v) return onApply({ sort: filters.sort });
            const { service: _s, ...restored } = parseJobListSearch(v.search);
            onApply({ ...restored, view: v.name });
          }}
        >
          <option value="">{views.length ? '(none)' : 'No saved views yet'}</option>
          {views.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </Select>
      </div>
      {naming ? (
        <form
          className="flex items-end gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <div className="flex flex-col gap-0.5">
            <label htmlFor={ids.name} className="text-xs font-medium">
              Name for these filters
            </label>
            <TextInput id={ids.name} autoFocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} className="w-40" />
          </div>
          <Button size="sm" type="submit" className="mb-0.5">
            Save
          </Button>
          <Button size="sm" variant="ghost" className="mb-0.5" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button size="sm" className="mb-0.5" onClick={() => (setName(filters.view ?? ''), setNaming(true))}>
          Save view…
        </Button>
      )}
      {current && !naming && (
        <Button size="sm" variant="ghost" className="mb-0.5" onClick={() => (deleteView(current.name), onApply({ ...filters, view: undefined }))}>
          Delete view “{current.name}”
        </Button>
      )}
    </div>
  );
}
