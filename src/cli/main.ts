import { main } from './program.ts';

// A reader that closes the pipe early (`sextant export | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// The entry point of the `sextant` executable (bin/sextant.js imports it).
process.exitCode = await main(process.argv);
