#!/usr/bin/env node
/**
 * yjs-peer.mjs — a long-running real-Yjs process driven by the C# differential tests.
 *
 *   node yjs-peer.mjs            (run from tests/interop/ after `npm ci`)
 *
 * PROTOCOL
 * --------
 * stdin: one JSON command per line (UTF-8, '\n'-terminated; blank lines are ignored).
 * stdout: exactly one JSON line per command, in order:
 *   {"ok":true, ...results}   or   {"ok":false,"error":"message", ...}
 * If a command carries an "id" (any JSON value) the response echoes it as "id".
 * The process never exits on a bad command; it exits 0 when stdin closes.
 * Nothing else is written to stdout (diagnostics, if any, go to stderr).
 * Binary payloads are standard base64 strings (with padding). State vectors
 * are always in the V1 state-vector encoding (Y.encodeStateVector).
 *
 * Peers are Y.Doc instances addressed by an integer "peer" id.
 *
 *   {"cmd":"new","peer":P,"client":C,"gc":true}
 *       Create a Y.Doc({gc}) (gc defaults to true) and set doc.clientID = C
 *       (integer 0..2^53-1). Error if peer P exists. → {"ok":true}
 *   {"cmd":"op","peer":P,"op":OP}
 *       Run OP inside one doc.transact(...) (origin null, i.e. local).
 *       → {"ok":true,"updates":[b64 V1...],"updatesV2":[b64 V2...]}
 *       = the payloads of every `update` / `updateV2` event P emitted while the
 *       command ran (0 if nothing changed, usually 1). On error the response is
 *       {"ok":false,"error":...,"updates":[...],"updatesV2":[...]} — parts of OP
 *       that ran before the error stay applied and their updates are listed.
 *       If Yjs changed the doc's clientID during the command (it does so when a
 *       received update contains the doc's own client id with clocks it did not
 *       produce — spec 7.6), the response also has "clientChanged": newClientId
 *       (random, so the differential test should avoid such collisions).
 *   {"cmd":"apply","peer":P,"update":b64,"v2":false}
 *       Y.applyUpdate (or applyUpdateV2 when v2 is true). Same response shape as
 *       "op". Applying a remote change to formatted text can make Yjs run a
 *       cleanup transaction, i.e. a second (delete-only) update event.
 *   {"cmd":"state","peer":P,"sv":b64|null}
 *       → {"ok":true,"v1":b64,"v2":b64,"sv":b64,"client":C,"pending":{"structs":bool,"deleteSet":bool}}
 *       v1 = Y.encodeStateAsUpdate(doc, sv), v2 = Y.encodeStateAsUpdateV2(doc, sv)
 *       (sv omitted/null = full state), sv = Y.encodeStateVector(doc).
 *   {"cmd":"content","peer":P,"roots":[{"root":"text","kind":"text"},{"root":"m","kind":"map"},...]}
 *       → {"ok":true,"content":{<root name>: rendering}} (canonical form below).
 *       kind ∈ text|map|array|xml (getText/getMap/getArray/getXmlFragment);
 *       accessing a root with a different kind than before is an error (Yjs rule).
 *   {"cmd":"snapshot","peer":P}
 *       → {"ok":true,"snapshot":b64 (Y.encodeSnapshot(Y.snapshot(doc))),"snapshotV2":b64}
 *   {"cmd":"snapshotContent","peer":P,"snapshot":b64 (V1 snapshot),"roots":[...]}
 *       → {"ok":true,"content":{...}} of Y.createDocFromSnapshot(doc, snapshot)
 *       (the peer must be gc:false).
 *   {"cmd":"merge","updates":[b64...],"v2":false}        → {"ok":true,"update":b64}  (Y.mergeUpdates[V2])
 *   {"cmd":"diff","update":b64,"sv":b64,"v2":false}       → {"ok":true,"update":b64}  (Y.diffUpdate[V2])
 *   {"cmd":"svFromUpdate","update":b64,"v2":false}        → {"ok":true,"sv":b64}      (Y.encodeStateVectorFromUpdate[V2])
 *   {"cmd":"convert","update":b64,"to":"v2"|"v1"}         → {"ok":true,"update":b64}  (Y.convertUpdateFormatV1ToV2 / V2ToV1)
 *   {"cmd":"destroy","peer":P}                            → {"ok":true}  (doc.destroy(), id freed)
 *   {"cmd":"reset"}                                       → {"ok":true}  (destroy all peers)
 *   {"cmd":"ping"}                                        → {"ok":true,"yjs":"13.6.33","lib0":"0.2.120"}
 *
 * OP (every op has "type" and "target" except batch):
 *   target T = {"root":NAME,"kind":"text"|"map"|"array"|"xml","path":[steps...]}
 *     path (optional, default []) walks into nested types: a string step is a
 *     map key (Y.Map/Y.XmlHook .get(key)), a number step an index (Y.Array /
 *     Y.XmlFragment / Y.XmlElement .get(i)). The result must be a Yjs type.
 *   {"type":"insertText","target":T,"index":i,"text":s,"attrs":{...}|null}
 *       attrs null/absent → text.insert(i, s): the text INHERITS the formatting
 *       at that position (Yjs rule); attrs {} → explicitly unformatted.
 *   {"type":"insertEmbed","target":T,"index":i,"embed":V,"attrs":{...}|null}
 *       V is an object (JSON embed) or a type escape ({"$type":"text"} etc.).
 *   {"type":"deleteText","target":T,"index":i,"length":n}
 *   {"type":"format","target":T,"index":i,"length":n,"attrs":{...}}   (null value removes)
 *   {"type":"applyDelta","target":T,"delta":[{"insert":X,"attributes":{}}|{"retain":n,"attributes":{}}|{"delete":n}],"sanitize":true}
 *   {"type":"mapSet","target":T,"key":k,"value":V}
 *   {"type":"mapDelete","target":T,"key":k}
 *   {"type":"arrayInsert","target":T,"index":i,"values":[V...]}
 *   {"type":"arrayDelete","target":T,"index":i,"length":n}
 *   {"type":"xmlInsert","target":T,"index":i,"nodes":[V...]}    (T: XmlFragment/XmlElement; V: xml type escapes)
 *   {"type":"xmlDelete","target":T,"index":i,"length":n}
 *   {"type":"setAttribute","target":T,"key":k,"value":V}       (T: XmlElement)
 *   {"type":"removeAttribute","target":T,"key":k}
 *   {"type":"batch","ops":[OP...]}                              (all in the same transaction)
 *   Text ops also work on Y.XmlText (it is a Y.Text).
 *
 * VALUES V (input): plain JSON, except objects carrying one of these keys:
 *   {"$type":"text","init":"abc"?}          new Y.Text (optional prelim content)
 *   {"$type":"map","entries":{k:V}?}        new Y.Map (optional prelim entries)
 *   {"$type":"array","items":[V...]?}       new Y.Array (optional prelim items)
 *   {"$type":"xmlText","init":"abc"?}       new Y.XmlText
 *   {"$type":"xmlElement","name":"p"}       new Y.XmlElement(name)
 *   {"$type":"xmlFragment"}                 new Y.XmlFragment
 *   {"$type":"xmlHook","name":"h"}          new Y.XmlHook(name)
 *   {"$type":"doc","guid":"g1","gc":b?,"autoLoad":b?,"meta":V?}   new Y.Doc(opts) (sub-document)
 *   {"$bytes":"base64"}                     Uint8Array
 *   {"$undefined":true}                     undefined
 *   {"$bigint":"123"}                       BigInt
 *   {"$number":"-0"|"NaN"|"Infinity"|"-Infinity"}  the JS number
 *   Escapes apply recursively inside arrays/objects. JSON numbers are JS doubles
 *   (integers beyond 2^53 lose precision: use $bigint or $number).
 *
 * CANONICAL CONTENT (output of "content"/"snapshotContent"; implemented in canonical.mjs):
 *   root text  → {"delta": DELTA}
 *   root map   → {key: R, ...}                 (keys sorted, ordinal UTF-16 order)
 *   root array → [R, ...]
 *   root xml   → {"string": fragment.toString(), "children": [R, ...]}
 *   DELTA = toDelta() as [{"insert": X} | {"insert": X, "attributes": {k: R}}]
 *     ("attributes" omitted when empty; X = string, or R for embeds / embedded types)
 *   R (rendered value):
 *     null, booleans, strings, finite numbers (except -0) → as JSON
 *     -0 / NaN / ±Infinity → {"$number":"-0"|"NaN"|"Infinity"|"-Infinity"}
 *     BigInt → {"$bigint":"<decimal>"};  undefined → {"$undefined":true}
 *     Uint8Array → {"$bytes":"<base64>"}
 *     JS array → [R...];  plain object → {k: R} with sorted keys
 *     Y.Text → {"$text": DELTA};  Y.Map → {"$map": {k: R}};  Y.Array → {"$array": [R...]}
 *     Y.XmlText → {"$xmlText": DELTA}
 *     Y.XmlElement → {"$xmlElement": {"name": s, "attrs": {k: R}, "children": [R...]}}
 *     Y.XmlFragment → {"$xmlFragment": [R...]};  Y.XmlHook → {"$xmlHook": {"name": s, "map": {k: R}}}
 *     sub-document Y.Doc → {"$doc": {"guid": s}}
 *   Objects are printed with sorted keys; compare structurally.
 *
 * Example session:
 *   > {"cmd":"new","peer":1,"client":1}
 *   < {"ok":true}
 *   > {"cmd":"op","peer":1,"op":{"type":"insertText","target":{"root":"t","kind":"text"},"index":0,"text":"ab"}}
 *   < {"ok":true,"updates":["AQEBAAQBAXQCYWIA"],"updatesV2":["AAABAQAAAQQGA3RhYgECAQEAAAEBAAA="]}
 *   > {"cmd":"content","peer":1,"roots":[{"root":"t","kind":"text"}]}
 *   < {"ok":true,"content":{"t":{"delta":[{"insert":"ab"}]}}}
 */
