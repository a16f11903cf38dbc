import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { getServiceClient } from '../../api';
import { formatBytes } from '../../lib/format';
import type { ServiceConfig } from '../../lib/services';
import { descriptorUrl, type DescriptorParam, type ServiceDescriptor } from '../../protocol/datalink/descriptors';
import { Button } from '../button';
import { ErrorMessage } from '../error-message';
import { Select, TextInput } from '../form';
import { checkSodaValue } from './soda-values';

export interface SodaFormProps {
  service: ServiceConfig;
  descriptor: ServiceDescriptor;
  /** The URL as the app requests it (through its proxy where it can). */
  proxied: (url: string) => string;
}

/** A form for a SODA sync service descriptor: the user's parameters with their ranges, then the answer to download. */
export function SodaForm({ service, descriptor, proxied }: SodaFormProps) {
  const editable = descriptor.inputParams.filter((p) => !p.ref && p.value.trim() === '');
  const fixed = descriptor.inputParams.filter((p) => !p.ref && p.value.trim() !== '');
  const [values, setValues] = useState<Record<string, string>>({});
  const problems = Object.fromEntries(editable.map((p) => [p.name, checkSodaValue(p, values[p.name] ?? '')]));
  const anyProblem = Object.values(problems).some((p) => p !== null);
  const url = descriptorUrl(descriptor, [], () => null, values);

  const cutout = useMutation({
    mutationFn: async () => {
      const response = await getServiceClient(service).transport.request(proxied(url));
      const bytes = await response.bytes();
      const blob = new Blob([bytes.slice().buffer], { type: response.contentType ?? 'application/octet-stream' });
      return { blob, type: response.contentType, objectUrl: URL.createObjectURL(blob) };
    },
    retry: 0,
  });
  const objectUrl = cutout.data?.objectUrl;
  // Each answer's object URL lives until the next answer or until the form closes.
  useEffect(() => (objectUrl ? () => URL.revokeObjectURL(objectUrl) : undefined), [objectUrl]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!anyProblem) cutout.mutate();
  };

  return (
    <form onSubmit={submit} className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700" aria-label="Cutout">
      {descriptor.description && <p className="text-xs">{descriptor.description}</p>}
      {fixed.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Sent as given: {fixed.map((p) => `${p.name} = ${p.value}`).join('; ')}
        </p>
      )}
      <div className="grid gap-2 sm:grid-cols-2">
        {editable.map((p) => (
          <SodaField key={p.name} param={p} value={values[p.name] ?? ''} problem={problems[p.name] ?? null} onChange={(v) => setValues((s) => ({ ...s, [p.name]: v }))} />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" variant="primary" disabled={anyProblem || cutout.isPending}>
          {cutout.isPending ? 'Asking the service…' : 'Get the cutout'}
        </Button>
        {cutout.data && objectUrl && (
          <a href={objectUrl} download="cutout.fits" className="text-xs text-blue-700 underline dark:text-blue-300">
            Download the cutout ({cutout.data.type ?? 'unknown type'}, {formatBytes(cutout.data.blob.size)})
          </a>
        )}
      </div>
      {cutout.isError && <ErrorMessage error={cutout.error} context="Making the cutout" service={service} />}
    </form>
  );
}

function SodaField({ param: p, value, problem, onChange }: { param: DescriptorParam; value: string; problem: string | null; onChange: (v: string) => void }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const range = p.min !== undefined || p.max !== undefined ? `from ${p.min ?? '…'} to ${p.max ?? '…'}` : null;
  const shape = p.xtype === 'circle' ? 'ra dec radius' : p.xtype === 'interval' ? 'low high' : p.xtype === 'polygon' ? 'ra dec pairs' : null;
  return (
    <div className="flex flex-col gap-1 text-xs">
      <label htmlFor={id} className="font-medium">
        {p.name}
        {p.unit ? ` (${p.unit})` : ''}
      </label>
      {p.options.length > 0 ? (
        <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hintId}>
          <option value="">Service default</option>
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.name ?? o.value}
            </option>
          ))}
        </Select>
      ) : (
        <TextInput id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem !== null} aria-describedby={hintId} placeholder={shape ?? ''} />
      )}
      <span id={hintId} className={problem ? 'text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}>
        {problem ?? [p.description, shape && `Write: ${shape}.`, range && (p.xtype === 'polygon' || p.xtype === 'circle' ? `The data cover: ${p.max ?? p.min}` : `Values ${range}.`)].filter(Boolean).join(' ')}
      </span>
    </div>
  );
}
