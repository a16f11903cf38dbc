/** Starts the demo TAP service: `npm run demo -- --port N`. Prints the TAP URL once it is ready. */
import { parseArgs, USAGE, UsageError } from './options.ts';
import { startDemoServer } from './server.ts';

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw e;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { help: _help, ...rest } = options;
  const demo = await startDemoServer(rest);
  const notes = [
    `ready in ${(demo.startupMs / 1000).toFixed(1)} s`,
    rest.auth ? `bearer tokens for ${[...new Set(rest.auth.values())].join(', ')}` : 'anonymous access',
    rest.faults ? `faults on ${Math.round(rest.faults * 100)}% of requests` : '',
    rest.failEveryOther ? 'every other request fails with 503' : '',
    rest.cors === false ? 'no CORS headers' : '',
  ].filter(Boolean);
  process.stderr.write(`uws-desk demo TAP service: ${notes.join('; ')}\n`);
  process.stdout.write(`${demo.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // One request's failure must not take the service down for everyone.
  process.on('uncaughtException', (e) => process.stderr.write(`demo: uncaught error: ${e.stack ?? e}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`demo: unhandled rejection: ${e instanceof Error ? e.stack : String(e)}\n`));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') process.stderr.write(`demo: the port is already in use (${err.message})\n`);
  else process.stderr.write(`demo: ${err instanceof Error ? err.stack : String(e)}\n`);
  process.exit(1);
});
