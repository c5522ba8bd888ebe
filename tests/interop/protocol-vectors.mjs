#!/usr/bin/env node
/**
 * protocol-vectors.mjs — y-protocols / y-websocket frames produced by the real packages
 * (yjs 13.6.33, y-protocols 1.0.7, lib0 0.2.120, pinned in package.json), for the C# tests in
 * tests/DraftPad.Crdt.Tests/Protocols/ (ProtocolInteropTests.cs).
 *
 * Usage (from tests/interop/):
 *   node protocol-vectors.mjs            writes ../DraftPad.Crdt.Tests/Protocols/vectors/protocol-vectors.json
 *   node protocol-vectors.mjs --check    fails if that file is not what this script produces
 *   node protocol-vectors.mjs --out FILE
 *
 * Deterministic: fixed client ids, no clock-dependent output (awareness timestamps are not
 * recorded; the 3 s timeout interval of each Awareness is cleared by destroy()).
 *
 * Output schema (all byte strings are lowercase hex without spaces):
 *   sync.frames[]        { name, ops, frame, kind, syncType, payload }
 *                        `ops` rebuilds the sending doc from scratch (see applyOps); `frame` is the
 *                        y-websocket frame (message type 0 • sync message). For step 2, `remoteOps`
 *                        rebuilds the doc whose state vector was answered.
 *   sync.updates         { ops, frames[] }  the `update` frames a doc emitted, one per op (transaction)
 *   sync.handshake       { serverOps, clientOps, clientStep1, serverReply, serverStep1, clientReply,
 *                          serverText, clientText }: replies computed by y-protocols' readSyncMessage
 *                          exactly as y-websocket's server does it
 *   awareness.encode[]   { name, clientId, setStates[] (JSON texts given to setLocalState in order, the
 *                          JS constructor's {} first), update (encodeAwarenessUpdate of [clientId]), frame }
 *   awareness.normalize[] { name, input (awareness update as received), output (re-encoded by a JS peer
 *                          after applyAwarenessUpdate), modified (modifyAwarenessUpdate, see below) }
 *   awareness.scenario   { clientId, steps[] }: a replay with the change/update events JS emitted,
 *                          encodeAwarenessUpdate of all live states (Map order) and of all known clients
 *   other                { queryAwareness, authDenied: { reason, frame } }
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as authProtocol from 'y-protocols/auth'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const outIndex = args.indexOf('--out')
const outFile = outIndex >= 0
  ? path.resolve(args[outIndex + 1])
  : path.join(here, '..', 'DraftPad.Crdt.Tests', 'Protocols', 'vectors', 'protocol-vectors.json')
const check = args.includes('--check')

const hex = (u8) => Buffer.from(u8).toString('hex')
const messageSync = 0
const messageAwareness = 1
const messageAuth = 2
const messageQueryAwareness = 3

/**
 * Document operations, shared with the C# side (ProtocolInteropTests.ApplyOps):
 *   ["text", root, index, string]          insert into Y.Text `root`
 *   ["delete", root, index, length]        delete from Y.Text `root`
 *   ["map", root, key, jsonValue]          Y.Map `root`.set(key, value)
 * Each op is one transaction.
 */
const applyOp = (doc, op) => {
  switch (op[0]) {
    case 'text': doc.getText(op[1]).insert(op[2], op[3]); break
    case 'delete': doc.getText(op[1]).delete(op[2], op[3]); break
    case 'map': doc.getMap(op[1]).set(op[2], op[3]); break
    default: throw new Error('unknown op ' + op[0])
  }
}
const makeDoc = (clientID, ops) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  for (const op of ops) applyOp(doc, op)
  return doc
}
const syncFrame = (write) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}
const describeSync = (frame) => {
  const decoder = decoding.createDecoder(frame)
  const kind = decoding.readVarUint(decoder)
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes')
  return { kind, syncType, payload: hex(payload) }
}

// ---------------------------------------------------------------- sync
const opsA = [
  ['text', 't', 0, 'hello'],
  ['text', 't', 5, ' wörld 😀'],
  ['map', 'm', 'k', 42],
  ['delete', 't', 0, 1],
  ['map', 'm', 'nested', { a: [1, 'x', null, true], b: 0.5 }]
]
const opsPartial = opsA.slice(0, 2)
const opsB = [['text', 't', 0, 'other '], ['map', 'm', 'who', 'b']]

