/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** TAP URL of the demo service the app offers first (the e2e suite points it at its own instance). */
  readonly VITE_DEMO_TAP_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
