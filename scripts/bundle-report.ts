/**
 * The JavaScript each screen loads before it can be used, read from the Vite manifest of a
 * production build (`npm run build` first): per route, the entry chunk, the route's chunk, the
 * lazy parts that route shows at once, and every chunk they import statically, each counted
 * once, gzip-compressed as `npm run serve` sends them. Exits non-zero when the home page is
 * over its budget.
 *
 *   npm run bundle-report [-- --dist dist]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The home page's budget, in gzip bytes. */
export const HOME_BUDGET = 150_000;

/**
 * Each screen: its route module (loaded with the entry before it first paints) and the lazy parts
 * it then loads at once (the service details beside the list, the editor, a finished job's table).
 */
export const ROUTES: { name: string; path: string; route: string; atOnce: string[] }[] = [
  { name: 'home', path: '/', route: 'src/app/home-route.tsx', atOnce: ['src/features/services/service-details.tsx'] },
  { name: 'job list', path: '/jobs', route: 'src/app/jobs-route.tsx', atOnce: [] },
  { name: 'job page', path: '/job', route: 'src/app/job-route.tsx', atOnce: [] },
  {
    name: 'submit',
    path: '/submit',
    route: 'src/app/submit-route.tsx',
    atOnce: ['src/features/submit/submit-page.tsx', 'src/features/submit/editor/adql-editor.tsx'],
  },
  {
    name: 'results/explore',
    path: '/job, finished',
    route: 'src/app/job-route.tsx',
    atOnce: ['src/features/results/index.ts', 'src/app/table-tools.tsx', 'src/features/explore/index.ts', 'node_modules/regl-scatterplot/dist/regl-scatterplot.esm.js'],
  },
];

/** The manifest keys of the chunks loaded up front for these modules: the entry, the modules, and what they import statically. */
export function upFront(manifest: Manifest, modules: readonly string[]): Set<string> {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('The manifest has no entry chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk for ${key}: was the module moved or renamed?`);
    seen.add(key);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(entry);
  for (const m of modules) visit(m);
  return seen;
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function main() {
  const at = process.argv.indexOf('--dist');
  const dist = at > 0 ? process.argv[at + 1]! : 'dist';
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch (e) {
    console.error(`Cannot read ${join(dist, '.vite', 'manifest.json')} (${(e as Error).message}); run \`npm run build\` first.`);
    process.exit(2);
  }
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (key: string) => {
    let s = sizes.get(key);
    if (!s) {
      const bytes = readFileSync(join(dist, manifest[key]!.file));
      s = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(key, s);
    }
    return s;
  };
  const total = (keys: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const k of keys) {
      raw += size(k).raw;
      gzip += size(k).gzip;
    }
    return { raw, gzip };
  };
  let homeGzip = 0;
  console.log('JavaScript per screen, gzip as served (raw in brackets): up front, before the screen first paints,');
  console.log('and with the lazy parts it then loads at once.\n');
  console.log(`${'screen'.padEnd(16)} ${'up front'.padStart(20)} ${'with lazy parts'.padStart(22)}  largest up front`);
  const missing: string[] = [];
  for (const r of ROUTES) {
    const first = upFront(manifest, [r.route]);
    // A lazy part that was moved or renamed is named below rather than stopping the report.
    const atOnce = r.atOnce.filter((m) => m in manifest || (missing.push(`${r.name}: ${m}`), false));
    const all = upFront(manifest, [r.route, ...atOnce]);
    const a = total(first);
    const b = total(all);
    if (r.name === 'home') homeGzip = a.gzip;
    const largest = [...first]
      .sort((x, y) => size(y).gzip - size(x).gzip)
      .slice(0, 3)
      .map((k) => `${manifest[k]!.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${kB(size(k).gzip)}`);
    console.log(
      `${r.name.padEnd(16)} ${`${kB(a.gzip)} (${kB(a.raw)})`.padStart(20)} ${`${kB(b.gzip)} (${kB(b.raw)})`.padStart(22)}  ${largest.join(', ')}`,
    );
  }
  console.log('');
  if (missing.length > 0) console.log(`Not in this build, so left out of "with lazy parts" (update ROUTES in scripts/bundle-report.ts): ${missing.join('; ')}\n`);
  if (homeGzip > HOME_BUDGET) {
    console.error(`The home page loads ${kB(homeGzip)} gzip, over its budget of ${kB(HOME_BUDGET)}.`);
    process.exit(1);
  }
  console.log(`The home page loads ${kB(homeGzip)} gzip, within its budget of ${kB(HOME_BUDGET)}.`);
}

main();
