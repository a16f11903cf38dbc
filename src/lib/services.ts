/**
 * The TAP services the user works with: presets plus the ones they added,
 * with an optional credential each (./service-url: what a service is;
 * ./service-store: how they are kept in this browser), and the hooks that
 * read them.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { addService, getSnapshot, removeService, subscribe, updateService } from './service-store';
import { findServiceByUrl, type ServiceConfig } from './service-url';

export { DEMO_TAP_URL, PRESET_SERVICES, findServiceByUrl, isTransientService, labelForUrl, normalizeTapUrl, type Credential, type ServiceConfig } from './service-url';
export {
  addService,
  isCredentialRemembered,
  listServices,
  rememberLastService,
  removeService,
  updateService,
  type NewService,
  type ServiceUpdate,
} from './service-store';

export function useServices() {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return {
    services: snap.services,
    remembered: snap.remembered,
    addService,
    updateService,
    removeService,
  };
}

/** The service the app opens on: the last one used, the demo service on first load. */
export function useDefaultService(): ServiceConfig {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return snap.services.find((s) => s.tapUrl === snap.lastServiceUrl) ?? snap.services[0]!;
}

export function useServiceByUrl(tapUrl: string): ServiceConfig {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return useMemo(() => findServiceByUrl(snap.services, tapUrl), [snap.services, tapUrl]);
}
