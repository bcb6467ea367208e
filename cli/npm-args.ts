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

/**
 * The sentence to print when npm kept one of nba-props' options, or null when it kept none (or the
 * CLI does not run under an npm script).
 * @param env the process environment (`npm_lifecycle_event` is the script's name, e.g. `start`).
 * @param args the arguments the script did receive (`process.argv.slice(2)`).
 * @returns e.g. "npm kept --date=2025-11-05 for itself, so nba-props did not see it: type
 *   `npm start -- --date 2025-11-05` (npm passes options to the script only after `--`)".
 */
export function npmKeptOptionsMessage(env: NodeJS.ProcessEnv, args: readonly string[]): string | null {
  const script = env.npm_lifecycle_event;
  if (!script) return null;
  const kept = Object.entries(NPM_KEPT_OPTIONS)
    .filter(([key]) => env[`npm_config_${key}`] !== undefined)
    .map(([key, flag]) => ({ flag, value: env[`npm_config_${key}`] ?? '' }));
  if (kept.length === 0) return null;
  // The `start` script is `nba-props run`: args[0] is `run` there, the command of `npm run cli`.
  const command = script === 'start' && args[0] === 'run' ? [] : args.slice(0, 1);
  const strays = args.slice(1);
  // `--from 2025-11-01` (a space) leaves npm_config_from=true and the value among the arguments;
  // nba-props takes no positional argument, so with one such option the stray argument is its value.
  const bare = kept.filter((k) => k.value === 'true' || k.value === '');
  const pairStray = bare.length === 1 && strays.length === 1;
  const typed = kept.map((k) => {
    if (k.value !== 'true' && k.value !== '') return `${k.flag} ${k.value}`;
    return `${k.flag} ${pairStray ? strays[0] : '<value>'}`;
  });
  const shown = kept.map((k) => (k.value === 'true' || k.value === '' ? k.flag : `${k.flag}=${k.value}`));
  const words = [...command, ...(pairStray ? [] : strays), ...typed].join(' ');
  const npmCommand = script === 'start' ? 'npm start' : `npm run ${script}`;
  return (
    `npm kept ${shown.join(', ')} for itself, so nba-props did not see it: ` +
    `type \`${npmCommand} -- ${words}\` (npm passes options to the script only after \`--\`)`
  );
}
