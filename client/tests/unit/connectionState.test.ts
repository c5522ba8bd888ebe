import { describe, expect, it } from 'vitest';
import { describeStatus, initialConnectionState, reduceConnection, type ConnectionEvent, type ConnectionState } from '../../src/net/connectionState';

const run = (...events: ConnectionEvent[]): ConnectionState => events.reduce(reduceConnection, initialConnectionState);

describe('connection state machine', () => {
  it('connects: connecting → syncing → connected', () => {
    expect(run({ type: 'joined' }).phase).toBe('syncing');
    expect(run({ type: 'joined' }, { type: 'synced' })).toEqual({ phase: 'connected', attempt: 0, lastError: null, retryInMs: null });
  });

  it('counts failed attempts until a sync succeeds', () => {
    const s = run({ type: 'lost', error: 'refused' }, { type: 'start' }, { type: 'lost', error: 'again' });
    expect(s).toMatchObject({ phase: 'reconnecting', attempt: 2, lastError: 'again' });
    expect(reduceConnection(reduceConnection(reduceConnection(s, { type: 'start' }), { type: 'joined' }), { type: 'synced' }).attempt).toBe(0);
  });

  it('stays offline while the browser is offline, then retries from the first attempt', () => {
    const offline = run({ type: 'lost' }, { type: 'lost' }, { type: 'browser-offline' }, { type: 'lost', error: 'no network' });
    expect(offline).toMatchObject({ phase: 'offline', attempt: 2 });
    expect(reduceConnection(offline, { type: 'browser-online' })).toMatchObject({ phase: 'reconnecting', attempt: 0 });
  });

  it('ignores late events once stopped, and stale sync events', () => {
    const stopped = run({ type: 'stop' });
    expect(reduceConnection(stopped, { type: 'lost' })).toBe(stopped);
    const reconnecting = run({ type: 'lost' });
    expect(reduceConnection(reconnecting, { type: 'synced' })).toBe(reconnecting);
  });

  it('says whether every change is saved', () => {
    const connected = run({ type: 'joined' }, { type: 'synced' });
    expect(describeStatus(connected, 0)).toEqual({ connection: 'connected', saving: 'all changes saved', tone: 'ok' });
    expect(describeStatus(connected, 3)).toMatchObject({ saving: 'saving 3 changes…', tone: 'busy' });
    const lost = reduceConnection(run({ type: 'lost' }), { type: 'retry-scheduled', delayMs: 2400 });
    expect(describeStatus(lost, 1)).toEqual({ connection: 'reconnecting in 2 s', saving: '1 unsaved change kept in this browser', tone: 'warn' });
    expect(describeStatus(run({ type: 'browser-offline' }), 0)).toMatchObject({ connection: 'offline', saving: 'all changes saved' });
  });
});
