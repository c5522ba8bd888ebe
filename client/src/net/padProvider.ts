// Connects one Y.Doc to one pad of the hub (docs/protocol.md): join, sync step 1 both ways,
// one Send per (batched) local change, awareness relay, and its own reconnect loop with
// backoff and jitter. It is the browser's only channel to the pad: everything goes through
// Join/Leave/Send/Receive, plus the Diagnostics/ApplyFix lint methods.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import { describeStatus, initialConnectionState, reduceConnection, type ConnectionEvent, type ConnectionState, type StatusLabel } from './connectionState';
import { classifyFailure, refusalReason } from './hubErrors';
import type { HubFactory, HubLike } from './hub';
import { SaveTracker } from './saveTracker';
import { decodeMessage, encodeAwareness, encodeQueryAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../protocol/messages';
import { parseDiagnostics, type DiagnosticsDocument } from '../lint/diagnostics';

export interface PadProviderOptions {
  padId: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  hubFactory: HubFactory;
  backoff?: BackoffOptions;
  /** Least time between two update Sends: keeps fast typing under the server's rate limit. */
  updateIntervalMs?: number;
  /** Least time between two awareness Sends (cursor moves are frequent and cheap to coalesce). */
  awarenessIntervalMs?: number;
  /** Delay before sending again a change the server could not take yet (rate limit, storage). */
  retryDelayMs?: number;
}

export interface ProviderSnapshot {
  connection: ConnectionState;
  pendingChanges: number;
  label: StatusLabel;
  /** The last refusal of a change or of the join, until the next successful sync. */
  refusal: string | null;
}

interface Queued {
  seq: number;
  update: Uint8Array;
}

type Listener<T> = (value: T) => void;

/** Binary arrives as Uint8Array with MessagePack and as base64 with the JSON protocol. */
function toBytes(message: unknown): Uint8Array {
  if (message instanceof Uint8Array) return message;
  if (typeof message === 'string') return Uint8Array.from(atob(message), (c) => c.charCodeAt(0));
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  throw new Error('Receive: message is not binary');
}

export class PadProvider {
  readonly padId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly hubFactory: HubFactory;
  private readonly backoff: BackoffOptions;
  private readonly updateIntervalMs: number;
  private readonly awarenessIntervalMs: number;
  private readonly retryDelayMs: number;

  private state: ConnectionState = initialConnectionState;
  private readonly tracker = new SaveTracker();
  private refusal: string | null = null;
  /** Bumped per connection attempt; callbacks of older attempts are ignored. */
  private generation = 0;
  private hub: HubLike | null = null;
  /** True once our step 2 went out on this connection: from then on updates go one by one. */
  private canSendUpdates = false;
  private queue: Queued[] = [];
  private updateInFlight = false;
  private lastUpdateSentAt = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAwarenessSentAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  private readonly statusListeners = new Set<Listener<ProviderSnapshot>>();
  private readonly diagnosticsListeners = new Set<Listener<DiagnosticsDocument>>();

  constructor(options: PadProviderOptions) {
    this.padId = options.padId;
    this.doc = options.doc;
    this.awareness = options.awareness;
    this.hubFactory = options.hubFactory;
    this.backoff = options.backoff ?? defaultBackoff;
    this.updateIntervalMs = options.updateIntervalMs ?? 25;
    this.awarenessIntervalMs = options.awarenessIntervalMs ?? 100;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  // ---- public surface -------------------------------------------------------------------

  start(): void {
    void this.connect();
  }

  /** Drops the current connection and connects again now (e.g. after the token changed). */
  restart(): void {
    if (this.destroyed) return;
    this.clearRetry();
    this.refusal = null;
    this.dispose(this.hub);
    this.dispatch({ type: 'start' });
    void this.connect();
  }

  /** The browser's online/offline events: no point retrying while the network is down. */
  setBrowserOnline(online: boolean): void {
    if (this.destroyed) return;
    if (online) {
      this.dispatch({ type: 'browser-online' });
      if (this.state.phase === 'reconnecting') this.restart();
    } else {
      this.clearRetry();
      this.dispatch({ type: 'browser-offline' });
      this.dispose(this.hub);
    }
  }

  /** Asks the server to apply the autofix of one finding; rejects with the server's reason. */
  async applyFix(ruleId: string, offset: number): Promise<void> {
    const hub = this.hub;
    if (!hub || !this.canSendUpdates) throw new Error('Not connected: the fix can be applied once the pad is back online.');
    try {
      await hub.invoke('ApplyFix', this.padId, ruleId, offset);
    } catch (e) {
      throw new Error(refusalReason(e) ?? (e instanceof Error ? e.message : String(e)));
    }
  }

  snapshot(): ProviderSnapshot {
    return {
      connection: this.state,
      pendingChanges: this.tracker.pending,
      label: describeStatus(this.state, this.tracker.pending),
      refusal: this.refusal,
    };
  }

  onStatus(listener: Listener<ProviderSnapshot>): () => void {
    this.statusListeners.add(listener);
    listener(this.snapshot());
    return () => this.statusListeners.delete(listener);
  }

  onDiagnostics(listener: Listener<DiagnosticsDocument>): () => void {
    this.diagnosticsListeners.add(listener);
    return () => this.diagnosticsListeners.delete(listener);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearRetry();
    for (const timer of [this.flushTimer, this.awarenessTimer]) if (timer !== null) clearTimeout(timer);
    this.flushTimer = this.awarenessTimer = null;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.dispatch({ type: 'stop' });
    // Leave (or the disconnect) makes the server remove our presence for the others; sending
    // an awareness removal as well would race with the Leave and be refused.
    const hub = this.hub;
    if (hub && this.canSendUpdates) void hub.invoke('Leave', this.padId).catch(() => undefined).finally(() => this.dispose(hub));
    else this.dispose(hub);
  }

  // ---- connection loop ------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.destroyed) return;
    const generation = ++this.generation;
    const hub = this.hubFactory();
    this.hub = hub;
    this.canSendUpdates = false;
    this.updateInFlight = false;
    // Whatever was queued is carried by the step 2 this connection will send.
    this.queue = [];
    const current = (): boolean => generation === this.generation && !this.destroyed;

    // Handlers before Join: the welcome arrives before Join completes.
    hub.on('Receive', (padId: string, message: unknown) => {
      if (current() && padId === this.padId) this.receive(hub, toBytes(message));
    });
    hub.on('Diagnostics', (padId: string, json: string) => {
      if (current() && padId === this.padId) this.diagnostics(json);
    });
    hub.onclose((error) => {
      if (current()) this.lost(error?.message ?? 'the connection closed');
    });

    try {
      await hub.start();
      if (!current()) return void hub.stop();
      await hub.invoke('Join', this.padId);
    } catch (e) {
      if (!current()) return;
      this.dispose(hub);
      const reason = refusalReason(e);
      const message = e instanceof Error ? e.message : String(e);
      if (reason !== null) return this.fatal(`The server refused to open pad ${this.padId}: ${reason}`);
      if (/\b401\b|Unauthorized/i.test(message)) return this.fatal('The server refused the access token: correct or clear it in the maintainer panel.');
      return this.lost(message);
    }
    if (!current()) return;
    this.dispatch({ type: 'joined' });
    // Our state vector: the server answers with what we lack (a sync step 2).
    this.sendRaw(hub, encodeSyncStep1(this.doc));
    this.sendAwareness(hub);
  }

  private lost(error: string): void {
    this.canSendUpdates = false;
    this.removeRemotePresence();
    this.dispatch({ type: 'lost', error });
    this.scheduleRetry();
  }

  private fatal(reason: string): void {
    this.refusal = reason;
    this.dispatch({ type: 'stop' });
  }

  private scheduleRetry(): void {
    if (this.state.phase !== 'reconnecting' || this.destroyed) return;
    this.clearRetry();
    const delay = backoffDelay(this.state.attempt - 1, this.backoff);
    this.dispatch({ type: 'retry-scheduled', delayMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.dispatch({ type: 'start' });
      void this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Stops a connection without its close counting as a loss (its generation is retired). */
  private dispose(hub: HubLike | null): void {
    if (!hub) return;
    if (hub === this.hub) {
      this.generation++;
      this.hub = null;
      this.canSendUpdates = false;
      this.removeRemotePresence();
    }
    void hub.stop().catch(() => undefined);
  }

  // ---- incoming -------------------------------------------------------------------------

  private receive(hub: HubLike, bytes: Uint8Array): void {
    const message = decodeMessage(bytes);
    switch (message.kind) {
      case 'sync-step1': {
        // Answer with everything the server lacks: it carries every change made so far,
        // offline ones included, so its acknowledgement covers them all.
        const covered = this.tracker.latest;
        this.queue = [];
        this.sendRaw(hub, encodeSyncStep2(this.doc, message.stateVector), () => this.tracker.acknowledgedUpTo(covered));
        this.canSendUpdates = true;
        break;
      }
      case 'sync-step2':
        Y.applyUpdate(this.doc, message.update, this);
        this.refusal = null;
        this.dispatch({ type: 'synced' });
        this.scheduleFlush();
        break;
      case 'sync-update':
        Y.applyUpdate(this.doc, message.update, this);
        break;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, this);
        break;
      case 'query-awareness':
        this.sendAwareness(hub);
        break;
      case 'auth':
        this.refusal = message.reason;
        this.emitStatus();
        break;
    }
  }

  private diagnostics(json: string): void {
    let parsed: DiagnosticsDocument;
    try {
      parsed = parseDiagnostics(json);
    } catch {
      return; // a broken lint document must not break editing
    }
    for (const listener of this.diagnosticsListeners) listener(parsed);
  }

  // ---- outgoing -------------------------------------------------------------------------

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return; // came from the server
    const seq = this.tracker.change();
    if (this.canSendUpdates) {
      this.queue.push({ seq, update });
      this.scheduleFlush();
    }
    this.emitStatus();
  };

  private scheduleFlush(delay = 0): void {
    if (this.flushTimer !== null || this.queue.length === 0) return;
    const wait = Math.max(delay, this.lastUpdateSentAt + this.updateIntervalMs - Date.now(), 0);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, wait);
  }

  /** Sends everything queued as one merged update; one update Send in flight at a time. */
  private flush(): void {
    const hub = this.hub;
    if (!hub || !this.canSendUpdates || this.updateInFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((q) => q.update));
    const generation = this.generation;
    this.updateInFlight = true;
    this.lastUpdateSentAt = Date.now();
    hub.invoke('Send', this.padId, encodeUpdate(update)).then(
      () => {
        this.tracker.acknowledged(batch.map((q) => q.seq));
        if (generation !== this.generation) return;
        this.updateInFlight = false;
        this.scheduleFlush();
        this.emitStatus();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.updateInFlight = false;
        this.sendFailed(error, batch);
      },
    );
  }

  private sendFailed(error: unknown, batch: Queued[]): void {
    const failure = classifyFailure(error);
    switch (failure.action) {
      case 'connection':
        return; // onclose follows; the next connection's step 2 carries the batch
      case 'retry':
        this.queue = [...batch, ...this.queue];
        this.scheduleFlush(this.retryDelayMs);
        return;
      case 'resync':
        this.restart();
        return;
      case 'refused':
        // Not applied and never will be as is: the change stays unsaved and the user is told why.
        this.refusal = failure.reason;
        this.scheduleFlush();
        this.emitStatus();
        return;
    }
  }

  /** A message whose failure is handled by the reconnect (sync, awareness); `onAck` runs when it is acknowledged. */
  private sendRaw(hub: HubLike, message: Uint8Array, onAck?: () => void): void {
    hub.invoke('Send', this.padId, message).then(
      () => {
        onAck?.();
        this.emitStatus();
      },
      (error: unknown) => {
        if (this.destroyed) return;
        const failure = classifyFailure(error);
        if (failure.action === 'refused') {
          this.refusal = failure.reason;
          this.emitStatus();
        } else if (failure.action === 'resync' && hub === this.hub) {
          this.restart();
        } else if (failure.action === 'retry' && onAck && hub === this.hub) {
          // A sync message dropped by the rate limiter: sync again from scratch.
          setTimeout(() => hub === this.hub && this.restart(), this.retryDelayMs);
        }
      },
    );
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this || this.destroyed) return;
    const mine = this.doc.clientID;
    if (![...change.added, ...change.updated, ...change.removed].includes(mine)) return;
    if (this.awarenessTimer !== null) return;
    const wait = Math.max(0, this.lastAwarenessSentAt + this.awarenessIntervalMs - Date.now());
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      if (this.hub && this.state.phase !== 'offline') this.sendAwareness(this.hub);
    }, wait);
  };

  private sendAwareness(hub: HubLike): void {
    this.lastAwarenessSentAt = Date.now();
    this.sendRaw(hub, encodeAwareness(this.awareness, [this.doc.clientID]));
  }

  /** Asks the server for every presence (the UI's "refresh" of the user list). */
  queryAwareness(): void {
    if (this.hub && this.canSendUpdates) this.sendRaw(this.hub, encodeQueryAwareness());
  }

  private removeRemotePresence(): void {
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    if (others.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
  }

  // ---- status ---------------------------------------------------------------------------

  private dispatch(event: ConnectionEvent): void {
    const next = reduceConnection(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.emitStatus();
  }

  private emitStatus(): void {
    const snapshot = this.snapshot();
    for (const listener of this.statusListeners) listener(snapshot);
  }
}
