// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { renderStatus, renderUsers } from '../../src/ui/statusBar';
import { MaintainerPanel } from '../../src/ui/maintainerPanel';
import { initialConnectionState, describeStatus } from '../../src/net/connectionState';
import type { PadApi } from '../../src/api/rest';

describe('status bar', () => {
  it('shows the phase and whether every change is saved', () => {
    const target = document.createElement('span');
    const connection = { ...initialConnectionState, phase: 'connected' as const };
    renderStatus(target, { connection, pendingChanges: 0, label: describeStatus(connection, 0), refusal: null });
    expect(target.textContent).toBe('connected · all changes saved');
    expect(target.dataset).toMatchObject({ phase: 'connected', pending: '0', tone: 'ok' });
  });

  it("shows other people's names as text and refuses odd colours", () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Me', color: 'hsl(10 70% 40%)' });
    awareness.states.set(42, { user: { name: '<img src=x onerror=alert(1)>', color: 'red; background: url(javascript:alert(1))' } });
    const list = document.createElement('ul');
    renderUsers(list, awareness);
    expect(list.querySelectorAll('img').length).toBe(0);
    const chips = [...list.querySelectorAll('li')];
    expect(chips.map((c) => c.dataset.name)).toEqual(['Me', '<img src=x onerror=alert(1)>']);
    expect(chips[1]!.style.backgroundColor).toBe('rgb(136, 136, 136)');
  });
});

describe('maintainer panel', () => {
  const api = { updatePad: vi.fn(async () => ({})), exportPad: vi.fn() } as unknown as PadApi;

  it('shows status, release date and a link to the pull request; only http(s) links', () => {
    const root = document.createElement('div');
    const panel = new MaintainerPanel(root, { padId: '2026-11', api, token: () => 'token-0123456789abcdef', setToken: () => undefined });
    const lastExport = { outcome: 'created', branch: 'newsletter/2026-11', commit: 'abcdef1234', pullRequestNumber: 7, at: '2026-12-01T10:00:00Z', by: 'maintainer' };
    panel.showMeta({ status: 'closed', releaseDate: '2026-12-05', lastExport: { ...lastExport, pullRequestUrl: 'https://github.com/xsf/xmpp.org/pull/7' } });
    expect(root.querySelector('[data-testid="pad-status"]')!.textContent).toBe('closed');
    expect((root.querySelector('[data-testid="release-date"]') as HTMLInputElement).value).toBe('2026-12-05');
    expect(root.querySelector('[data-testid="toggle-status"]')!.textContent).toBe('Reopen pad');
    expect(root.querySelector<HTMLAnchorElement>('[data-testid="pr-link"]')!.href).toBe('https://github.com/xsf/xmpp.org/pull/7');

    panel.showMeta({ status: 'exported', releaseDate: null, lastExport: { ...lastExport, pullRequestUrl: 'javascript:alert(1)' } });
    expect(root.querySelector('[data-testid="pr-link"]')).toBeNull();
  });

  it('closes an open pad through PATCH', async () => {
    const root = document.createElement('div');
    const panel = new MaintainerPanel(root, { padId: '2026-11', api, token: () => 'token-0123456789abcdef', setToken: () => undefined });
    panel.showMeta({ status: 'open', releaseDate: '2026-12-05', lastExport: null });
    root.querySelector<HTMLButtonElement>('[data-testid="toggle-status"]')!.click();
    await Promise.resolve();
    expect(api.updatePad).toHaveBeenCalledWith('2026-11', { status: 'closed' });
  });

  it('disables the maintainer actions without a token', () => {
    const root = document.createElement('div');
    new MaintainerPanel(root, { padId: '2026-11', api, token: () => null, setToken: () => undefined });
    expect(root.querySelector<HTMLButtonElement>('[data-testid="export"]')!.disabled).toBe(true);
  });
});
