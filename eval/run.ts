import { DETECTION_USAGE, detectionMain } from './detection.ts';
import { MARITIME_USAGE, maritimeMain } from './maritime.ts';
import { SCREENING_USAGE, screeningMain } from './screening.ts';

/**
 * `npm run eval -- <evaluation> [options]`: dispatches on the first argument.
 *
 * - `screening` — precision, recall and F1 of the screening comparison on a
 *   labelled set built from the official lists (eval/screening.ts);
 * - `maritime` — recall of the maritime indicators on the schemes planted in
 *   simulated worlds, and their alerts on legitimate traffic and the hard
 *   negatives (eval/maritime.ts);
 * - `detection` — triangulation (payments, customs, ownership, the 50% rule):
 *   simulated worlds loaded as an exercise, the whole catalogue run as the
 *   operator; recall per planted scheme, alert precision, alerts on the hard
 *   negatives (eval/detection.ts).
 *
 * `--help`, `-h` or `help` lists them; no argument prints the same and fails.
 */

const EVALUATIONS: Record<string, { summary: string; usage: string; main: (argv: string[]) => Promise<number> }> = {
  screening: {
    summary: 'precision, recall and F1 of the screening comparison on a labelled set built from the official lists',
    usage: SCREENING_USAGE,
    // The screening evaluation parses the whole argument list, its name included, as it always has.
    main: (argv) => screeningMain(argv),
  },
  maritime: {
    summary: 'recall of the maritime indicators on planted schemes in simulated worlds; alerts on background traffic and hard negatives',
    usage: MARITIME_USAGE,
    main: (argv) => maritimeMain(argv.slice(1)),
  },
  detection: {
    summary: 'triangulation on simulated worlds loaded as an exercise: recall per planted scheme, alert precision, alerts on hard negatives',
    usage: DETECTION_USAGE,
    main: (argv) => detectionMain(argv.slice(1)),
  },
};

const USAGE =
  `usage: npm run eval -- <evaluation> [options]\n` +
  `evaluations:\n` +
  Object.entries(EVALUATIONS)
    .map(([name, e]) => `  ${name.padEnd(11)}${e.summary}`)
    .join('\n') +
  `\n\n` +
  Object.values(EVALUATIONS)
    .map((e) => e.usage)
    .join('\n');

async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  if (name === undefined || name === '') {
    process.stdout.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const evaluation = Object.hasOwn(EVALUATIONS, name) ? EVALUATIONS[name] : undefined;
  if (!evaluation) {
    process.stderr.write(`unknown evaluation ${name}; available: ${Object.keys(EVALUATIONS).join(', ')}\n${USAGE}`);
    return 2;
  }
  return evaluation.main(argv);
}

process.exitCode = await main(process.argv.slice(2));
