/**
 * Makes sure the system tools the checks need are present before `npm test`
 * runs them: Chromium for the end-to-end suite, STILTS for taplint and the
 * STILTS snippets, and Debian's pyvo for the pyvo snippets.
 *
 * Where a tool is missing and this process runs as root on a Debian-like
 * system, it installs it with apt-get. Otherwise it stops and says exactly
 * what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Tool {
  name: string;
  debianPackage: string;
  present: () => boolean;
  why: string;
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function playwrightHasOwnChromium(): boolean {
  try {
    const out = execFileSync(process.execPath, ['-e', "console.log(require('playwright-core').chromium.executablePath())"], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out !== '' && existsSync(out);
  } catch {
    return false;
  }
}

const tools: Tool[] = [
  {
    name: 'Chromium',
    debianPackage: 'chromium',
    present: () => existsSync('/usr/bin/chromium') || playwrightHasOwnChromium(),
    why: 'the end-to-end suite drives the app in a real browser',
  },
  {
    name: 'STILTS',
    debianPackage: 'stilts',
    present: () => onPath('stilts'),
    why: 'taplint validates the demo service against the IVOA standards',
  },
  {
    name: 'pyvo',
    debianPackage: 'python3-pyvo',
    present: () => existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import pyvo'], { stdio: 'ignore' }).status === 0,
    why: 'the copy-as-code checks run the pyvo snippets against the demo service',
  },
];

const missing = tools.filter((tool) => !tool.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((tool) => tool.debianPackage);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = onPath('apt-get');

if (isRoot && hasApt) {
  console.log(`Installing ${missing.map((t) => t.name).join(' and ')} with apt-get (${packages.join(' ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env }) : update;
  if (install.status === 0 && missing.every((tool) => tool.present())) process.exit(0);
  console.error(`\nInstalling ${packages.join(' ')} failed; see the apt-get output above.`);
  process.exit(1);
}

console.error('Some tools that `npm test` needs are missing:\n');
for (const tool of missing) console.error(`  - ${tool.name}: ${tool.why}.`);
console.error(`\nOn Debian or Ubuntu, install them with:\n\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n`);
console.error('Elsewhere, install Chromium (or run `npx playwright install chromium`) and STILTS (https://www.star.bris.ac.uk/mbt/stilts/).');
process.exit(1);
