import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { EXIT, SextantError } from '../errors.ts';
import { CAPABILITIES, ROLES, SECTORS } from '../policy/roles.ts';
import { openStore } from '../store/index.ts';
import { runEntity, runExport, runSearch } from './entities.ts';
import * as g from './governance.ts';
import { runIngest } from './ingest.ts';
import { runLists, runListsChanges, runListsDiff, runListsUpdate } from './lists.ts';
import { runScreen, runScreenCompare, runScreenDecide, runScreenDecisions, runScreenUndecide } from './screen.ts';
import { runServe } from './serve.ts';
import { runSimulate, schemesHelp } from './simulate.ts';
import { runDemo } from './demo.ts';
import { addDetectCommands } from './detect.ts';
import { addOwnershipCommand } from './ownership.ts';
import { addVesselCommand } from './vessel.ts';
import type { CliContext } from './session.ts';

/**
 * The `sextant` command line. Commands are thin: they parse, call the same
 * services as the HTTP routes, and print. Exit codes: 0 ok, 1 error, 2 usage,
 * 3 partial (some records rejected).
 */
export interface GlobalOptions {
  data?: string;
  databaseUrl?: string;
  config?: string;
  as?: string;
  purpose?: string;
}

export function context(cmd: Command): CliContext {
  const o = cmd.optsWithGlobals<GlobalOptions>();
  const config = loadConfig({ data: o.data, databaseUrl: o.databaseUrl, configFile: o.config });
  return {
    config,
    as: o.as ?? process.env.SEXTANT_AS ?? config.governance.operator,
    purpose: o.purpose ?? process.env.SEXTANT_PURPOSE ?? config.governance.defaultPurpose,
    open: () => openStore(config.db),
  };
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
    .description('Sextant: sanctions intelligence — ingest lists and entities, search, screen names, compare lists, share under agreements with every access audited, serve the API')
    .version('0.1.0')
    .option('--data <dir>', 'embedded database directory (env SEXTANT_DATA; default .sextant/db)')
    .option('--database-url <url>', 'PostgreSQL server instead of the embedded store (env DATABASE_URL)')
    .option('--config <file>', 'JSON config file (env SEXTANT_CONFIG; default ./sextant.config.json if present)')
    .option('--as <user>', 'user of this node the command acts as: their rights apply and the audit log names them (env SEXTANT_AS; default the bootstrapped administrator)')
    .option('--purpose <purpose>', 'purpose of this access, recorded in the audit log (env SEXTANT_PURPOSE; default from config, "sanctions")')
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
    .option('--format <format>', 'input format (ftm, ofac_sdn, ofac_cons, un_sc, bis_dpl, us_csl, transactions, pacs008, customs, ais-csv, ais-nmea); default: detected')
    .option('--dataset <name>', 'dataset to ingest into; default: the list format, or the file name for FtM')
    .option('--agency <id>', 'agency that holds the data (default from config, else "local")')
    .option('--marking <marking>', "marking, e.g. 'TLP:AMBER//CONFIDENTIAL//REL TO NL, fiu-be//PURPOSE aml' (default: the dataset's; official lists TLP:CLEAR, other data the agency's default)")
    .option('--agreement <id>', 'the data was received under this sharing agreement: its retention applies')
    .option('--version-date <date>', "a list's publication date (YYYY-MM-DD) when the files carry none (OFAC's CSV set): the version's date, and the end date of what it delists")
    .option(
      '--received-at <time>',
      'AIS NMEA: when the sentences were received (ISO 8601 with Z or offset); a position without tag block c: or timestamp prefix gets this minute and its own UTC second',
    )
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
    .description('download the configured official list sources over HTTP(S) and ingest them as new versions (dated by Last-Modified when the files carry no date)')
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
    .description('write the entities you may see as FtM JSON lines on stdout (minimised where agreements say so; audited)')
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

  program
    .command('simulate')
    .description('generate an exercise world: each agency\'s files (registry, sanctions list, payments, customs, AIS), truth.json and manifest.json')
    .requiredOption('--out <dir>', 'directory to write the world into')
    .option('--seed <n>', 'random seed: the same seed and version give byte-identical files', positiveInt('--seed', 2 ** 32 - 1), 1)
    .option('--scale <s>', 'size: 1 is the demo world (seconds), 100 the benchmark world (≈ 1 M payments)', positiveNumber('--scale'), 1)
    .option('--schemes <list>', 'comma-separated schemes to plant, or all, or none (default all)')
    .option('--start <date>', 'first day of the world, YYYY-MM-DD (default 2025-01-06)')
    .option('--days <n>', 'length of the world in days (default 90)', positiveInt('--days', 3660))
    .option('--json', 'print manifest.json on stdout')
    .addHelpText('after', schemesHelp())
    .action(async (opts) => runSimulate(opts));

  program
    .command('demo')
    .description('simulate a small world, load every agency\'s files into a fresh embedded store, brief what was found and serve the API')
    .option('--out <dir>', 'where the world and its store go (default: a new temporary directory)')
    .option('--seed <n>', 'random seed', positiveInt('--seed', 2 ** 32 - 1), 1)
    .option('--scale <s>', 'world size (default 0.1: loads in under a minute)', positiveNumber('--scale'), 0.1)
    .option('--days <n>', 'length of the world in days (default 30)', positiveInt('--days', 3660), 30)
    .option('--no-serve', 'brief and exit without starting the server')
    .option('--port <n>', 'port (default 7300, env SEXTANT_PORT)', positiveInt('--port', 65535))
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .action(async (opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const storeGiven = Boolean(g.data ?? g.databaseUrl ?? process.env.SEXTANT_DATA ?? process.env.DATABASE_URL);
      return runDemo(context(cmd), { ...opts, storeGiven });
    });

  addScreenCommands(program);
  addDetectCommands(program, context);
  addOwnershipCommand(program, context);
  addVesselCommand(program, context);
  addGovernanceCommands(program);
  return program;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number above 0`);
    return n;
  };
}

function probability(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${name} must be a number from 0 to 1`);
    return n;
  };
}

