import { main } from './program.ts';

// The entry point of the `sextant` executable (bin/sextant.js imports it).
process.exitCode = await main(process.argv);