import * as Y from 'yjs'
import * as readline from 'node:readline'
import * as fs from 'node:fs'
import { b64, fromB64, getRoot, renderRoot } from './canonical.mjs'

const pkgVersion = (name) => {
  try {
    return JSON.parse(fs.readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version
  } catch {
    return null
  }
}
const VERSIONS = { yjs: pkgVersion('yjs'), lib0: pkgVersion('lib0') }

class CmdError extends Error {}
const fail = (msg) => { throw new CmdError(msg) }

/** @type {Map<number, {doc: Y.Doc, v1: Uint8Array[], v2: Uint8Array[]}>} */
const peers = new Map()

const isInt = (n) => Number.isSafeInteger(n)
const needInt = (o, k, min = 0) => {
  const v = o[k]
  if (!isInt(v) || v < min) fail(`"${k}" must be an integer >= ${min}`)
  return v
}
const needString = (o, k) => {
  if (typeof o[k] !== 'string') fail(`"${k}" must be a string`)
  return o[k]
}
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

const getPeer = (cmd) => {
  const id = cmd.peer
  if (!isInt(id)) fail('"peer" must be an integer')
  const p = peers.get(id)
  if (!p) fail(`unknown peer ${id}`)
  return p
}

// ---------------------------------------------------------------------------
// values
// ---------------------------------------------------------------------------

const NUMBERS = { '-0': -0, NaN, Infinity, '-Infinity': -Infinity }

const decodeValue = (v) => {
  if (Array.isArray(v)) return v.map(decodeValue)
  if (!isPlainObject(v)) return v
  if ('$type' in v) return decodeType(v)
  if ('$bytes' in v) return fromB64(v.$bytes)
  if ('$undefined' in v) return undefined
  if ('$bigint' in v) {
    if (typeof v.$bigint !== 'string' || !/^-?\d+$/.test(v.$bigint)) fail('$bigint must be a decimal string')
    return BigInt(v.$bigint)
  }
  if ('$number' in v) {
    if (!Object.prototype.hasOwnProperty.call(NUMBERS, v.$number)) fail('$number must be one of -0, NaN, Infinity, -Infinity')
    return NUMBERS[v.$number]
  }
  const o = {}
  for (const k of Object.keys(v)) o[k] = decodeValue(v[k])
  return o
}

const decodeType = (v) => {
  switch (v.$type) {
    case 'text': return new Y.Text(v.init == null ? undefined : String(v.init))
    case 'xmlText': return new Y.XmlText(v.init == null ? undefined : String(v.init))
    case 'map': {
      if (v.entries != null && !isPlainObject(v.entries)) fail('$type map: "entries" must be an object')
      return new Y.Map(v.entries == null ? undefined : Object.entries(v.entries).map(([k, x]) => [k, decodeValue(x)]))
    }
    case 'array': {
      const a = new Y.Array()
      if (v.items != null) {
        if (!Array.isArray(v.items)) fail('$type array: "items" must be an array')
        a.push(v.items.map(decodeValue))
      }
      return a
    }
    case 'xmlElement': return new Y.XmlElement(needString(v, 'name'))
    case 'xmlFragment': return new Y.XmlFragment()
    case 'xmlHook': return new Y.XmlHook(needString(v, 'name'))
    case 'doc': {
      const opts = { guid: needString(v, 'guid') }
      if (v.gc != null) opts.gc = !!v.gc
      if (v.autoLoad != null) opts.autoLoad = !!v.autoLoad
      if (v.meta !== undefined) opts.meta = decodeValue(v.meta)
      return new Y.Doc(opts)
    }
    default: return fail(`unknown $type ${JSON.stringify(v.$type)}`)
  }
}

const decodeAttrs = (a, what = 'attrs') => {
  if (a == null) return undefined
  if (!isPlainObject(a)) fail(`"${what}" must be an object or null`)
  return decodeValue(a)
}

// ---------------------------------------------------------------------------
// targets and ops
// ---------------------------------------------------------------------------

const typeName = (t) => (t === undefined ? 'undefined' : t === null ? 'null' : t.constructor ? t.constructor.name : typeof t)

const resolveTarget = (doc, target) => {
  if (!isPlainObject(target)) fail('"target" must be an object {root, kind, path}')
  let cur = getRoot(doc, target.root, target.kind)
  const path = target.path == null ? [] : target.path
  if (!Array.isArray(path)) fail('"target.path" must be an array')
  for (const step of path) {
    if (typeof step === 'string') {
      if (!(cur instanceof Y.Map)) fail(`path step ${JSON.stringify(step)}: ${typeName(cur)} is not a Y.Map`)
      cur = cur.get(step)
    } else if (isInt(step) && step >= 0) {
      if (!(cur instanceof Y.Array || cur instanceof Y.XmlFragment)) fail(`path step ${step}: ${typeName(cur)} is not a Y.Array/Y.XmlFragment/Y.XmlElement`)
      if (step >= cur.length) fail(`path step ${step}: index out of range (length ${cur.length})`)
      cur = cur.get(step)
    } else {
      fail(`bad path step ${JSON.stringify(step)}`)
    }
  }
  if (!(cur instanceof Y.AbstractType)) fail(`target path does not lead to a Yjs type (found ${typeName(cur)})`)
  return cur
}

const expect = (t, ctor, what) => {
  if (!(t instanceof ctor)) fail(`op needs a ${what} target, got ${typeName(t)}`)
  return t
}

const runOp = (doc, op) => {
  if (!isPlainObject(op)) fail('"op" must be an object')
  if (op.type === 'batch') {
    if (!Array.isArray(op.ops)) fail('batch: "ops" must be an array')
    op.ops.forEach((o) => runOp(doc, o))
    return
  }
  const t = resolveTarget(doc, op.target)
  switch (op.type) {
    case 'insertText': {
      expect(t, Y.Text, 'Y.Text')
      const attrs = decodeAttrs(op.attrs)
      const s = needString(op, 'text')
      if (attrs === undefined) t.insert(needInt(op, 'index'), s)
      else t.insert(needInt(op, 'index'), s, attrs)
      break
    }
    case 'insertEmbed': {
      expect(t, Y.Text, 'Y.Text')
      if (!isPlainObject(op.embed)) fail('"embed" must be an object')
      const attrs = decodeAttrs(op.attrs)
      t.insertEmbed(needInt(op, 'index'), decodeValue(op.embed), attrs === undefined ? {} : attrs)
      break
    }
    case 'deleteText':
      expect(t, Y.Text, 'Y.Text').delete(needInt(op, 'index'), needInt(op, 'length'))
      break
    case 'format':
      expect(t, Y.Text, 'Y.Text').format(needInt(op, 'index'), needInt(op, 'length'), decodeAttrs(op.attrs) || {})
      break
    case 'applyDelta': {
      expect(t, Y.Text, 'Y.Text')
      if (!Array.isArray(op.delta)) fail('"delta" must be an array')
      const delta = op.delta.map((d) => {
        if (!isPlainObject(d)) fail('delta ops must be objects')
        const o = {}
        for (const k of Object.keys(d)) o[k] = k === 'insert' && typeof d[k] === 'string' ? d[k] : decodeValue(d[k])
        return o
      })
      t.applyDelta(delta, { sanitize: op.sanitize !== false })
      break
    }
    case 'mapSet':
      expect(t, Y.Map, 'Y.Map').set(needString(op, 'key'), decodeValue(op.value))
      break
    case 'mapDelete':
      expect(t, Y.Map, 'Y.Map').delete(needString(op, 'key'))
      break
    case 'arrayInsert':
      expect(t, Y.Array, 'Y.Array')
      if (!Array.isArray(op.values)) fail('"values" must be an array')
      t.insert(needInt(op, 'index'), op.values.map(decodeValue))
      break
    case 'arrayDelete':
      expect(t, Y.Array, 'Y.Array').delete(needInt(op, 'index'), needInt(op, 'length'))
      break
    case 'xmlInsert':
      expect(t, Y.XmlFragment, 'Y.XmlFragment/Y.XmlElement')
      if (!Array.isArray(op.nodes)) fail('"nodes" must be an array')
      t.insert(needInt(op, 'index'), op.nodes.map((n) => {
        const v = decodeValue(n)
        if (!(v instanceof Y.XmlFragment || v instanceof Y.XmlText || v instanceof Y.XmlHook)) fail('xmlInsert: nodes must be xmlElement/xmlText/xmlHook escapes')
        return v
      }))
      break
    case 'xmlDelete':
      expect(t, Y.XmlFragment, 'Y.XmlFragment/Y.XmlElement').delete(needInt(op, 'index'), needInt(op, 'length'))
      break
    case 'setAttribute':
      expect(t, Y.XmlElement, 'Y.XmlElement').setAttribute(needString(op, 'key'), decodeValue(op.value))
      break
    case 'removeAttribute':
      expect(t, Y.XmlElement, 'Y.XmlElement').removeAttribute(needString(op, 'key'))
      break
    default:
      fail(`unknown op type ${JSON.stringify(op.type)}`)
  }
}

// ---------------------------------------------------------------------------
// commands
// ---------------------------------------------------------------------------

/** Run f while collecting the peer's update events. */
const collecting = (p, f) => {
  const client = p.doc.clientID
  p.v1 = []
  p.v2 = []
  let error = null
  try {
    f()
  } catch (e) {
    error = e
  }
  const res = { updates: p.v1.map(b64), updatesV2: p.v2.map(b64) }
  if (p.doc.clientID !== client) res.clientChanged = p.doc.clientID
  p.v1 = []
  p.v2 = []
  if (error) return { ok: false, error: errorMessage(error), ...res }
  return { ok: true, ...res }
}

const needRoots = (cmd) => {
  if (!Array.isArray(cmd.roots)) fail('"roots" must be an array of {root, kind}')
  return cmd.roots
}
const renderRoots = (doc, roots) => {
  const content = {}
  for (const r of roots) {
    if (!isPlainObject(r)) fail('roots entries must be objects {root, kind}')
    content[r.root] = renderRoot(doc, r.root, r.kind)
  }
  return content
}
const needUpdate = (cmd, k = 'update') => fromB64(needString(cmd, k))

const commands = {
  ping: () => ({ ok: true, ...VERSIONS }),

  new: (cmd) => {
    const id = cmd.peer
    if (!isInt(id)) fail('"peer" must be an integer')
    if (peers.has(id)) fail(`peer ${id} already exists`)
    const client = needInt(cmd, 'client')
    const doc = new Y.Doc({ gc: cmd.gc !== false })
    doc.clientID = client
    const p = { doc, v1: [], v2: [] }
    doc.on('update', (u) => { p.v1.push(u) })
    doc.on('updateV2', (u) => { p.v2.push(u) })
    peers.set(id, p)
    return { ok: true }
  },

  op: (cmd) => {
    const p = getPeer(cmd)
    return collecting(p, () => p.doc.transact(() => runOp(p.doc, cmd.op)))
  },

  apply: (cmd) => {
    const p = getPeer(cmd)
    const u = needUpdate(cmd)
    return collecting(p, () => (cmd.v2 ? Y.applyUpdateV2(p.doc, u) : Y.applyUpdate(p.doc, u)))
  },

  state: (cmd) => {
    const { doc } = getPeer(cmd)
    const sv = cmd.sv == null ? undefined : needUpdate(cmd, 'sv')
    return {
      ok: true,
      v1: b64(Y.encodeStateAsUpdate(doc, sv)),
      v2: b64(Y.encodeStateAsUpdateV2(doc, sv)),
      sv: b64(Y.encodeStateVector(doc)),
      client: doc.clientID,
      pending: { structs: doc.store.pendingStructs !== null, deleteSet: doc.store.pendingDs !== null }
    }
  },

  content: (cmd) => {
    const { doc } = getPeer(cmd)
    return { ok: true, content: renderRoots(doc, needRoots(cmd)) }
  },

  snapshot: (cmd) => {
    const { doc } = getPeer(cmd)
    const s = Y.snapshot(doc)
    return { ok: true, snapshot: b64(Y.encodeSnapshot(s)), snapshotV2: b64(Y.encodeSnapshotV2(s)) }
  },

  snapshotContent: (cmd) => {
    const { doc } = getPeer(cmd)
    if (doc.gc) fail('snapshotContent needs a gc:false peer')
    const s = Y.decodeSnapshot(needUpdate(cmd, 'snapshot'))
    const d = Y.createDocFromSnapshot(doc, s)
    try {
      return { ok: true, content: renderRoots(d, needRoots(cmd)) }
    } finally {
      d.destroy()
    }
  },

  merge: (cmd) => {
    if (!Array.isArray(cmd.updates)) fail('"updates" must be an array of base64 strings')
    const us = cmd.updates.map(fromB64)
    return { ok: true, update: b64(cmd.v2 ? Y.mergeUpdatesV2(us) : Y.mergeUpdates(us)) }
  },

  diff: (cmd) => {
    const u = needUpdate(cmd)
    const sv = needUpdate(cmd, 'sv')
    return { ok: true, update: b64(cmd.v2 ? Y.diffUpdateV2(u, sv) : Y.diffUpdate(u, sv)) }
  },

  svFromUpdate: (cmd) => {
    const u = needUpdate(cmd)
    return { ok: true, sv: b64(cmd.v2 ? Y.encodeStateVectorFromUpdateV2(u) : Y.encodeStateVectorFromUpdate(u)) }
  },

  convert: (cmd) => {
    const u = needUpdate(cmd)
    if (cmd.to === 'v2') return { ok: true, update: b64(Y.convertUpdateFormatV1ToV2(u)) }
    if (cmd.to === 'v1') return { ok: true, update: b64(Y.convertUpdateFormatV2ToV1(u)) }
    return fail('"to" must be "v1" or "v2"')
  },

  destroy: (cmd) => {
    const p = getPeer(cmd)
    peers.delete(cmd.peer)
    p.doc.destroy()
    return { ok: true }
  },

  reset: () => {
    for (const p of peers.values()) p.doc.destroy()
    peers.clear()
    return { ok: true }
  }
}

const errorMessage = (e) => {
  if (e instanceof Error) return e.message || e.name
  try {
    return String(e)
  } catch {
    return 'unknown error'
  }
}

export const handleLine = (line) => {
  let cmd
  try {
    cmd = JSON.parse(line)
  } catch (e) {
    return { ok: false, error: 'invalid JSON: ' + errorMessage(e) }
  }
  let res
  try {
    if (!isPlainObject(cmd)) fail('command must be a JSON object')
    const h = Object.prototype.hasOwnProperty.call(commands, cmd.cmd) ? commands[cmd.cmd] : null
    if (!h) fail(`unknown cmd ${JSON.stringify(cmd.cmd)}`)
    res = h(cmd)
  } catch (e) {
    res = { ok: false, error: errorMessage(e) }
  }
  if (isPlainObject(cmd) && 'id' in cmd) res = { id: cmd.id, ...res }
  return res
}

const write = (obj) => {
  let s
  try {
    s = JSON.stringify(obj)
  } catch (e) {
    s = JSON.stringify({ ok: false, error: 'cannot serialize response: ' + errorMessage(e) })
  }
  process.stdout.write(s + '\n')
}

// stdout carries only protocol lines: route console output (e.g. Yjs warnings) to stderr
for (const k of ['log', 'info', 'warn', 'debug', 'trace', 'dir', 'table']) {
  console[k] = (...a) => { process.stderr.write(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ') + '\n') }
}
process.stdout.on('error', () => process.exit(0)) // parent went away
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false })
rl.on('line', (line) => {
  if (line.trim() === '') return
  write(handleLine(line))
})
rl.on('close', () => process.exit(0))
