import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness } from 'y-protocols/awareness';
import {
  MalformedMessageError, decodeMessage, encodeAwareness, encodeQueryAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate,
} from '../../src/protocol/messages';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('content').insert(0, text);
  return doc;
}

describe('y-protocols messages', () => {
  it('frames sync step 1 exactly as y-protocols does', () => {
    const doc = docWith('hello');
    const reference = encoding.createEncoder();
    encoding.writeVarUint(reference, 0);
    syncProtocol.writeSyncStep1(reference, doc);
    expect(encodeSyncStep1(doc)).toEqual(encoding.toUint8Array(reference));
  });

  it('routes each message type', () => {
    const doc = docWith('hello');
    const step1 = decodeMessage(encodeSyncStep1(doc));
    expect(step1.kind).toBe('sync-step1');

    const step2 = decodeMessage(encodeSyncStep2(doc, new Uint8Array([0])));
    expect(step2.kind).toBe('sync-step2');
    const other = new Y.Doc();
    if (step2.kind === 'sync-step2') Y.applyUpdate(other, step2.update);
    expect(other.getText('content').toString()).toBe('hello');

    expect(decodeMessage(encodeUpdate(Y.encodeStateAsUpdate(doc))).kind).toBe('sync-update');
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ kind: 'query-awareness' });

    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Ada' });
    expect(decodeMessage(encodeAwareness(awareness, [doc.clientID])).kind).toBe('awareness');
  });

  it('reads the server auth message', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, 'read-only');
    expect(decodeMessage(encoding.toUint8Array(e))).toEqual({ kind: 'auth', reason: 'read-only' });
  });

  it('refuses unknown types, truncation and trailing bytes', () => {
    expect(() => decodeMessage(new Uint8Array([9]))).toThrow(MalformedMessageError);
    expect(() => decodeMessage(new Uint8Array([0, 7, 0]))).toThrow(/unknown sync type/);
    expect(() => decodeMessage(new Uint8Array([0, 0, 5, 1]))).toThrow(/truncated/);
    expect(() => decodeMessage(new Uint8Array([3, 0]))).toThrow(/trailing/);
    expect(() => decodeMessage(new Uint8Array([]))).toThrow(MalformedMessageError);
  });
});
