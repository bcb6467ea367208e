/**
 * The backtest's write-back bucket (lib/store/buffered.ts): callers see their own writes and
 * deletes at once, and the folder receives only the final state on flush.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedObjectStore } from '../../lib/store/buffered';
import { FsObjectStore } from '../../lib/store/fs';

const OPTS = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' };

describe('buffered object store', () => {
  it('reads, lists and deletes through the buffer, then writes the final state once', async () => {
    const folder = new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-buffered-')));
    await folder.put('v1/tonight/player/old.json', '{"old":true}', OPTS);
    const store = new BufferedObjectStore(folder, (p) => join(folder.root, p));

    expect(await store.put('v1/tonight/player/a.json', '{"a":1}', OPTS)).toBe(
      join(folder.root, 'v1/tonight/player/a.json'),
    );
    await store.put('v1/tonight/player/a.json', '{"a":2}', OPTS);
    await store.put('v1/tonight/player/b.json', '{"b":1}', OPTS);
    await store.delete('v1/tonight/player/old.json');
    await store.delete('v1/tonight/player/b.json');

    expect(await store.get('v1/tonight/player/a.json')).toBe('{"a":2}');
    expect(await store.get('v1/tonight/player/old.json')).toBeNull();
    expect(await store.list('v1/tonight/player/')).toEqual(['v1/tonight/player/a.json']);
    // nothing reached the folder yet
    expect(await folder.list('v1/')).toEqual(['v1/tonight/player/old.json']);

    expect(await store.flush()).toBe(3);
    expect(store.size).toBe(0);
    expect(await folder.list('v1/')).toEqual(['v1/tonight/player/a.json']);
    expect(await folder.get('v1/tonight/player/a.json')).toBe('{"a":2}');
    expect(readdirSync(join(folder.root, 'v1', 'tonight', 'player'))).toEqual(['a.json']);
  });
});
