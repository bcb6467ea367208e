/**
 * .ci/run's chromium step (scripts/ci-chromium.sh) with stand-ins for `id` and `apt-get` first on
 * PATH, so each case (present, missing as root, missing without root, apt failing) runs here
 * without touching the machine's packages.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'ci-chromium.sh');

/** Runs ci_chromium_install with a fake uid and a fake apt-get; returns its output and apt's calls. */
function run(opts: { chromium: string; uid: number; aptFails?: boolean; aptCreates?: string }): {
  out: string;
  apt: string[];
} {
  const bin = mkdtempSync(join(tmpdir(), 'nba-props-ci-'));
  const calls = join(bin, 'apt-calls');
  writeFileSync(join(bin, 'id'), `#!/bin/sh\necho ${opts.uid}\n`);
  writeFileSync(
    join(bin, 'apt-get'),
    [
      '#!/bin/sh',
      `echo "$DEBIAN_FRONTEND $*" >> ${calls}`,
      opts.aptFails ? 'echo "E: Unable to locate package chromium" >&2; exit 100' : '',
      opts.aptCreates
        ? `case "$*" in *install*) printf '#!/bin/sh\\n' > ${opts.aptCreates}; chmod +x ${opts.aptCreates};; esac`
        : '',
      'exit 0',
    ].join('\n'),
  );
  chmodSync(join(bin, 'id'), 0o755);
  chmodSync(join(bin, 'apt-get'), 0o755);
  const out = execFileSync(
    'bash',
    ['-c', `set -euo pipefail; source ${SCRIPT}; ci_chromium_install; echo "rc=$?"`],
    {
      env: { PATH: `${bin}:/usr/bin:/bin`, NBA_CHROMIUM: opts.chromium, TMPDIR: bin },
      encoding: 'utf8',
    },
  );
  return { out, apt: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
}

describe('.ci/run chromium step', () => {
  it('does nothing, quietly, when the browser is there', () => {
    expect(run({ chromium: process.execPath, uid: 0 })).toEqual({ out: 'rc=0\n', apt: [] });
  });

  it('installs chromium and its fonts with apt-get as root when it is missing', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'nba-props-ci-')), 'chromium');
    const r = run({ chromium: target, uid: 0, aptCreates: target });
    expect(r.apt).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq --no-install-recommends chromium fonts-liberation',
    ]);
    expect(r.out).toMatch(
      /^ci-chromium: installing Debian's chromium for the browser tests \(log: .*\)\nrc=0\n$/,
    );
    // a second run finds it and does nothing
    expect(run({ chromium: target, uid: 0 })).toEqual({ out: 'rc=0\n', apt: [] });
  });

  it('says why and goes on when it cannot install (not root, or apt-get failing)', () => {
    const notRoot = run({ chromium: '/nonexistent/chromium', uid: 1000 });
    expect(notRoot.apt).toEqual([]);
    expect(notRoot.out).toContain(
      'apt-get cannot run here (needs root and apt-get): the browser tests will skip',
    );
    const failing = run({ chromium: '/nonexistent/chromium', uid: 0, aptFails: true });
    expect(failing.out).toContain('apt-get could not install chromium: the browser tests will skip');
    expect(failing.out).toContain('E: Unable to locate package chromium');
    expect(failing.out.trim().endsWith('rc=0')).toBe(true);
  });
});
