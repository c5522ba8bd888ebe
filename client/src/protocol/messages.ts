// y-protocols messages exactly as docs/protocol.md frames them: one message per
// Send/Receive, `varUint messageType • payload`. Decoding into a tagged union keeps the
// provider's routing a plain switch that unit tests can drive without a server.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type PadMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'auth'; reason: string }
  | { kind: 'query-awareness' };

/** Thrown for bytes that are not one well-formed message (the server never sends those). */
export class MalformedMessageError extends Error {}

export function decodeMessage(bytes: Uint8Array): PadMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    let message: PadMessage;
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const data = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.step1) message = { kind: 'sync-step1', stateVector: data };
        else if (syncType === SyncType.step2) message = { kind: 'sync-step2', update: data };
        else if (syncType === SyncType.update) message = { kind: 'sync-update', update: data };
        else throw new MalformedMessageError(`unknown sync type ${syncType}`);
        break;
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.auth: {
        decoding.readVarUint(decoder); // 0 = permission denied, the only auth type
        message = { kind: 'auth', reason: decoding.readVarString(decoder) };
        break;
      }
      case MessageType.queryAwareness:
        message = { kind: 'query-awareness' };
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
    return message;
  } catch (e) {
    if (e instanceof MalformedMessageError) throw e;
    throw new MalformedMessageError(`truncated message: ${(e as Error).message}`);
  }
}

function syncMessage(syncType: number, data: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, data);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector, so the server answers with what we lack. */
export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array => syncMessage(SyncType.step1, Y.encodeStateVector(doc));

/** Sync step 2: everything the holder of `stateVector` lacks. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array =>
  syncMessage(SyncType.step2, Y.encodeStateAsUpdate(doc, stateVector));

/** One (possibly merged) local change. */
export const encodeUpdate = (update: Uint8Array): Uint8Array => syncMessage(SyncType.update, update);

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function encodeQueryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.queryAwareness);
  return encoding.toUint8Array(encoder);
}
