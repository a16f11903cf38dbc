/** The TAP_UPLOAD part of the submit form: a local VOTable or CSV file and the table name the query uses for it. */
import { useFormContext, useWatch } from 'react-hook-form';
import { inputClass } from '../../components/form';
import { formatCount } from '../../lib/format';
import { describedBy, Field, hintClass } from './field';
import type { SubmitFormValues } from './submit-form';

export interface UploadFieldsProps {
  id: string;
  /** False when the service's capabilities declare no upload method. */
  uploadsSupported: boolean;
  /** The largest upload the service accepts, in bytes (null: not said). */
  uploadLimit: number | null;
  /** Why the chosen file cannot be sent (too large, unreadable), if it cannot. */
  fileProblem: string | null;
  onFile: (file: File | null) => void;
}

export function UploadFields({ id, uploadsSupported, uploadLimit, fileProblem, onFile }: UploadFieldsProps) {
  const { setValue, control, formState } = useFormContext<SubmitFormValues>();
  const [file, uploadNameRaw, query] = useWatch({ control, name: ['file', 'uploadName', 'query'] });
  const uploadName = uploadNameRaw.trim();
  const nameProblem = file ? formState.errors.uploadName?.message : undefined;
  const queryMentionsUpload = !file || !uploadName || new RegExp(`TAP_UPLOAD\\.${uploadName}\\b`, 'i').test(query);
  const fileId = `${id}-file`;
  const nameId = `${id}-upname`;

  return (
    <fieldset className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">Upload a table (TAP_UPLOAD)</legend>
      {!uploadsSupported && <p className={hintClass}>This service declares no upload method; it will probably refuse a file.</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={fileId}
          label="VOTable or CSV file"
          problem={fileProblem ?? undefined}
          hint={`${file ? `${file.name}, ${formatCount(file.size)} bytes. CSV is sent as a VOTable.` : 'Optional. CSV needs a header line.'}${uploadLimit ? ` The service accepts at most ${formatCount(uploadLimit)} bytes.` : ''}`}
        >
          <input
            id={fileId}
            type="file"
            accept=".vot,.xml,.votable,.csv,.tsv,.txt,application/x-votable+xml,text/xml,text/csv"
            onChange={(e) => onFile(e.target.files?.[0] ?? null)}
            className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
            aria-describedby={describedBy(fileId, !!fileProblem)}
          />
        </Field>
        <Field
          id={nameId}
          label="Table name"
          problem={nameProblem}
          hint={
            uploadName ? (
              <>
                Refer to it as <code className="font-mono">TAP_UPLOAD.{uploadName}</code>
              </>
            ) : (
              'An ADQL identifier: letters, digits, _.'
            )
          }
        >
          <input
            id={nameId}
            className={`${inputClass} font-mono`}
            value={uploadNameRaw}
            // Not registered: a disabled registered input would read as undefined.
            onChange={(e) => setValue('uploadName', e.target.value, { shouldValidate: true, shouldDirty: true })}
            disabled={!file}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={describedBy(nameId, !!nameProblem)}
          />
        </Field>
      </div>
      {file && !queryMentionsUpload && !nameProblem && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
          The query does not mention <code className="font-mono">TAP_UPLOAD.{uploadName}</code>; the table is uploaded but unused.
        </p>
      )}
    </fieldset>
  );
}