function addScreenCommands(program: Command): void {
  const screen = program
    .command('screen')
    .description('screen names against the lists: one (--name), a batch (--input/--output), or pairs without a list (screen compare)')
    .addHelpText('after', '\nWith no subcommand: screen --name or --input (see `sextant screen run --help`).');
  screen
    .command('run', { isDefault: true, hidden: true })
    .description('screen one name or a batch file against the lists')
    .option('--name <name>', 'the name to screen')
    .option('--schema <schema>', 'Person, Company, Organization, Vessel, LegalEntity …', 'LegalEntity')
    .option('--birth-date <date>', 'birth date (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--country <cc>', 'nationality or country')
    .option('--id <id>', 'an identifier (passport, registration, IMO …); agrees with any of the same value')
    .option('--threshold <t>', 'score from which a result is a match', probability('--threshold'), 0.7)
    .option('--limit <n>', 'results per query', positiveInt('--limit', 100), 5)
    .option('--dataset <name>', 'default (everything), sanctions (what the lists designate today) or one dataset (its history included)', 'default')
    .option('--input <file>', 'batch: CSV (name, schema, birth_date, country, id_number) or JSON lines')
    .option('--output <file>', 'batch: results as JSON lines {"query", "results"}')
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => runScreen(context(cmd), opts));
  screen
    .command('decide')
    .description('record that a subject is (--match) or is not (--no-match) a list entity; later screenings of it apply this')
    .requiredOption('--name <name>', 'the subject as screened')
    .option('--schema <schema>', 'schema of the subject', 'LegalEntity')
    .option('--birth-date <date>', 'birth date, as screened')
    .option('--country <cc>', 'country, as screened')
    .option('--id <id>', 'identifier, as screened')
    .requiredOption('--entity <id>', 'the list entity')
    .option('--match', 'it is this entity')
    .option('--no-match', 'it is not this entity')
    .option('--note <text>', 'why')
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => runScreenDecide(context(cmd), { ...opts, noMatch: opts.match === false ? true : opts.noMatch }));
  screen
    .command('decisions')
    .description("your agency's screening decisions")
    .option('--entity <id>', 'about this entity')
    .option('--revoked', 'include decisions taken back')
    .option('--limit <n>', 'rows per page', positiveInt('--limit', 1000), 100)
    .option('--offset <n>', 'rows to skip', positiveInt('--offset'), 0)
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => runScreenDecisions(context(cmd), opts));
  screen
    .command('undecide')
    .description('take a decision back')
    .argument('<id>', 'decision id')
    .action(async (id: string, _opts, cmd: Command) => runScreenUndecide(context(cmd), id));
  screen
    .command('compare')
    .description('score given pairs of names without a list (CSV columns schema,name1,name2): one line per pair')
    .requiredOption('--pairs <file>', 'CSV file')
    .option('--threshold <t>', 'score from which a pair is a match', probability('--threshold'), 0.7)
    .option('--json', 'one JSON line per pair {"name1","name2","schema","score","match","explanations"}')
    .action(async (opts) => runScreenCompare(opts));
}

