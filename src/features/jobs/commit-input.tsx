import { useId, useState, type InputHTMLAttributes } from 'react';
import { TextInput } from '../../components/form';

export interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'> {
  label: string;
  value: string;
  /** Called on Enter or when the box loses focus, with the trimmed text. */
  onCommit: (value: string) => void;
}

/** A filter box that applies its text on Enter or on leaving it, and follows the URL when it changes from outside. */
export function CommitInput({ label, value, onCommit, className = '', ...rest }: CommitInputProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <form
      className="flex flex-col gap-0.5"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
    >
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      <TextInput id={id} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} className={className} {...rest} />
    </form>
  );
}