const frames = []
const addStep1 = (name, clientID, ops) => {
  const doc = makeDoc(clientID, ops)
  const frame = syncFrame((e) => syncProtocol.writeSyncStep1(e, doc))
  frames.push({ name, clientId: clientID, ops, frame: hex(frame), ...describeSync(frame) })
}
const addStep2 = (name, clientID, ops, remoteClientID, remoteOps) => {
  const doc = makeDoc(clientID, ops)
  const remote = makeDoc(remoteClientID, remoteOps)
  const frame = syncFrame((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(remote)))
  frames.push({ name, clientId: clientID, ops, remoteClientId: remoteClientID, remoteOps, frame: hex(frame), ...describeSync(frame) })
}
addStep1('step1-empty', 1, [])
addStep1('step1-doc', 1, opsA)
addStep2('step2-empty-to-empty', 1, [], 2, [])
addStep2('step2-full', 1, opsA, 2, [])
addStep2('step2-diff', 1, opsA, 1, opsPartial)
addStep2('step2-other-client', 1, opsA, 2, opsB)

// Update frames: what a provider sends for each local transaction.
const updateDoc = new Y.Doc()
updateDoc.clientID = 1
const updateFrames = []
updateDoc.on('update', (update) => {
  updateFrames.push(hex(syncFrame((e) => syncProtocol.writeUpdate(e, update))))
})
for (const op of opsA) applyOp(updateDoc, op)
if (updateFrames.length !== opsA.length) throw new Error('expected one update per op')

// Handshake as y-websocket does it: client step 1 -> server replies step 2 (readSyncMessage),
// server sends its step 1 -> client replies step 2.
const handshake = (() => {
  const server = makeDoc(1, opsA)
  const client = makeDoc(2, opsB)
  const clientStep1 = syncFrame((e) => syncProtocol.writeSyncStep1(e, client))
  const answer = (doc, frame, origin) => {
    const decoder = decoding.createDecoder(frame)
    const encoder = encoding.createEncoder()
    if (decoding.readVarUint(decoder) !== messageSync) throw new Error('not sync')
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.readSyncMessage(decoder, encoder, doc, origin)
    return encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null
  }
  const serverReply = answer(server, clientStep1, 'client')
  answer(client, serverReply, 'server')
  const serverStep1 = syncFrame((e) => syncProtocol.writeSyncStep1(e, server))
  const clientReply = answer(client, serverStep1, 'server')
  answer(server, clientReply, 'client')
  const serverText = server.getText('t').toString()
  const clientText = client.getText('t').toString()
  if (serverText !== clientText) throw new Error('handshake did not converge')
  return {
    serverClientId: 1,
    serverOps: opsA,
    clientClientId: 2,
    clientOps: opsB,
    clientStep1: hex(clientStep1),
    serverReply: hex(serverReply),
    serverStep1: hex(serverStep1),
    clientReply: hex(clientReply),
    text: serverText,
    state: hex(Y.encodeStateAsUpdate(server))
  }
})()

// ---------------------------------------------------------------- awareness
const withAwareness = (clientID, fn) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const awareness = new awarenessProtocol.Awareness(doc)
  try {
    return fn(awareness)
  } finally {
    awareness.destroy()
    doc.destroy()
  }
}
const awarenessFrame = (update) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

const encodeCases = [
  ['spec-10.15', 7, ['{"user":{"name":"a"}}']],
  ['spec-10.15-removal', 7, ['{"user":{"name":"a"}}', 'null']],
  ['unicode', 8, ['{"user":{"name":"Zoë 😀 日本語","color":"#30bced"},"emoji":"👩‍👩‍👧"}']],
  ['nested', 9, ['{"user":{"name":"n","colorLight":"#30bced33"},"cursor":{"anchor":{"type":{"client":1,"clock":4},"tname":null,"item":{"client":1,"clock":5},"assoc":0},"head":{"type":null,"tname":"t","item":null,"assoc":-1}},"list":[[],[[{}]],1,-2.5,true,false,null]}']],
  ['numbers', 10, ['{"int":42,"neg":-7,"frac":0.1,"sum":0.30000000000000004,"big":1e21,"bigger":12345678901234567890,"tiny":1e-7,"small":0.000001,"negzero":-0,"exp":1.5E+3,"max":9007199254740993}']],
  ['key-order', 11, ['{"b":1,"a":2,"10":"ten","2":"two","-1":"neg","01":"lead","4294967295":"max","4294967294":"idx"}']],
  ['escapes', 12, ['{"s":"quote\\" backslash\\\\ slash/ nl\\n tab\\t cr\\r bs\\b ff\\f ctrl\\u0001\\u001f del\\u007f u2028\\u2028 lone\\ud800 pair\\ud83d\\ude00 \\u00e9"}']],
  ['whitespace-input', 13, [' { "a" : [ 1 , 2 ] ,\n\t"b" : { } } ']],
  ['scalar-states', 14, ['"just a string"', '[1,2,3]', '123', 'true']],
  ['falsy-states', 15, ['0', '""', 'false']],
  ['empty', 16, []]
]
const encode = encodeCases.map(([name, clientID, setStates]) => withAwareness(clientID, (awareness) => {
  for (const text of setStates) awareness.setLocalState(JSON.parse(text))
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID])
  return { name, clientId: clientID, setStates, update: hex(update), frame: hex(awarenessFrame(update)) }
}))

