/**
 * Loopback ports of the servers the end-to-end suite starts. They differ from
 * the ones `npm start` uses, so that the suite can run beside a developer's app.
 */
export const E2E_APP_PORT = 4173;
/** The demo service as a user meets it: CORS on, no credentials. */
export const E2E_DEMO_PORT = 8431;
/** The demo service with bearer-token ownership (tokens alice-token and bob-token). */
export const E2E_DEMO_AUTH_PORT = 8432;
/** The demo service answering a share of requests with 500/503, slow answers and dropped connections. */
export const E2E_DEMO_FAULTS_PORT = 8433;
/** The demo service sending no CORS headers at all, as many archives do. */
export const E2E_DEMO_NOCORS_PORT = 8434;
/** The demo service answering every second request (per class of path) with a 503: one intent must still make one job. */
export const E2E_DEMO_FLAKY_PORT = 8435;
/** A loopback server that records the headers it gets, allowlisted in the app's proxy: no token may ever reach it. */
export const E2E_RECORDER_PORT = 8998;

export const demoTapUrl = (port: number) => `http://127.0.0.1:${port}/tap`;
/** Demo services a spec starts for itself: VOSI /tables switched off (TAP_SCHEMA only), and 30 000 extra tables. */
export const E2E_DEMO_NO_TABLES_PORT = 8436;
export const E2E_DEMO_LARGE_PORT = 8437;
