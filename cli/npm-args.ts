/**
 * Options npm keeps for itself. `npm start --date=2025-11-05` (no `--`) does not pass `--date` to
 * the script: npm stores it as its own config `npm_config_date` and the script runs with its
 * defaults (https://docs.npmjs.com/cli/v11/commands/npm-run-script: "any options after `--` are
 * passed to the script"). Run under an npm script, the CLI looks for its option names among those
 * variables and stops with the command to type instead.
 */

/** `npm_config_<key>` -> nba-props' option. npm expands `--to` to its own `--token-description`. */
export const NPM_KEPT_OPTIONS: Readonly<Record<string, string>> = {
  date: '--date',
  batch: '--batch',
  from: '--from',
  to: '--to',
  token_description: '--to',
  out: '--out',
  types: '--types',
  min_minutes: '--min-minutes',
  local_dir: '--local-dir',
  dir: '--dir',
  port: '--port',
};

/** The commands of nba-props and their own options (`--local-dir` belongs to every command). */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  run: ['--date', '--min-minutes'],
  status: ['--batch', '--date'],
  consolidate: ['--batch'],
  export: ['--date', '--batch', '--types'],
  grade: ['--date'],
  'training-rows': ['--from', '--to', '--out', '--min-minutes'],
  backtest: ['--from', '--to', '--out'],
  view: ['--dir', '--port'],
};

/** The commands that take every one of `flags`, in {@link COMMAND_OPTIONS} order. */
export function commandsTaking(flags: readonly string[]): string[] {
  const own = flags.filter((f) => f !== '--local-dir');
  return Object.keys(COMMAND_OPTIONS).filter((c) => own.every((f) => COMMAND_OPTIONS[c]?.includes(f)));
}

/**
 * The command `npm run cli --<flags>` (no command among the arguments) most likely meant: `run`
 * (the main job) when it takes every flag, else the one command that does; null when it cannot
 * tell.
 */
export function guessCommand(flags: readonly string[]): string | null {
  const fits = commandsTaking(flags);
  if (flags.every((f) => f === '--local-dir')) return null;
  if (fits.includes('run')) return 'run';
  return fits.length === 1 ? (fits[0] ?? null) : null;
}

/** `: backtest or training-rows` for the commands that take `flags`, or where to list them. */
function choices(flags: readonly string[]): string {
  const fits = commandsTaking(flags);
  return fits.length > 0 && fits.length < Object.keys(COMMAND_OPTIONS).length
    ? `: ${fits.join(' or ')}`
    : ': `npm run cli -- --help` lists the commands';
}

/**
 * The sentence to print when npm kept one of nba-props' options, or null when it kept none (or the
 * CLI does not run under an npm script).
 * @param env the process environment (`npm_lifecycle_event` is the script's name, e.g. `start`).
 * @param args the arguments the script did receive (`process.argv.slice(2)`).
 * @returns e.g. "npm kept --date=2025-11-05 for itself, so nba-props did not see it: type
 *   `npm start -- --date 2025-11-05` (npm passes options to the script only after `--`)"; under
 *   `npm run cli` with no command among the arguments the command is {@link guessCommand}'s, or
 *   `<command>` with a clause saying to put it first.
 */
export function npmKeptOptionsMessage(env: NodeJS.ProcessEnv, args: readonly string[]): string | null {
  const script = env.npm_lifecycle_event;
  if (!script) return null;
  const kept = Object.entries(NPM_KEPT_OPTIONS)
    .filter(([key]) => env[`npm_config_${key}`] !== undefined)
    .map(([key, flag]) => ({ flag, value: env[`npm_config_${key}`] ?? '' }));
  if (kept.length === 0) return null;
  // The `start` script is `nba-props run`: args[0] is `run` there, the command of `npm run cli`.
  const given = args[0] !== undefined && !args[0].startsWith('-');
  const command = script === 'start' && args[0] === 'run' ? [] : given ? args.slice(0, 1) : [];
  const strays = given ? args.slice(1) : args.slice();
  // `--from 2025-11-01` (a space) leaves npm_config_from=true and the value among the arguments;
  // nba-props takes no positional argument, so with one such option the stray argument is its value.
  const bare = kept.filter((k) => k.value === 'true' || k.value === '');
  const pairStray = bare.length === 1 && strays.length === 1;
  const typed = kept.map((k) => {
    if (k.value !== 'true' && k.value !== '') return `${k.flag} ${k.value}`;
    return `${k.flag} ${pairStray ? strays[0] : '<value>'}`;
  });
  const shown = kept.map((k) => (k.value === 'true' || k.value === '' ? k.flag : `${k.flag}=${k.value}`));
  // `npm run cli` runs nba-props with no command: one is needed before the options.
  const guessed = script !== 'start' && command.length === 0 ? guessCommand(kept.map((k) => k.flag)) : null;
  const unknown = script !== 'start' && command.length === 0 && guessed === null;
  const first = guessed !== null ? [guessed] : unknown ? ['<command>'] : command;
  const words = [...first, ...(pairStray ? [] : strays), ...typed].join(' ');
  const npmCommand = script === 'start' ? 'npm start' : `npm run ${script}`;
  return (
    `npm kept ${shown.join(', ')} for itself, so nba-props did not see it: ` +
    `type \`${npmCommand} -- ${words}\` (npm passes options to the script only after \`--\`` +
    `${unknown ? `; put the command first${choices(kept.map((k) => k.flag))}` : ''})`
  );
}
