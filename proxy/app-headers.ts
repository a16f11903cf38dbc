/**
 * Headers for the app's own pages and files (not for proxied answers, which carry a
 * sandbox policy of their own).
 *
 * - Content-Security-Policy: scripts only from the app's own files (no inline script,
 *   no eval), workers from the app or blob: URLs; connections to any http(s) service,
 *   since the app talks to TAP services directly where they allow CORS; no plugins, no
 *   <base>, forms only to the app; `frame-ancestors 'self'` keeps other sites from
 *   framing Delete and Abort (clickjacking). Styles may be inline: React and the
 *   virtualised tables position rows with style attributes.
 * - Referrer-Policy no-referrer: the app's URLs name services and jobs; they are not
 *   sent to anyone.
 * - Permissions-Policy: no camera, microphone, location, payment, USB and the like.
 * - X-Content-Type-Options nosniff, X-Frame-Options for browsers without frame-ancestors,
 *   Cross-Origin-Opener-Policy so a page that opened the app cannot script it.
 */
const CSP = [
  "default-src 'self'",
  // regl (under the WebGL plots) compiles its draw calls with new Function; eval is allowed for that,
  // inline and foreign scripts still are not.
  "script-src 'self' 'unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const PERMISSIONS = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
  'serial',
  'hid',
  'bluetooth',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * The headers for the built app (`npm run serve`, `vite preview`). In the dev server,
 * `dev` drops script-src and worker-src (Vite's React refresh needs an inline script)
 * but keeps everything else, frame-ancestors included.
 */
export function appSecurityHeaders(mode: 'build' | 'dev' = 'build'): Record<string, string> {
  const csp = mode === 'build' ? CSP : CSP.split('; ').filter((d) => !/^(script|worker|default)-src/.test(d)).join('; ');
  return {
    'content-security-policy': csp,
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-opener-policy': 'same-origin',
  };
}