// Received updates with non-canonical JSON, applied by a JS peer and re-encoded.
const rawUpdate = (entries) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}
// The fixed modification used with modifyAwarenessUpdate (mirrored in C#): objects get
// "server":true added; every other state (including null) is left as it is.
const modify = (state) => (state !== null && typeof state === 'object' && !Array.isArray(state)) ? { ...state, server: true } : state
const normalizeCases = [
  ['whitespace-and-numbers', [[21, 3, ' {"n" : 1.0, "e": 1E2, "z": -0.0, "s":"\\u0041\\/"} ']]],
  ['duplicate-keys', [[22, 1, '{"a":1,"b":2,"a":3}']]],
  ['integer-keys', [[23, 1, '{"z":0,"5":"five","1":"one"}']]],
  ['lone-surrogate', [[24, 1, '{"s":"\\udc00x\\ud800"}']]],
  ['non-ascii-raw', [[25, 1, '{"name":"Ünïcödé ✓ 𝄞"}']]],
  ['several', [[26, 1, '{"a":1}'], [27, 2, 'null'], [28, 1, '[ ]'], [29, 5, '"str"']]],
  ['falsy-relayed', [[30, 1, '0'], [31, 1, '""'], [32, 1, 'false']]]
]
const normalize = normalizeCases.map(([name, entries]) => withAwareness(99, (awareness) => {
  const input = rawUpdate(entries)
  awarenessProtocol.applyAwarenessUpdate(awareness, input, 'remote')
  const output = awarenessProtocol.encodeAwarenessUpdate(awareness, entries.map(e => e[0]))
  const modified = awarenessProtocol.modifyAwarenessUpdate(input, modify)
  return { name, input: hex(input), output: hex(output), modified: hex(modified) }
}))

