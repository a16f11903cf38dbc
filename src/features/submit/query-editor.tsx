/** The ADQL text editor. */
import { inputClass } from '../../components/form';

export interface QueryEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onSubmitShortcut: () => void;
  invalid: boolean;
  describedBy: string;
  placeholder: string;
}

export function QueryEditor({ id, value, onChange, onSubmitShortcut, invalid, describedBy, placeholder }: QueryEditorProps) {
  return (
    <textarea
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmitShortcut();
        }
      }}
      rows={14}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      autoComplete="off"
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      placeholder={placeholder}
      className={`${inputClass} block w-full resize-y font-mono text-[13px] leading-relaxed`}
    />
  );
}
