import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '../../components/button';
import { TextInput } from '../../components/form';
import { isProxiedUrl, unproxiedUrl } from '../../lib/proxy';
import { CREDENTIAL_FORM_ID } from '../../lib/routes';
import {
  addService,
  isCredentialRemembered,
  isTransientService,
  updateService,
  type Credential,
  type ServiceConfig,
} from '../../lib/services';
import { originOf as urlOrigin } from '../../protocol/http/request-url';

/** The origin a credential goes to, for the words beside it (the URL itself if it has none). */
function originOf(url: string): string {
  return urlOrigin(url) ?? url;
}

/** Choose what is sent to this service to say who you are. */
export function CredentialForm({ service }: { service: ServiceConfig }) {
  const [kind, setKind] = useState<Credential['kind']>(service.credential.kind);
  const [token, setToken] = useState(service.credential.kind === 'bearer' ? service.credential.token : '');
  const [remember, setRemember] = useState(isCredentialRemembered(service.id));
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = useId();
  const tokenId = useId();
  const rememberId = useId();
  const origin = originOf(service.tapUrl);
  // Reached from a 401/403 error's link: bring the form into view and start at its first choice.
  const formRef = useRef<HTMLFormElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash !== `#${CREDENTIAL_FORM_ID}`) return;
    formRef.current?.scrollIntoView?.({ block: 'center' });
    formRef.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus({ preventScroll: true });
  }, [hash, service.tapUrl]);

  const save = () => {
    let credential: Credential;
    if (kind === 'bearer') {
      if (!token.trim()) {
        setError('Enter the token, or choose “No credential”.');
        return;
      }
      credential = { kind: 'bearer', token: token.trim() };
    } else if (kind === 'cookies') credential = { kind: 'cookies' };
    else credential = { kind: 'none' };
    setError(null);
    const rememberCredential = kind === 'bearer' && remember;
    // A service opened from a link joins the user's list when they give it a credential.
    if (isTransientService(service)) addService({ tapUrl: service.tapUrl, credential, rememberCredential });
    else updateService(service.id, { credential, rememberCredential });
    setSaved(
      kind === 'none'
        ? 'Saved: no credential is sent.'
        : kind === 'cookies'
          ? `Saved: your browser’s cookies for ${origin} are sent.`
          : remember
            ? 'Saved: the token is kept in this browser until you remove it.'
            : 'Saved: the token is kept until this tab is closed.',
    );
  };

  return (
    <form
      ref={formRef}
      id={CREDENTIAL_FORM_ID}
      aria-label="Credential"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">
          {isProxiedUrl(service.tapUrl)
            ? `Credential, sent only to ${originOf(unproxiedUrl(service.tapUrl))}, through uws-desk’s proxy`
            : `Credential, sent only to ${origin}`}
        </legend>
        {(
          [
            ['none', 'No credential (anonymous)'],
            ['bearer', 'Bearer token'],
            ['cookies', 'Browser cookies (if you logged in to the archive in this browser)'],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={name}
              value={value}
              checked={kind === value}
              onChange={() => {
                setKind(value);
                setSaved(null);
              }}
            />
            {text}
          </label>
        ))}
      </fieldset>
      {kind === 'bearer' && (
        <div className="space-y-1 pl-6">
          <label htmlFor={tokenId} className="block text-sm font-medium">
            Token
          </label>
          <TextInput
            id={tokenId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
              setSaved(null);
            }}
            className="w-full font-mono"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${tokenId}-error` : undefined}
          />
          {error && (
            <p id={`${tokenId}-error`} className="text-xs text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <label htmlFor={rememberId} className="flex items-center gap-2 text-sm">
            <input id={rememberId} type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember the token in this browser (otherwise forgotten when the tab closes)
          </label>
        </div>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit">Save credential</Button>
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {saved}
        </p>
      </div>
    </form>
  );
}