// A replay of the clock rules with the events JS emits.
const scenario = withAwareness(7, (awareness) => {
  const steps = []
  let events = []
  awareness.on('change', (c, origin) => events.push({ event: 'change', added: c.added, updated: c.updated, removed: c.removed, origin }))
  awareness.on('update', (c, origin) => events.push({ event: 'update', added: c.added, updated: c.updated, removed: c.removed, origin }))
  const record = (step) => {
    steps.push({
      ...step,
      events,
      states: hex(awarenessProtocol.encodeAwarenessUpdate(awareness, Array.from(awareness.getStates().keys()))),
      meta: hex(awarenessProtocol.encodeAwarenessUpdate(awareness, Array.from(awareness.meta.keys()))),
      localState: JSON.stringify(awareness.getLocalState())
    })
    events = []
  }
  const setLocal = (json) => { awareness.setLocalState(JSON.parse(json)); record({ op: 'setLocal', json }) }
  const setField = (field, json) => { awareness.setLocalStateField(field, JSON.parse(json)); record({ op: 'setLocalField', field, json }) }
  const apply = (entries, origin) => {
    const update = rawUpdate(entries)
    awarenessProtocol.applyAwarenessUpdate(awareness, update, origin)
    record({ op: 'apply', update: hex(update), origin })
  }
  const remove = (clients, origin) => { awarenessProtocol.removeAwarenessStates(awareness, clients, origin); record({ op: 'remove', clients, origin }) }

  setLocal('{"user":{"name":"a"}}')
  apply([[9, 0, '{"x":0}']], 'c1') // unknown peer at clock 0: ignored (an unknown clock counts as 0)
  apply([[9, 1, '{"x":1}']], 'c1') // new peer: added
  apply([[9, 1, '{"x":2}']], 'c1') // same clock, not null: ignored
  apply([[9, 2, '{"x":1}']], 'c1') // newer clock, same content: update event only
  apply([[9, 2, 'null']], 'c2') // same clock, null, state held: removed
  apply([[9, 2, 'null']], 'c2') // again: nothing held, ignored
  apply([[9, 3, '{"x":3}']], 'c1') // back after removal: reported as updated, not added
  apply([[7, 1, 'null']], 'evil') // remote removal of our live state: refused, clock bumped
  apply([[7, 5, '{"user":{"name":"impostor"}}']], 'evil') // a remote state for our id with a newer clock is applied
  apply([[11, 5, 'null']], 'c3') // unknown client removed: clock recorded, no event
  apply([[11, 5, '{"y":1}']], 'c3') // same clock: ignored
  apply([[11, 6, '{"y":1}']], 'c3') // known meta: updated, not added
  apply([[12, 1, '{"z":"é"}'], [9, 4, '{"x":3}'], [13, 1, '0'], [14, 2, 'null'], [12, 2, '{"z":"e"}']], 'c4')
  apply([[13, 1, 'null']], 'c4') // falsy state held: equal clock null removes it
  remove([9, 99, 12], 'close')
  setField('cursor', '{"anchor":1}')
  setField('cursor', 'null')
  setLocal('{"user":{"name":"a"}}') // same content again: update, no change
  setLocal('[1,2]')
  setField('f', '"v"') // spreads the array
  setLocal('"ab"')
  setField('f', '1') // spreads the string
  setLocal('0') // falsy local state: encodes as null, getLocalState() is null
  setField('f', '2') // no-op on a falsy state
  apply([[7, awareness.meta.get(7).clock, 'null']], 'evil') // no live (truthy) state: removal applies
  setLocal('{"back":true}')
  remove([7], 'bye') // our own state: clock bumped
  setLocal('null') // nothing to remove: still an update event
  apply([[9, 9, '{"x":"again"}'], [12, 3, '{"z":1}']], 'c5') // re-inserted keys go to the end (Map order)
  return { clientId: 7, initialState: '{}', steps }
})

const queryAwareness = (() => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageQueryAwareness)
  return hex(encoding.toUint8Array(encoder))
})()
const authDenied = ['no access', 'Zugriff verweigert ✋', ''].map((reason) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAuth)
  authProtocol.writePermissionDenied(encoder, reason)
  const frame = encoding.toUint8Array(encoder)
  let read = null
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  authProtocol.readAuthMessage(decoder, null, (_, r) => { read = r })
  if (read !== reason) throw new Error('auth round trip')
  return { reason, frame: hex(frame) }
})

const result = {
  generator: 'tests/interop/protocol-vectors.mjs',
  versions: {
    yjs: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/yjs/package.json'), 'utf8')).version,
    'y-protocols': JSON.parse(fs.readFileSync(path.join(here, 'node_modules/y-protocols/package.json'), 'utf8')).version,
    lib0: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/lib0/package.json'), 'utf8')).version
  },
  sync: { frames, updates: { clientId: 1, ops: opsA, frames: updateFrames }, handshake },
  awareness: { encode, normalize, scenario },
  other: { queryAwareness, authDenied }
}

// Spec vectors 10.14 and 10.15 must come out of the real packages.
const byName = (list, name) => list.find((x) => x.name === name)
const assertEq = (a, b, what) => { if (a !== b) throw new Error(`${what}: ${a} !== ${b}`) }
assertEq(byName(frames, 'step1-empty').frame, '00000100', 'spec 10.14 step 1')
assertEq(byName(frames, 'step2-empty-to-empty').frame, '0001020000', 'spec 10.14 step 2')
assertEq(byName(encode, 'spec-10.15').update, '010701157b2275736572223a7b226e616d65223a2261227d7d', 'spec 10.15')
assertEq(byName(encode, 'spec-10.15-removal').update, '010702046e756c6c', 'spec 10.15 removal')

const text = JSON.stringify(result, null, 1) + '\n'
if (check) {
  const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : ''
  if (current !== text) {
    console.error(`${outFile} is out of date; run node protocol-vectors.mjs`)
    process.exit(1)
  }
  console.log(`${outFile} is up to date`)
} else {
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, text)
  console.log(`wrote ${outFile}`)
}
