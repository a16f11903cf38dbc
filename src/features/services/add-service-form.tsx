import { useId, useState } from 'react';
import { Button } from '../../components/button';
import { TextInput } from '../../components/form';
import { addService, normalizeTapUrl, type ServiceConfig } from '../../lib/services';

/** Add a TAP service by URL; the URL is checked before anything is stored. */
export function AddServiceForm({ onAdded }: { onAdded: (service: ServiceConfig) => void }) {
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();
  const labelId = useId();
  return (
    <form
      aria-label="Add a TAP service"
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        try {
          normalizeTapUrl(url);
          const service = addService({ tapUrl: url, label });
          setUrl('');
          setLabel('');
          setError(null);
          onAdded(service);
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={urlId} className="text-sm font-medium">
          TAP service URL
        </label>
        <TextInput
          id={urlId}
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://archive.example.org/tap"
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${urlId}-error` : undefined}
        />
        {error && (
          <p id={`${urlId}-error`} className="text-xs text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={labelId} className="text-sm font-medium">
          Name <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <TextInput id={labelId} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. GAVO DC" />
      </div>
      <Button type="submit" variant="primary">
        Add service
      </Button>
    </form>
  );
}
