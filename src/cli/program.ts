import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { EXIT, SextantError } from '../errors.ts';
import { openStore, type Store } from '../store/index.ts';
import { runEntity, runExport, runSearch } from './entities.ts';
import { runIngest } from './ingest.ts';
import { runLists, runListsChanges, runListsDiff, runListsUpdate } from './lists.ts';
import { runServe } from './serve.ts';

/**
 * The `sextant` command line. Commands are thin: they parse, call the same
 * services as the HTTP routes, and print. Exit codes: 0 ok, 1 error, 2 usage,
 * 3 partial (some records rejected).
 */
export interface GlobalOptions {
  data?: string;
  databaseUrl?: string;
  config?: string;
}

export function context(cmd: Command): { config: Config; open: () => Promise<Store> } {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const config = loadConfig({ data: g.data, databaseUrl: g.databaseUrl, configFile: g.config });
  return { config, open: () => openStore(config.db) };
}

export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}`);
    return n;
  };
}

export function buildProgram(): Command {
  const program = new Command('sextant')
    .description('Sextant: sanctions intelligence — ingest lists and entities, search, compare lists, serve the API')
    .version('0.1.0')
    .option('--data <dir>', 'embedded database directory (env SEXTANT_DATA; default .sextant/db)')
    .option('--database-url <url>', 'PostgreSQL server instead of the embedded store (env DATABASE_URL)')
    .option('--config <file>', 'JSON config file (env SEXTANT_CONFIG; default ./sextant.config.json if present)')
    .showHelpAfterError()
    // Before the subcommands are added, so that they inherit it: usage errors exit 2, not 1.
    .exitOverride()
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 error, 2 usage, 3 partial (some records rejected; see the quarantine file).',
    );

  program
    .command('ingest')
    .description('ingest files or directories (format auto-detected); each ingest of a list is a version of it')
    .argument('<path...>', 'files, or directories holding a multi-file list such as the OFAC CSV set')
    .option('--format <format>', 'input format (ftm, ofac_sdn, ofac_cons, un_sc, bis_dpl, us_csl); default: detected')
    .option('--dataset <name>', 'dataset to ingest into; default: the list format, or the file name for FtM')
    .option('--agency <id>', 'agency that holds the data (default from config, else "local")')
    .option('--marking <marking>', "marking for the statements (default: the dataset's default, TLP:CLEAR)")
    .option('--json', 'one JSON object per input on stdout')
    .action(async (paths: string[], opts, cmd: Command) => runIngest(context(cmd), paths, opts));

  // `lists` alone (or with --json) shows the lists: a hidden default subcommand, so
  // that `--json` after `lists diff` belongs to diff and not to lists.
  const lists = program
    .command('lists')
    .description('show each list: authority, version, designated entities, added/removed since the previous version')
    .addHelpText('after', '\nWith no subcommand: the lists. Options: --json (JSON array on stdout).');
  lists
    .command('show', { isDefault: true, hidden: true })
    .description('show each list')
    .option('--json', 'JSON array on stdout')
    .action(async (opts, cmd: Command) => runLists(context(cmd), opts));
  lists
    .command('diff')
    .description('entities designated by list A and not by B, and the reverse, with the evidence of each match')
    .argument('<a>', 'dataset of list A')
    .argument('<b>', 'dataset of list B')
    .option('--json', 'JSON on stdout')
    .option('--all', 'also print the entities on both lists')
    .action(async (a: string, b: string, opts, cmd: Command) => runListsDiff(context(cmd), a, b, opts));
  lists
    .command('changes')
    .description('designations added, removed or changed in a version of a list')
    .argument('<dataset>', 'the list')
    .option('--version <n>', 'version number (default: the latest)', positiveInt('--version'))
    .addOption(new Option('--kind <kind>', 'only one kind of change').choices(['added', 'removed', 'changed']))
    .option('--limit <n>', 'rows per page', positiveInt('--limit', 10000), 100)
    .option('--offset <n>', 'rows to skip', positiveInt('--offset'), 0)
    .option('--json', 'JSON on stdout')
    .action(async (dataset: string, opts, cmd: Command) => runListsChanges(context(cmd), dataset, opts));
  lists
    .command('update')
    .description('download the configured official list sources over HTTP(S) and ingest them as new versions')
    .option('--only <datasets...>', 'update only these datasets')
    .option('--json', 'one JSON object per list on stdout')
    .action(async (opts, cmd: Command) => runListsUpdate(context(cmd), opts));

  program
    .command('entity')
    .description('show an entity with the provenance of every value and its related entities')
    .argument('<id>', 'entity id')
    .option('--json', 'JSON on stdout')
    .action(async (id: string, opts, cmd: Command) => runEntity(context(cmd), id, opts));

  program
    .command('search')
    .description('search names and aliases (full-text and trigram similarity)')
    .argument('<query>', 'name to look for')
    .option('--schema <schema>', 'only this schema and its descendants (Person, Organization, Vessel, …)')
    .option('--limit <n>', 'results per page', positiveInt('--limit', 500), 10)
    .option('--offset <n>', 'results to skip', positiveInt('--offset'), 0)
    .option('--json', 'JSON on stdout')
    .action(async (query: string, opts, cmd: Command) => runSearch(context(cmd), query, opts));

  program
    .command('export')
    .description('write entities as FtM JSON lines on stdout')
    .option('--dataset <name>', 'only this dataset (default: everything)')
    .addOption(new Option('--format <format>', 'output format').choices(['ftm']).default('ftm'))
    .action(async (opts, cmd: Command) => runExport(context(cmd), opts));

  program
    .command('serve')
    .description('start the HTTP API (OpenAPI at /openapi.json, docs at /docs); ingest PATHs first if given')
    .argument('[path...]', 'lists or files to ingest before serving (re-ingesting unchanged files changes nothing)')
    .option('--port <n>', 'port (default 7300, env SEXTANT_PORT)', positiveInt('--port', 65535))
    .option('--host <host>', 'interface to listen on (default 127.0.0.1, env SEXTANT_HOST)')
    .action(async (paths: string[], opts, cmd: Command) => runServe(context(cmd), paths, opts));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ outputError: (str, write) => write(str) });
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof SextantError) {
      process.stderr.write(`sextant: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`sextant: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.error;
  }
}

