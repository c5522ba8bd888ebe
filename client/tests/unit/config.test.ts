import { describe, expect, it } from 'vitest';
import { loadSettings, monthId, padIdFromLocation, padLink, padTitle, saveToken, serverBase } from '../../src/config';
import * as Y from 'yjs';
import { mayEdit, readMeta } from '../../src/meta';

describe('config', () => {
  it('defaults the server to the app root, or takes ?server=', () => {
    expect(serverBase(new URL('http://127.0.0.1:5190/?pad=2026-11'), 'http://127.0.0.1:5190/')).toBe('http://127.0.0.1:5190/');
    expect(serverBase(new URL('http://localhost:4173/?server=http://127.0.0.1:5190'), 'http://localhost:4173/')).toBe('http://127.0.0.1:5190/');
    expect(serverBase(new URL('https://h/draftpad/pads/2026-11'), 'https://h/draftpad/')).toBe('https://h/draftpad/');
  });

  it('finds the pad in ?pad= or a /pads/ deep link', () => {
    expect(padIdFromLocation(new URL('http://h/?pad=2026-11'))).toBe('2026-11');
    expect(padIdFromLocation(new URL('http://h/pads/2026-02/'))).toBe('2026-02');
    expect(padIdFromLocation(new URL('http://h/?pad=2026-13'))).toBeNull();
    expect(padIdFromLocation(new URL('http://h/'))).toBeNull();
    expect(padLink(new URL('http://h/pads/2026-02?server=x'), '2026-03')).toBe('http://h/?server=x&pad=2026-03');
  });

  it('names months in UTC', () => {
    expect(monthId(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(monthId(new Date('2026-12-31T23:30:00Z'), 1)).toBe('2027-01');
  });

  it('keeps a colour per browser and a token per server', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) } as Storage;
    const home = 'http://127.0.0.1:5190/';
    const first = loadSettings(storage, home, () => 0.5);
    expect(first.colorHue).toBe(180);
    expect(loadSettings(storage, home, () => 0.1).colorHue).toBe(180);
    saveToken(storage, home, 'secret-maintainer-token');
    expect(loadSettings(storage, home).token).toBe('secret-maintainer-token');
    // A link with ?server=elsewhere must not get this server's token.
    expect(loadSettings(storage, 'https://elsewhere.example/').token).toBeNull();
    saveToken(storage, home, null);
    expect(loadSettings(storage, home).token).toBeNull();
  });

  it('titles pads by month', () => {
    expect(padTitle('2026-11')).toBe('November 2026');
  });
});

describe('pad metadata', () => {
  it('reads status, release date and the last export; unknown status is closed', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap<unknown>('meta');
    expect(readMeta(meta)).toEqual({ status: 'open', releaseDate: null, lastExport: null });
    meta.set('status', 'archived');
    meta.set('releaseDate', '2026-12-05');
    meta.set('export', { outcome: 'created', branch: 'newsletter/2026-11', commit: 'abc1234def', pullRequestNumber: 42, pullRequestUrl: 'https://github.com/xsf/xmpp.org/pull/42', at: '2026-12-01T10:00:00Z', by: 'maintainer' });
    const view = readMeta(meta);
    expect(view.status).toBe('closed');
    expect(view.releaseDate).toBe('2026-12-05');
    expect(view.lastExport).toMatchObject({ pullRequestNumber: 42, commit: 'abc1234def' });
    expect(mayEdit('closed', false)).toBe(false);
    expect(mayEdit('closed', true)).toBe(true);
  });
});