function list(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

function addGovernanceCommands(program: Command): void {
  const agency = program.command('agency').description('agencies of this node');
  agency
    .command('add')
    .description('add an agency (administrators of the home agency)')
    .argument('<id>', 'agency id: lower-case letters, digits and dashes, e.g. fiu-nl')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--country <cc>', 'ISO 3166 alpha-2 country')
    .addOption(new Option('--sector <sector>', 'sector').choices([...SECTORS]).makeOptionMandatory())
    .option('--default-marking <marking>', 'marking of data it ingests unless told otherwise (default TLP:AMBER)')
    .option('--json', 'JSON on stdout')
    .action(async (id: string, opts, cmd: Command) => g.runAgencyAdd(context(cmd), id, opts));
  agency.command('list').description('list agencies').option('--json', 'JSON on stdout').action(async (opts, cmd: Command) => g.runAgencyList(context(cmd), opts));

  const user = program.command('user').description('users and their roles');
  user
    .command('add')
    .description('add a user; prints a one-time password they must change at first sign-in')
    .argument('<username>', 'user name')
    .option('--agency <id>', "agency (default: yours)")
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`, list)
    .option('--clearance <level>', 'highest classification level they may see (default: the lowest)')
    .option('--name <name>', 'display name')
    .option('--json', 'JSON on stdout')
    .action(async (username: string, opts, cmd: Command) => g.runUserAdd(context(cmd), username, opts));
  user.command('list').description('list users').option('--agency <id>', 'of this agency').option('--json', 'JSON on stdout').action(async (opts, cmd: Command) => g.runUserList(context(cmd), opts));
  user
    .command('update')
    .description("change a user's roles or clearance, or disable/enable them")
    .argument('<username>', 'user name')
    .option('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`, list)
    .option('--clearance <level>', 'classification level')
    .option('--disable', 'disable (ends their sessions)')
    .option('--enable', 'enable again')
    .option('--json', 'JSON on stdout')
    .action(async (username: string, opts, cmd: Command) => g.runUserUpdate(context(cmd), username, opts));
  user
    .command('reset-password')
    .description('give a user a new one-time password (ends their sessions, lifts a lock-out)')
    .argument('<username>', 'user name')
    .option('--json', 'JSON on stdout')
    .action(async (username: string, opts, cmd: Command) => g.runUserResetPassword(context(cmd), username, opts));

  const token = program.command('token').description('API tokens for machines: hashed, scoped, expiring, revocable');
  token
    .command('create')
    .description('issue yourself a token (printed once), scoped to permissions you have; --as names the user')
    .argument('<name>', 'what the token is for')
    .requiredOption('--scopes <scopes>', `comma-separated: ${CAPABILITIES.join(', ')}`, list)
    .option('--days <n>', 'days until it expires (default 90)', positiveInt('--days', 3650))
    .option('--json', 'JSON on stdout')
    .action(async (name: string, opts, cmd: Command) => g.runTokenCreate(context(cmd), name, opts));
  token.command('list').description('list tokens').option('--user <username>', "another user's (administrators)").option('--json', 'JSON on stdout').action(async (opts, cmd: Command) => g.runTokenList(context(cmd), opts));
  token.command('revoke').description('revoke a token').argument('<id>', 'token id').action(async (id: string, _opts, cmd: Command) => g.runTokenRevoke(context(cmd), id));

  const agreement = program.command('agreement').description('sharing agreements: parties, categories, purposes, ceiling, minimisation, retention, validity, approvals');
  agreement
    .command('create')
    .description('draft an agreement from a JSON file (see docs/GOVERNANCE.md for the fields)')
    .argument('<file>', 'JSON file')
    .option('--json', 'JSON on stdout')
    .action(async (file: string, opts, cmd: Command) => g.runAgreementCreate(context(cmd), file, opts));
  agreement.command('list').description("agreements your agency is party to").option('--json', 'JSON on stdout').action(async (opts, cmd: Command) => g.runAgreementList(context(cmd), opts));
  agreement.command('show').description('one agreement as JSON').argument('<id>', 'agreement id').action(async (id: string, _opts, cmd: Command) => g.runAgreementShow(context(cmd), id));
  agreement.command('approve').description("approve on your agency's behalf").argument('<id>', 'agreement id').option('--json', 'JSON on stdout').action(async (id: string, opts, cmd: Command) => g.runAgreementApprove(context(cmd), id, opts));
  agreement.command('revoke').description('revoke').argument('<id>', 'agreement id').action(async (id: string, _opts, cmd: Command) => g.runAgreementRevoke(context(cmd), id));
  agreement
    .command('hash')
    .description("keyed hashes of values you hold, to match partners' minimised identifiers")
    .argument('<id>', 'agreement id')
    .argument('<value...>', 'values')
    .addOption(new Option('--type <type>', 'kind of value (decides the normalisation)').choices(['identifier', 'name', 'iban', 'phone', 'email', 'text']).default('identifier'))
    .action(async (id: string, values: string[], opts, cmd: Command) => g.runAgreementHash(context(cmd), id, values, opts));
  agreement
    .command('export')
    .description("FtM JSON lines of your agency's data that may leave for a partner under the agreement (minimised; audited)")
    .argument('<id>', 'agreement id')
    .requiredOption('--to <agency>', 'partner agency')
    .option('--dataset <name>', 'only this dataset')
    .action(async (id: string, opts, cmd: Command) => g.runAgreementExport(context(cmd), id, opts));

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check the hash chain and checkpoints; names the record where it breaks (exit 1 when broken)')
    .option('--anchor <seq:hash>', 'a head printed by an earlier verify and kept elsewhere')
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => g.runAuditVerify(context(cmd), opts));
  audit
    .command('log')
    .description('query the log: who saw an entity (--entity), what left for a partner (--partner), …')
    .option('--entity <id>', 'records naming this entity')
    .option('--actor <user>', 'by this user')
    .option('--action <actions>', 'comma-separated actions, e.g. entity.read,search,share.export')
    .option('--partner <agency>', 'shares to this partner')
    .option('--agency <id>', "by this agency's users")
    .option('--since <iso>', 'from this time')
    .option('--until <iso>', 'up to this time')
    .option('--limit <n>', 'records per page', positiveInt('--limit', 10000), 100)
    .option('--offset <n>', 'records to skip', positiveInt('--offset'), 0)
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => g.runAuditLog(context(cmd), opts));

  program
    .command('dataset')
    .description("a dataset's settings")
    .command('set')
    .description("set the default marking of a dataset your agency holds")
    .argument('<dataset>', 'dataset')
    .option('--default-marking <marking>', "e.g. 'TLP:AMBER//CONFIDENTIAL'")
    .action(async (dataset: string, opts, cmd: Command) => g.runDatasetSet(context(cmd), dataset, opts));

  const retention = program.command('retention').description('retention per dataset and per agreement');
  retention
    .command('run')
    .description('purge data past its retention (audited); --dry-run lists what would go and why')
    .option('--dry-run', 'only list')
    .option('--json', 'JSON on stdout')
    .action(async (opts, cmd: Command) => g.runRetention(context(cmd), opts));
  retention
    .command('set')
    .description('keep a dataset\'s data DAYS after it was last seen ("none": until removed)')
    .argument('<dataset>', 'dataset')
    .argument('<days>', 'days, or none')
    .action(async (dataset: string, days: string, _opts, cmd: Command) => g.runRetentionSet(context(cmd), dataset, days));
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

