/**
 * Patterns both warehouse adapters and the config share, so they cannot drift apart.
 */

/**
 * A named parameter in the shared SQL (`@game_date`); group 1 is the name. Global: use with
 * `matchAll` or `replace`. The BigQuery adapter sends it as is, the DuckDB adapter renders `$name`.
 */
export const PARAM_REFERENCE = /@([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A Google Cloud project id: lowercase letters, digits and hyphens, starting with a letter and not
 * ending with a hyphen (https://cloud.google.com/resource-manager/docs/creating-managing-projects);
 * `.` and `:` admit the older domain-scoped ids (`example.com:name`). Checked before an id reaches
 * a backticked BigQuery name.
 */
export const PROJECT_ID = /^[a-z][a-z0-9.:-]{2,61}[a-z0-9]$/;
