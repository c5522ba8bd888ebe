import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { PadProvider } from '../../src/net/padProvider';
import { FakePadServer } from './fakeHub';

const providers: PadProvider[] = [];
afterEach(() => providers.splice(0).forEach((p) => p.destroy()));

function client(server: FakePadServer, name = 'ada') {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name, color: '#123456' });
  const provider = new PadProvider({
    padId: server.padId,
    doc,
    awareness,
    hubFactory: () => server.connect(),
    backoff: { baseMs: 20, capMs: 80, random: () => 0.5 },
    updateIntervalMs: 5,
    awarenessIntervalMs: 5,
    retryDelayMs: 20,
  });
  providers.push(provider);
  return { doc, text: doc.getText('content'), awareness, provider };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const phase = (p: PadProvider) => p.snapshot().connection.phase;
const saved = (p: PadProvider) => phase(p) === 'connected' && p.snapshot().pendingChanges === 0;

describe('PadProvider', () => {
  it('joins, syncs by state vector both ways and receives the pad', async () => {
    const server = new FakePadServer();
    server.doc.getText('content').insert(0, '# Newsletter\n');
    const a = client(server);
    a.provider.start();
    await waitFor(() => phase(a.provider) === 'connected', 'sync');
    expect(a.text.toString()).toBe('# Newsletter\n');
    // Join's step 1 is answered with a step 2, then our own step 1 goes out.
    expect(server.sends.map((s) => s.kind).slice(0, 2)).toEqual(['sync-step2', 'sync-step1']);
  });

  it('sends each local change and reports "all changes saved" only once acknowledged', async () => {
    const server = new FakePadServer();
    const a = client(server);
    const b = client(server, 'bob');
    a.provider.start();
    b.provider.start();
    await waitFor(() => saved(a.provider) && saved(b.provider), 'both synced');
    a.text.insert(0, 'Hello');
    expect(a.provider.snapshot().label.saving).toBe('saving 1 change…');
    await waitFor(() => saved(a.provider), 'ack');
    expect(a.provider.snapshot().label).toMatchObject({ connection: 'connected', saving: 'all changes saved' });
    await waitFor(() => b.text.toString() === 'Hello', 'relay');
    expect(server.doc.getText('content').toString()).toBe('Hello');
  });

  it('batches a burst of keystrokes into few Sends', async () => {
    const server = new FakePadServer();
    const a = client(server);
    a.provider.start();
    await waitFor(() => saved(a.provider), 'sync');
    const before = server.sends.filter((s) => s.kind === 'sync-update').length;
    for (const ch of 'The XMPP Newsletter') a.text.insert(a.text.length, ch);
    await waitFor(() => saved(a.provider), 'ack');
    const sent = server.sends.filter((s) => s.kind === 'sync-update').length - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(5);
    expect(server.doc.getText('content').toString()).toBe('The XMPP Newsletter');
  });

  it('keeps edits made while the server is down and merges them on reconnect', async () => {
    const server = new FakePadServer();
    const a = client(server);
    const b = client(server, 'bob');
    a.provider.start();
    b.provider.start();
    await waitFor(() => saved(a.provider) && saved(b.provider), 'sync');
    server.kill();
    await waitFor(() => phase(a.provider) === 'reconnecting', 'loss noticed');
    a.text.insert(0, 'offline A. ');
    b.text.insert(0, 'offline B. ');
    expect(a.provider.snapshot().label.saving).toBe('1 unsaved change kept in this browser');
    expect(a.provider.snapshot().connection.retryInMs).not.toBeNull();
    server.revive();
    await waitFor(() => saved(a.provider) && saved(b.provider), 'resync after restart');
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 22, 'convergence');
    expect(server.doc.getText('content').toString()).toBe(a.text.toString());
  });

  it('goes offline with the browser and reconnects at once when it is back', async () => {
    const server = new FakePadServer();
    const a = client(server);
    a.provider.start();
    await waitFor(() => saved(a.provider), 'sync');
    a.provider.setBrowserOnline(false);
    expect(phase(a.provider)).toBe('offline');
    a.text.insert(0, 'written on the train');
    await new Promise((r) => setTimeout(r, 30));
    expect(server.doc.getText('content').toString()).toBe('');
    a.provider.setBrowserOnline(true);
    await waitFor(() => saved(a.provider), 'back online');
    expect(server.doc.getText('content').toString()).toBe('written on the train');
  });

  it('retries a change the rate limiter dropped, and reports a refusal', async () => {
    const server = new FakePadServer();
    const a = client(server);
    a.provider.start();
    await waitFor(() => saved(a.provider), 'sync');
    server.refuseNext = 'Too many messages: at most 60 per second (burst 240); this one was dropped.';
    a.text.insert(0, 'x');
    await waitFor(() => saved(a.provider), 'retried');
    expect(server.doc.getText('content').toString()).toBe('x');

    server.refuseNext = 'Pad 2026-11 is closed: only maintainers may edit it now.';
    a.text.insert(1, 'y');
    await waitFor(() => a.provider.snapshot().refusal !== null, 'refusal');
    expect(a.provider.snapshot().refusal).toBe('Pad 2026-11 is closed: only maintainers may edit it now.');
    expect(a.provider.snapshot().pendingChanges).toBe(1);
  });

  it('shows the others’ presence and drops it when the connection is lost', async () => {
    const server = new FakePadServer();
    const a = client(server, 'ada');
    const b = client(server, 'bob');
    a.provider.start();
    b.provider.start();
    await waitFor(() => a.awareness.getStates().has(b.doc.clientID) && b.awareness.getStates().has(a.doc.clientID), 'presence');
    expect((a.awareness.getStates().get(b.doc.clientID) as { user: { name: string } }).user.name).toBe('bob');
    server.kill();
    await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'presence removed');
  });

  it('routes Diagnostics of its pad only, and passes ApplyFix refusals on', async () => {
    const server = new FakePadServer();
    const a = client(server);
    const seen: number[] = [];
    a.provider.onDiagnostics((d) => seen.push(d.diagnostics.length));
    a.provider.start();
    await waitFor(() => seen.length === 1, 'diagnostics on join');
    for (const hub of server.hubs) {
      hub.emit('Diagnostics', '2026-10', JSON.stringify({ padId: '2026-10', diagnostics: [{ id: 'X', severity: 'error', message: 'm', line: 1, column: 1, offset: 0, length: 1 }] }));
      hub.emit('Diagnostics', server.padId, '{not json');
    }
    expect(seen).toEqual([0]);
    await expect(a.provider.applyFix('NL012', 4)).rejects.toThrow('No fixable NL012 finding at offset 4 any more');
  });

  it('leaves cleanly: Leave is the last thing sent, and nothing reconnects afterwards', async () => {
    const server = new FakePadServer();
    const a = client(server);
    a.provider.start();
    await waitFor(() => saved(a.provider), 'sync');
    const sentBefore = server.sends.length;
    a.provider.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.sends.length).toBe(sentBefore);
    expect(server.hubs.size).toBe(0);
    expect(phase(a.provider)).toBe('stopped');
    a.provider.setBrowserOnline(true);
    a.provider.restart();
    await new Promise((r) => setTimeout(r, 30));
    expect(server.hubs.size).toBe(0);
  });

  it('ignores messages for other pads', async () => {
    const server = new FakePadServer();
    const a = client(server);
    a.provider.start();
    await waitFor(() => saved(a.provider), 'sync');
    const other = new Y.Doc();
    other.getText('content').insert(0, 'not this pad');
    for (const hub of server.hubs) hub.emit('Receive', '2026-10', new Uint8Array([0, 2, ...lengthPrefixed(Y.encodeStateAsUpdate(other))]));
    expect(a.text.toString()).toBe('');
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  // varUint length (the updates here are < 128 bytes)
  return [bytes.length, ...bytes];
}
