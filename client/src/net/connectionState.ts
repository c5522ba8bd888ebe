// The connection's life as a pure reducer, so the UI label and the reconnect decisions
// can be tested without timers or sockets. The provider feeds it events and acts on the
// resulting phase (e.g. schedules a retry when it enters `reconnecting`).

export type Phase = 'connecting' | 'syncing' | 'connected' | 'reconnecting' | 'offline' | 'stopped';

export interface ConnectionState {
  phase: Phase;
  /** Failed attempts since the last successful sync (drives the backoff). */
  attempt: number;
  /** Why the last attempt or connection failed. */
  lastError: string | null;
  /** Delay of the scheduled retry, for the label. */
  retryInMs: number | null;
}

export type ConnectionEvent =
  | { type: 'start' }
  | { type: 'joined' }
  | { type: 'synced' }
  | { type: 'lost'; error?: string }
  | { type: 'retry-scheduled'; delayMs: number }
  | { type: 'browser-offline' }
  | { type: 'browser-online' }
  | { type: 'stop' };

export const initialConnectionState: ConnectionState = { phase: 'connecting', attempt: 0, lastError: null, retryInMs: null };

export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  if (state.phase === 'stopped' && event.type !== 'start') return state;
  switch (event.type) {
    case 'start':
      return { ...state, phase: 'connecting', retryInMs: null };
    case 'joined':
      return state.phase === 'connecting' ? { ...state, phase: 'syncing' } : state;
    case 'synced':
      return state.phase === 'syncing' || state.phase === 'connecting'
        ? { phase: 'connected', attempt: 0, lastError: null, retryInMs: null }
        : state;
    case 'lost':
      // While the browser says it is offline, failures are expected: stay offline, count nothing.
      if (state.phase === 'offline') return state;
      return { ...state, phase: 'reconnecting', attempt: state.attempt + 1, lastError: event.error ?? state.lastError, retryInMs: null };
    case 'retry-scheduled':
      return state.phase === 'reconnecting' ? { ...state, retryInMs: event.delayMs } : state;
    case 'browser-offline':
      return { ...state, phase: 'offline', retryInMs: null };
    case 'browser-online':
      // Back online: try at once, from the bottom of the backoff.
      return state.phase === 'offline' ? { ...state, phase: 'reconnecting', attempt: 0, retryInMs: null } : state;
    case 'stop':
      return { ...state, phase: 'stopped', retryInMs: null };
  }
}

export type Tone = 'ok' | 'busy' | 'warn' | 'bad';

export interface StatusLabel {
  /** connected / reconnecting / offline / ... */
  connection: string;
  /** all changes saved / saving N changes / N changes kept in this browser */
  saving: string;
  tone: Tone;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the status badge says, from the phase and the number of unacknowledged changes. */
export function describeStatus(state: ConnectionState, pendingChanges: number): StatusLabel {
  const online = state.phase === 'connected';
  const saving =
    pendingChanges === 0
      ? 'all changes saved'
      : online || state.phase === 'syncing'
        ? `saving ${plural(pendingChanges, 'change')}…`
        : `${plural(pendingChanges, 'unsaved change')} kept in this browser`;
  switch (state.phase) {
    case 'connected':
      return { connection: 'connected', saving, tone: pendingChanges === 0 ? 'ok' : 'busy' };
    case 'connecting':
    case 'syncing':
      return { connection: 'connecting…', saving, tone: 'busy' };
    case 'reconnecting': {
      const when = state.retryInMs === null ? '' : ` in ${Math.max(1, Math.round(state.retryInMs / 1000))} s`;
      return { connection: `reconnecting${when}`, saving, tone: 'warn' };
    }
    case 'offline':
      return { connection: 'offline', saving, tone: 'warn' };
    case 'stopped':
      return { connection: 'disconnected', saving, tone: 'bad' };
  }
}
