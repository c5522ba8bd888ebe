// An in-memory stand-in for the pad hub, just enough of docs/protocol.md to drive the
// provider: Join sends sync step 1 (and presence), Send acknowledges after applying,
// updates are relayed to the other joined connections, and the server can go down.
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { HubLike } from '../../src/net/hub';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2 } from '../../src/protocol/messages';
import * as encoding from 'lib0/encoding';

type Handler = (...args: any[]) => void;

export class FakePadServer {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  up = true;
  /** Every Send, in order, for assertions. */
  readonly sends: { hub: FakeHub; kind: string }[] = [];
  readonly hubs = new Set<FakeHub>();
  /** Makes the next Send fail with this reason (as a HubException). */
  refuseNext: string | null = null;

  constructor(readonly padId = '2026-11') {
    this.awareness.setLocalState(null);
  }

  connect(): FakeHub {
    return new FakeHub(this);
  }

  /** The server process dies: every connection closes, new ones fail until `revive`. */
  kill(): void {
    this.up = false;
    for (const hub of [...this.hubs]) hub.drop(new Error('WebSocket closed with status code: 1006'));
  }

  revive(): void {
    this.up = true;
  }

  relay(from: FakeHub, message: Uint8Array): void {
    for (const hub of this.hubs) if (hub !== from && hub.joined) hub.emit('Receive', this.padId, message);
  }
}

const awarenessMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

export class FakeHub implements HubLike {
  private readonly handlers = new Map<string, Handler>();
  private closeCallbacks: ((error?: Error) => void)[] = [];
  joined = false;
  connected = false;

  constructor(private readonly server: FakePadServer) {}

  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  onclose(callback: (error?: Error) => void): void {
    this.closeCallbacks.push(callback);
  }

  emit(method: string, ...args: unknown[]): void {
    this.handlers.get(method)?.(...args);
  }

  async start(): Promise<void> {
    await Promise.resolve();
    if (!this.server.up) throw new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch');
    this.connected = true;
    this.server.hubs.add(this);
  }

  async stop(): Promise<void> {
    if (this.connected) this.drop();
  }

  drop(error?: Error): void {
    this.connected = false;
    this.joined = false;
    this.server.hubs.delete(this);
    for (const callback of this.closeCallbacks) callback(error);
  }

  async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    await Promise.resolve();
    if (!this.connected) throw new Error("Cannot send data if the connection is not in the 'Connected' State.");
    const refusal = this.server.refuseNext;
    if (refusal && method === 'Send') {
      this.server.refuseNext = null;
      throw new Error(`An unexpected error occurred invoking 'Send' on the server. HubException: ${refusal}`);
    }
    switch (method) {
      case 'Join':
        this.joined = true;
        this.emit('Receive', this.server.padId, encodeSyncStep1(this.server.doc));
        if (this.server.awareness.getStates().size > 0) {
          this.emit('Receive', this.server.padId, awarenessMessage(encodeAwarenessUpdate(this.server.awareness, [...this.server.awareness.getStates().keys()])));
        }
        this.emit('Diagnostics', this.server.padId, JSON.stringify({ padId: this.server.padId, diagnostics: [] }));
        return null;
      case 'Send':
        return this.handleSend(args[1] as Uint8Array);
      case 'Leave':
        this.joined = false;
        return null;
      case 'ApplyFix':
        throw new Error(`An unexpected error occurred invoking 'ApplyFix' on the server. HubException: No fixable ${String(args[1])} finding at offset ${String(args[2])} any more; the text changed meanwhile.`);
      default:
        throw new Error(`unknown method ${method}`);
    }
  }

  private handleSend(bytes: Uint8Array): null {
    const message = decodeMessage(bytes);
    this.server.sends.push({ hub: this, kind: message.kind });
    switch (message.kind) {
      case 'sync-step1':
        this.emit('Receive', this.server.padId, encodeSyncStep2(this.server.doc, message.stateVector));
        break;
      case 'sync-step2':
      case 'sync-update': {
        Y.applyUpdate(this.server.doc, message.update);
        const relayed = encoding.createEncoder();
        encoding.writeVarUint(relayed, 0);
        encoding.writeVarUint(relayed, 2);
        encoding.writeVarUint8Array(relayed, message.update);
        this.server.relay(this, encoding.toUint8Array(relayed));
        break;
      }
      case 'awareness':
        applyAwarenessUpdate(this.server.awareness, message.update, this);
        this.server.relay(this, bytes);
        break;
      default:
        break;
    }
    return null;
  }
}
