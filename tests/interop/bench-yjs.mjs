#!/usr/bin/env node
/**
 * bench-yjs.mjs — the Yjs (reference) side of DraftPad's benchmarks.
 *
 * Usage (from tests/interop/, after `npm ci`):
 *   node bench-yjs.mjs gen-inputs OUTDIR          write the B1–B3 inputs as JSON (see INPUT FILES)
 *   node --expose-gc bench-yjs.mjs <benchmark> [options]
 *   node bench-yjs.mjs list                       list benchmark names
 *
 *   <benchmark>: b4-local | b4-remote | b1.1 … b1.11 | b2.1 … b2.4 | b3.1 … b3.5
 *                or a group b1 | b2 | b3 | b1-b3, or a comma-separated list.
 *   options:
 *     --trace PATH   editing trace for b4-* (default: shared/datasets/editing-traces/
 *                    sequential_traces/automerge-paper.json.gz; gzip or plain JSON of the
 *                    josephg/editing-traces "sequential" schema)
 *     --inputs DIR   directory written by gen-inputs (default: ./bench-inputs; it is
 *                    generated there first if a needed file is missing)
 *     --client ID    fix client ids instead of Yjs' random ones:
 *                      B1: writer doc1 = ID, reader doc2 = ID+1, loaded doc = ID+2
 *                      B2: doc1 = ID, doc2 = ID+1, loaded doc = ID+2
 *                      B3: docs[i] = ID+i (i = 0…1539), loaded doc = ID+1540
 *                      B4: the editing doc (and doc A) = ID, doc B / loaded docs = ID+1
 *     --no-gc        b4-local only: edit with a Y.Doc({gc:false})
 *     --warmup W     run each benchmark W extra times first, unreported (default 0)
 *     --runs R       run each benchmark R times, one JSON line per run (default 1); with
 *                    --warmup or --runs each line gets "run": 1…R. Warm-up and runs of
 *                    all benchmarks share this one process.
 *     --dump-state DIR  write the encoded states of the first reported run of each
 *                    benchmark (untimed): DIR/<benchmark>.v1.bin and .v2.bin (B1/B2: doc1,
 *                    B3: doc 0, b4-local: the replayed doc); b4-remote: DIR/b4-remote.v1.bin
 *                    (doc B). The C# benchmark compares them byte for byte.
 *
 * Output: one JSON line per benchmark on stdout:
 *   {"benchmark":"b1.4","title":"[B1.4] …","machine":{cpu,cores,memGiB,os,node,yjs,lib0},
 *    "results":{…}}
 * Times are milliseconds (performance.now, 3 decimals), sizes bytes. Memory numbers
 * need `--expose-gc` (otherwise they are null).
 *
 * WHAT IS MEASURED
 * B1–B3 follow dmonad/crdt-benchmarks (js-lib/b1.js, b2.js, b3.js at 796f702) with its Yjs
 * adapter: root types "text", "array", "map"; every library call outside an explicit
 * transaction is its own transaction; update format V2 everywhere (`updateV2` event,
 * encodeStateAsUpdateV2, applyUpdateV2). N = 6000, PRNG = lib0/prng seeded 42.
 *   B1 results: time (doc1 performs every op + doc2 applies all doc1 updates one by one +
 *     check), avgUpdateSize (= round(total update bytes / number of input elements)),
 *     updateCount, updateBytes, encodeTime (encodeStateAsUpdateV2 of doc1), docSize,
 *     parseTime (gc + new doc + applyUpdateV2 + check against doc2 + gc, as upstream:
 *     the two forced GCs are inside the timed region), memUsed (heapUsed difference
 *     around loading), docSizeV1 (extra, untimed).
 *   B2 results: time (doc1 runs its ops in one transaction, doc2 runs its ops in one
 *     transaction, both wired synchronously to each other through a mutex, + check),
 *     updateSize (= round(bytes sent both ways, including the initial 100-char text / 2)),
 *     encodeTime, docSize (doc1), parseTime, memUsed, docSizeV1.
 *   B3 results: 1540 docs each make one change; doc 0 applies all updates in one
 *     transaction (untimed); time = doc 1 applies all updates in one transaction + compare
 *     docs 0 and 1; updateSize (total bytes of all updates), encodeTime, docSize (doc 0),
 *     parseTime, memUsed, docSizeV1.
 *   b4-local: the trace replayed on one Y.Doc, one doc.transact per trace transaction
 *     (each patch: delete then insert), gc on, no update listener. timeMs (replay + final
 *     text check), textOk, v1Size, v2Size, encodeV1Ms, encodeV2Ms, parseV1Ms / parseV2Ms
 *     (first = cold load: new doc + applyUpdate[V2] + toString), parseV1MsWarm /
 *     parseV2MsWarm (median of 5 further loads), heapBytesV1 / heapBytesV2 (heapUsed
 *     after global.gc() with the loaded doc alive minus before loading, GCs outside the
 *     timed part; median of those 5 loads — a single sample is noisy, the cold one is
 *     heapBytesV1First / heapBytesV2First), heapBytesReplayDoc (same for the doc that
 *     replayed the trace), svSize.
 *   b4-remote: doc A replays the trace with an `update` (V1) listener collecting every
 *     update: timeAMs; updateCount, updateBytes, avgUpdateBytes. Then doc B applies the
 *     updates one by one with Y.applyUpdate: timeMs (incl. final check), usPerUpdate,
 *     textOk, heapBytesDocB (heapUsed delta around doc B's life, update buffers
 *     materialized off-heap beforehand), docBV1Size.
 *
 * INPUT FILES (gen-inputs OUTDIR writes b1.1.json … b1.11.json, b2.1.json … b2.4.json,
 * b3.1.json … b3.5.json; all UTF-8 JSON; indices are UTF-16 code-unit positions, but all
 * generated text is ASCII a–z):
 *   common fields: "id" ("B1.4"), "title", "N" (6000), "seed" (42), "kind"
 *   Op encodings (each op is ONE library call = one Yjs transaction in B1):
 *     text insert  [index, "string"]          text delete  [index, deleteCount]   (number)
 *     array insert [index, [values...]]       map set      ["key", value]        (B3 only)
 *   B1 (kind "text" or "array"):
 *     {"ops":[op...], "inputLength":L, "expected": finalText | finalArray}
 *     Replay: for each op in order apply it to doc1 as its own transaction.
 *     inputLength = number of input elements upstream (avgUpdateSize divisor): equal to
 *     ops.length except B1.6 (2 ops: insert then delete, inputLength 1).
 *   B2 (kind "text2"):
 *     {"initText":"<100 chars>", "doc1":[op...], "doc2":[op...], "expectedLength":n|null}
 *     doc1 inserts initText at 0 (own transaction, delivered to doc2); then doc1 applies
 *     its ops in ONE transaction, then doc2 applies its ops in ONE transaction (doc1's
 *     update has already been delivered to doc2 at that point; doc2's positions were
 *     generated against the 100-char initial text only, as upstream).
 *   B3 (kind "map" | "array" | "text"):
 *     {"clients":1540, "ops":[op for client 0, op for client 1, ...]}
 *     client i applies ops[i] on its own fresh doc (one transaction).
 * The PRNG draw order reproduces crdt-benchmarks exactly: one shared generator
 * prng.create(42); first the B2 initial text (module-level in b2.js), then B1.1 … B1.11,
 * then B2.1 … B2.4 (B3 uses no randomness).
 */
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import { createMutex } from 'lib0/mutex'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as zlib from 'node:zlib'
import { performance } from 'node:perf_hooks'
import { isDeepStrictEqual } from 'node:util'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const N = 6000
const SEED = 42
const SQRT_N = Math.floor(Math.sqrt(N)) * 20 // 1540

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'))
const version = (pkg) => readJson(path.join(here, 'node_modules', pkg, 'package.json')).version
const machine = () => ({
  cpu: os.cpus()[0]?.model ?? null,
  cores: os.cpus().length,
  memGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
  os: `${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  yjs: version('yjs'),
  lib0: version('lib0')
})
const ms = (t) => Math.round(t * 1000) / 1000
const now = () => performance.now()
const hasGc = typeof global.gc === 'function'
/** heapUsed after a forced GC (null without --expose-gc) */
const gcHeap = () => {
  if (!hasGc) return null
  global.gc()
  return process.memoryUsage().heapUsed
}
const diff = (a, b) => (a === null || b === null ? null : b - a)
const check = (cond, msg) => { if (!cond) throw new Error('check failed: ' + msg) }

// ---------------------------------------------------------------------------
// input generation (crdt-benchmarks order and PRNG calls)
// ---------------------------------------------------------------------------

const TITLES = {
  'B1.1': '[B1.1] Append N characters',
  'B1.2': '[B1.2] Insert string of length N',
  'B1.3': '[B1.3] Prepend N characters',
  'B1.4': '[B1.4] Insert N characters at random positions',
  'B1.5': '[B1.5] Insert N words at random positions',
  'B1.6': '[B1.6] Insert string, then delete it',
  'B1.7': '[B1.7] Insert/Delete strings at random positions',
  'B1.8': '[B1.8] Append N numbers',
  'B1.9': '[B1.9] Insert Array of N numbers',
  'B1.10': '[B1.10] Prepend N numbers',
  'B1.11': '[B1.11] Insert N numbers at random positions',
  'B2.1': '[B2.1] Concurrently insert string of length N at index 0',
  'B2.2': '[B2.2] Concurrently insert N characters at random positions',
  'B2.3': '[B2.3] Concurrently insert N words at random positions',
  'B2.4': '[B2.4] Concurrently insert & delete',
  'B3.1': '[B3.1] 20√N clients concurrently set number in Map',
  'B3.2': '[B3.2] 20√N clients concurrently set Object in Map',
  'B3.3': '[B3.3] 20√N clients concurrently set String in Map',
  'B3.4': '[B3.4] 20√N clients concurrently insert text in Array',
  'B3.5': '[B3.5] 20√N clients concurrently insert text'
}
const ALL = Object.keys(TITLES)

const generateInputs = () => {
  const gen = prng.create(SEED)
  const out = {}
  const base = (id, kind, extra) => { out[id] = { id, title: TITLES[id], N, seed: SEED, kind, ...extra } }
  const initText = prng.word(gen, 100, 100) // b2.js evaluates this at module load, before B1 runs

  // B1.1
  {
    const s = prng.word(gen, N, N)
    base('B1.1', 'text', { ops: s.split('').map((c, i) => [i, c]), inputLength: N, expected: s })
  }
  // B1.2
  {
    const s = prng.word(gen, N, N)
    base('B1.2', 'text', { ops: [[0, s]], inputLength: 1, expected: s })
  }
  // B1.3
  {
    const s = prng.word(gen, N, N)
    const rev = s.split('').reverse()
    base('B1.3', 'text', { ops: rev.map((c) => [0, c]), inputLength: N, expected: s })
  }
  // B1.4, B1.5
  for (const [id, minLen, maxLen] of [['B1.4', 1, 1], ['B1.5', 2, 10]]) {
    let s = ''
    const ops = []
    for (let i = 0; i < N; i++) {
      const index = prng.int32(gen, 0, s.length)
      const insert = prng.word(gen, minLen, maxLen)
      s = s.slice(0, index) + insert + s.slice(index)
      ops.push([index, insert])
    }
    base(id, 'text', { ops, inputLength: N, expected: s })
  }
  // B1.6
  {
    const s = prng.word(gen, N, N)
    base('B1.6', 'text', { ops: [[0, s], [0, s.length]], inputLength: 1, expected: '' })
  }
  // B1.7
  {
    let s = ''
    const ops = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, s.length)
      if (s.length === index || prng.bool(gen)) {
        const insert = prng.word(gen, 2, 10)
        s = s.slice(0, index) + insert + s.slice(index)
        ops.push([index, insert])
      } else {
        const deleteCount = prng.uint32(gen, 1, Math.min(9, s.length - index))
        s = s.slice(0, index) + s.slice(index + deleteCount)
        ops.push([index, deleteCount])
      }
    }
    base('B1.7', 'text', { ops, inputLength: N, expected: s })
  }
  const numbers = () => Array.from({ length: N }).map(() => prng.uint32(gen, 0, 0x7fffffff))
  // B1.8
  {
    const a = numbers()
    base('B1.8', 'array', { ops: a.map((x, i) => [i, [x]]), inputLength: N, expected: a })
  }
  // B1.9
  {
    const a = numbers()
    base('B1.9', 'array', { ops: [[0, a]], inputLength: 1, expected: a })
  }
  // B1.10
  {
    const a = numbers()
    base('B1.10', 'array', { ops: a.map((x) => [0, [x]]), inputLength: N, expected: a.slice().reverse() })
  }
  // B1.11
  {
    const a = []
    const ops = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, a.length)
      const insert = prng.uint32(gen, 0, 0x7fffffff)
      a.splice(index, 0, insert)
      ops.push([index, [insert]])
    }
    base('B1.11', 'array', { ops, inputLength: N, expected: a })
  }
  // B2.1
  {
    const s1 = prng.word(gen, N, N)
    const s2 = prng.word(gen, N, N)
    base('B2.1', 'text2', { initText, doc1: [[0, s1]], doc2: [[0, s2]], expectedLength: N * 2 + 100 })
  }
  // B2.2, B2.3
  for (const [id, minLen, maxLen, expectedLength] of [['B2.2', 1, 1, N * 2 + 100], ['B2.3', 3, 9, null]]) {
    const genInput = () => {
      let s = initText
      const ops = []
      for (let i = 0; i < N; i++) {
        const index = prng.uint32(gen, 0, s.length)
        const insert = prng.word(gen, minLen, maxLen)
        s = s.slice(0, index) + insert + s.slice(index)
        ops.push([index, insert])
      }
      return ops
    }
    const doc1 = genInput()
    const doc2 = genInput()
    base(id, 'text2', { initText, doc1, doc2, expectedLength })
  }
  // B2.4
  {
    const genInput = () => {
      let s = initText
      const ops = []
      for (let i = 0; i < N; i++) {
        const index = prng.uint32(gen, 0, s.length)
        const insert = prng.word(gen, 3, 9)
        s = s.slice(0, index) + insert + s.slice(index)
        ops.push([index, insert])
        if (s.length === index || prng.bool(gen)) {
          const insert2 = prng.word(gen, 2, 10)
          s = s.slice(0, index) + insert2 + s.slice(index)
          ops.push([index, insert2])
        } else {
          const deleteCount = prng.uint32(gen, 1, Math.min(9, s.length - index))
          s = s.slice(0, index) + s.slice(index + deleteCount)
          ops.push([index, deleteCount])
        }
      }
      return ops
    }
    const doc1 = genInput()
    const doc2 = genInput()
    base('B2.4', 'text2', { initText, doc1, doc2, expectedLength: null })
  }
  // B3 (deterministic)
  const clients = Array.from({ length: SQRT_N }, (_, i) => i)
  base('B3.1', 'map', { clients: SQRT_N, ops: clients.map((i) => ['v', i]) })
  base('B3.2', 'map', { clients: SQRT_N, ops: clients.map((i) => ['v', { name: i.toString(), address: 'here' }]) })
  base('B3.3', 'map', { clients: SQRT_N, ops: clients.map((i) => ['v', i.toString().repeat(SQRT_N)]) })
  base('B3.4', 'array', { clients: SQRT_N, ops: clients.map((i) => [0, [i.toString()]]) })
  base('B3.5', 'text', { clients: SQRT_N, ops: clients.map((i) => [0, i.toString()]) })
  return out
}

const fileOf = (id) => id.toLowerCase() + '.json'

const genInputsCmd = (outDir) => {
  fs.mkdirSync(outDir, { recursive: true })
  const inputs = generateInputs()
  for (const [id, data] of Object.entries(inputs)) fs.writeFileSync(path.join(outDir, fileOf(id)), JSON.stringify(data) + '\n')
  return Object.keys(inputs)
}

const loadInput = (dir, id) => {
  const p = path.join(dir, fileOf(id))
  if (!fs.existsSync(p)) {
    process.stderr.write(`bench-yjs: ${p} missing, running gen-inputs ${dir}\n`)
    genInputsCmd(dir)
  }
  return readJson(p)
}

// ---------------------------------------------------------------------------
// Yjs adapter (as crdt-benchmarks' benchmarks/yjs/factory.js)
// ---------------------------------------------------------------------------

class YjsCrdt {
  constructor (updateHandler, clientId) {
    this.ydoc = new Y.Doc()
    if (clientId != null) this.ydoc.clientID = clientId
    this.ydoc.on('updateV2', (u) => updateHandler(u))
    this.yarray = this.ydoc.getArray('array')
    this.ymap = this.ydoc.getMap('map')
    this.ytext = this.ydoc.getText('text')
  }

  static load (bin, clientId) {
    const c = new YjsCrdt(() => {}, clientId)
    c.applyUpdate(bin)
    return c
  }

  getEncodedState () { return Y.encodeStateAsUpdateV2(this.ydoc) }
  applyUpdate (u) { Y.applyUpdateV2(this.ydoc, u) }
  insertArray (i, elems) { this.yarray.insert(i, elems) }
  getArray () { return this.yarray.toArray() }
  insertText (i, s) { this.ytext.insert(i, s) }
  deleteText (i, n) { this.ytext.delete(i, n) }
  getText () { return this.ytext.toString() }
  setMap (k, v) { this.ymap.set(k, v) }
  getMap () { return this.ymap.toJSON() }
  transact (f) { this.ydoc.transact(() => f(this)) }
}

/** apply one input op (see INPUT FILES) */
const applyOp = (doc, op) => {
  const [a, b] = op
  if (typeof a === 'string') doc.setMap(a, b)
  else if (typeof b === 'string') doc.insertText(a, b)
  else if (typeof b === 'number') doc.deleteText(a, b)
  else if (Array.isArray(b)) doc.insertArray(a, b)
  else throw new Error('bad op ' + JSON.stringify(op))
}

const cid = (base, k) => (base == null ? null : base + k)

// ---------------------------------------------------------------------------
// B1, B2, B3
// ---------------------------------------------------------------------------

const runB1 = (input, client) => {
  const content = input.kind === 'text' ? (d) => d.getText() : (d) => d.getArray()
  const checkDocs = (d1, d2) => {
    check(isDeepStrictEqual(content(d1), content(d2)), 'doc1 == doc2')
    check(isDeepStrictEqual(content(d1), input.expected), 'content == expected')
  }
  const doc2 = new YjsCrdt(() => {}, cid(client, 1))
  const updates = []
  const doc1 = new YjsCrdt((u) => updates.push(u), cid(client, 0))
  let t = now()
  for (const op of input.ops) applyOp(doc1, op)
  for (const u of updates) doc2.applyUpdate(u)
  checkDocs(doc1, doc2)
  const time = now() - t
  const updateBytes = updates.reduce((a, u) => a + u.length, 0)
  t = now()
  const state = doc1.getEncodedState()
  const encodeTime = now() - t
  const stateV1 = Y.encodeStateAsUpdate(doc1.ydoc)
  const docSizeV1 = stateV1.length
  t = now()
  const h0 = gcHeap()
  const loaded = YjsCrdt.load(state, cid(client, 2))
  checkDocs(doc2, loaded)
  const h1 = gcHeap()
  const parseTime = now() - t
  return {
    time: ms(time),
    avgUpdateSize: Math.round(updateBytes / input.inputLength),
    updateCount: updates.length,
    updateBytes,
    encodeTime: ms(encodeTime),
    docSize: state.length,
    parseTime: ms(parseTime),
    memUsed: diff(h0, h1),
    docSizeV1,
    ok: true,
    _keep: loaded,
    _state: { v1: stateV1, v2: state }
  }
}

const runB2 = (input, client) => {
  let updatesSize = 0
  const mux = createMutex()
  let doc1 = null
  let doc2 = null
  doc1 = new YjsCrdt((u) => mux(() => { updatesSize += u.length; doc2.applyUpdate(u) }), cid(client, 0))
  doc2 = new YjsCrdt((u) => mux(() => { updatesSize += u.length; doc1.applyUpdate(u) }), cid(client, 1))
  const checkDocs = (a, b) => {
    check(a.getText() === b.getText(), 'doc1 == doc2')
    if (input.expectedLength != null) check(a.getText().length === input.expectedLength, 'length')
  }
  doc1.insertText(0, input.initText)
  let t = now()
  doc1.transact(() => { for (const op of input.doc1) applyOp(doc1, op) })
  doc2.transact(() => { for (const op of input.doc2) applyOp(doc2, op) })
  checkDocs(doc1, doc2)
  const time = now() - t
  t = now()
  const state = doc1.getEncodedState()
  const encodeTime = now() - t
  const stateV1 = Y.encodeStateAsUpdate(doc1.ydoc)
  const docSizeV1 = stateV1.length
  t = now()
  const h0 = gcHeap()
  const loaded = YjsCrdt.load(state, cid(client, 2))
  checkDocs(loaded, doc2)
  const h1 = gcHeap()
  const parseTime = now() - t
  return {
    time: ms(time),
    updateSize: Math.round(updatesSize / 2),
    encodeTime: ms(encodeTime),
    docSize: state.length,
    parseTime: ms(parseTime),
    memUsed: diff(h0, h1),
    docSizeV1,
    textLength: doc1.getText().length,
    ok: true,
    _keep: loaded,
    _state: { v1: stateV1, v2: state }
  }
}

const runB3 = (input, client) => {
  const content = input.kind === 'map' ? (d) => d.getMap() : input.kind === 'array' ? (d) => d.getArray() : (d) => d.getText()
  const checkDocs = (docs) => {
    const c = content(docs[0])
    for (const d of docs) check(isDeepStrictEqual(c, content(d)), 'docs equal')
  }
  const updates = []
  const mux = createMutex()
  const docs = []
  for (let i = 0; i < input.clients; i++) docs.push(new YjsCrdt((u) => mux(() => updates.push(u)), cid(client, i)))
  for (let i = 0; i < docs.length; i++) applyOp(docs[i], input.ops[i])
  check(updates.length >= input.clients, 'one update per client')
  mux(() => { docs[0].transact(() => { for (const u of updates) docs[0].applyUpdate(u) }) })
  let t = now()
  mux(() => { docs[1].transact(() => { for (const u of updates) docs[1].applyUpdate(u) }) })
  checkDocs(docs.slice(0, 2))
  const time = now() - t
  const updateSize = updates.reduce((a, u) => a + u.length, 0)
  t = now()
  const state = docs[0].getEncodedState()
  const encodeTime = now() - t
  const stateV1 = Y.encodeStateAsUpdate(docs[0].ydoc)
  const docSizeV1 = stateV1.length
  t = now()
  const h0 = gcHeap()
  const loaded = YjsCrdt.load(state, cid(client, input.clients))
  checkDocs([loaded, docs[0]])
  const h1 = gcHeap()
  const parseTime = now() - t
  return {
    time: ms(time),
    updateSize,
    updateCount: updates.length,
    encodeTime: ms(encodeTime),
    docSize: state.length,
    parseTime: ms(parseTime),
    memUsed: diff(h0, h1),
    docSizeV1,
    ok: true,
    _keep: loaded,
    _state: { v1: stateV1, v2: state }
  }
}

// ---------------------------------------------------------------------------
// B4 (editing trace)
// ---------------------------------------------------------------------------

const DEFAULT_TRACE = path.resolve(here, '../../../shared/datasets/editing-traces/sequential_traces/automerge-paper.json.gz')

const loadTrace = (p) => {
  let buf = fs.readFileSync(p)
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf)
  const trace = JSON.parse(buf.toString('utf8'))
  // trace positions are Unicode code points; Yjs indices are UTF-16 units. They agree
  // unless the trace contains astral characters, which we do not convert.
  const astral = /[\uD800-\uDFFF]/
  if (astral.test(trace.endContent) || trace.txns.some((t) => t.patches.some((p) => astral.test(p[2])))) {
    throw new Error(`${p} contains non-BMP characters (code point positions ≠ UTF-16); use the ascii_only variant`)
  }
  check((trace.startContent ?? '') === '', 'trace startContent must be empty')
  return { txns: trace.txns.map((t) => t.patches), endContent: trace.endContent, ops: trace.txns.reduce((a, t) => a + t.patches.length, 0) }
}

const replay = (doc, txns) => {
  const text = doc.getText('text')
  for (const patches of txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of patches) {
        if (del > 0) text.delete(pos, del)
        if (ins) text.insert(pos, ins)
      }
    })
  }
  return text
}

/** heapUsed after GCs separated by event-loop turns (more stable than one gc()) */
const settledHeap = async () => {
  if (!hasGc) return null
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    global.gc()
  }
  return process.memoryUsage().heapUsed
}
const median = (xs) => {
  const v = xs.filter((x) => x !== null).sort((a, b) => a - b)
  return v.length === 0 ? null : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
}
const HEAP_SAMPLES = 5

/** replay phase of b4-local, in its own frame so nothing of the doc stays reachable */
const b4Replay = async (trace, client, gc) => {
  const h0 = await settledHeap()
  const doc = new Y.Doc({ gc })
  if (client != null) doc.clientID = client
  const t = now()
  const text = replay(doc, trace.txns)
  const textOk = text.toString() === trace.endContent
  const timeMs = now() - t
  const h1 = await settledHeap()
  let t2 = now()
  const v1 = Y.encodeStateAsUpdate(doc)
  const encodeV1Ms = now() - t2
  t2 = now()
  const v2 = Y.encodeStateAsUpdateV2(doc)
  const encodeV2Ms = now() - t2
  const res = {
    txns: trace.txns.length,
    ops: trace.ops,
    gc,
    timeMs: ms(timeMs),
    textOk,
    textLength: text.length,
    v1Size: v1.length,
    v2Size: v2.length,
    svSize: Y.encodeStateVector(doc).length,
    encodeV1Ms: ms(encodeV1Ms),
    encodeV2Ms: ms(encodeV2Ms),
    heapBytesReplayDoc: diff(h0, h1)
  }
  doc.destroy()
  res._state = { v1, v2 }
  return { res, v1, v2 }
}

/** load `bin` into a fresh doc: {ms, ok, heap} (heap = retained bytes, GCs outside the timing) */
const b4Load = async (bin, v2, gc, client, endContent) => {
  const h0 = await settledHeap()
  const t = now()
  const d = new Y.Doc({ gc })
  if (client != null) d.clientID = client
  if (v2) Y.applyUpdateV2(d, bin)
  else Y.applyUpdate(d, bin)
  const ok = d.getText('text').toString() === endContent
  const parseMs = now() - t
  const h1 = await settledHeap()
  d.destroy()
  return { ms: parseMs, ok, heap: diff(h0, h1) }
}

const runB4Local = async (trace, client, gc) => {
  const { res, v1, v2 } = await b4Replay(trace, client, gc)
  for (const [label, bin, isV2] of [['V1', v1, false], ['V2', v2, true]]) {
    const cold = await b4Load(bin, isV2, gc, client == null ? null : client + 1, trace.endContent)
    const warm = []
    for (let i = 0; i < HEAP_SAMPLES; i++) warm.push(await b4Load(bin, isV2, gc, client == null ? null : client + 1, trace.endContent))
    res[`parse${label}Ms`] = ms(cold.ms)
    res[`parse${label}Ok`] = cold.ok && warm.every((w) => w.ok)
    res[`parse${label}MsWarm`] = ms(median(warm.map((w) => w.ms)))
    res[`heapBytes${label}`] = median(warm.map((w) => w.heap))
    res[`heapBytes${label}First`] = cold.heap
  }
  return res
}

/** doc A of b4-remote, in its own frame */
const b4RemoteA = async (trace, client) => {
  const updates = []
  const docA = new Y.Doc()
  if (client != null) docA.clientID = client
  docA.on('update', (u) => { updates.push(u) })
  const t = now()
  const text = replay(docA, trace.txns)
  const textOk = text.toString() === trace.endContent
  const timeAMs = now() - t
  docA.destroy()
  // Small Uint8Arrays keep their bytes inside the V8 heap until `.buffer` is first read,
  // which lib0's decoder does; touch it now (untimed) so doc B's heap delta is not skewed
  // by bytes moving off-heap (updates from a socket are off-heap buffers anyway).
  for (const u of updates) void u.buffer
  return { updates, timeAMs, textOk }
}

const runB4Remote = async (trace, client) => {
  const { updates, timeAMs, textOk: docAOk } = await b4RemoteA(trace, client)
  const updateBytes = updates.reduce((a, u) => a + u.length, 0)
  const h0 = await settledHeap()
  const docB = new Y.Doc()
  if (client != null) docB.clientID = client + 1
  const t = now()
  for (const u of updates) Y.applyUpdate(docB, u)
  const textOk = docB.getText('text').toString() === trace.endContent
  const timeMs = now() - t
  const h1 = await settledHeap()
  const docBV1 = Y.encodeStateAsUpdate(docB)
  return {
    _state: { v1: docBV1 },
    txns: trace.txns.length,
    timeAMs: ms(timeAMs),
    docAOk,
    updateCount: updates.length,
    updateBytes,
    avgUpdateBytes: Math.round(updateBytes / updates.length * 10) / 10,
    timeMs: ms(timeMs),
    usPerUpdate: Math.round(timeMs * 1000 / updates.length * 100) / 100,
    textOk,
    heapBytesDocB: diff(h0, h1),
    docBV1Size: docBV1.length
  }
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

const usage = () => {
  process.stderr.write('usage: node --expose-gc bench-yjs.mjs <b4-local|b4-remote|b1.N|b2.N|b3.N|b1|b2|b3|b1-b3|list> [--trace PATH] [--inputs DIR] [--client ID] [--no-gc] [--warmup W] [--runs R] [--dump-state DIR]\n' +
    '       node bench-yjs.mjs gen-inputs OUTDIR\n')
  process.exit(2)
}

const main = async () => {
  const args = process.argv.slice(2)
  const opt = (flag) => {
    const i = args.indexOf(flag)
    if (i < 0) return undefined
    if (i + 1 >= args.length) usage()
    const v = args[i + 1]
    args.splice(i, 2)
    return v
  }
  const flag = (f) => {
    const i = args.indexOf(f)
    if (i < 0) return false
    args.splice(i, 1)
    return true
  }
  const tracePath = opt('--trace') ?? DEFAULT_TRACE
  const inputsDir = path.resolve(opt('--inputs') ?? path.join(here, 'bench-inputs'))
  const clientArg = opt('--client')
  const client = clientArg === undefined ? null : Number(clientArg)
  if (client !== null && !(Number.isSafeInteger(client) && client >= 0)) usage()
  const noGc = flag('--no-gc')
  const count = (v, dflt, min) => {
    if (v === undefined) return dflt
    const n = Number(v)
    if (!(Number.isSafeInteger(n) && n >= min)) usage()
    return n
  }
  const warmup = count(opt('--warmup'), 0, 0)
  const runs = count(opt('--runs'), 1, 1)
  const dumpDir = opt('--dump-state')
  if (dumpDir) fs.mkdirSync(dumpDir, { recursive: true })
  const [what, arg1] = args
  if (!what) usage()

  if (what === 'gen-inputs') {
    if (!arg1) usage()
    const ids = genInputsCmd(path.resolve(arg1))
    console.log(JSON.stringify({ ok: true, dir: path.resolve(arg1), files: ids.map(fileOf) }))
    return
  }
  if (what === 'list') {
    console.log(['b4-local', 'b4-remote', ...ALL.map((x) => x.toLowerCase())].join('\n'))
    return
  }
  const names = []
  for (const w of what.toLowerCase().split(',')) {
    if (w === 'b1' || w === 'b2' || w === 'b3') names.push(...ALL.filter((id) => id.toLowerCase().startsWith(w + '.')))
    else if (w === 'b1-b3') names.push(...ALL)
    else if (w === 'b4-local' || w === 'b4-remote') names.push(w)
    else if (ALL.includes(w.toUpperCase())) names.push(w.toUpperCase())
    else { process.stderr.write(`unknown benchmark ${w}\n`); usage() }
  }
  if (!hasGc) process.stderr.write('bench-yjs: run with node --expose-gc for memory numbers\n')
  const info = machine()
  let trace = null
  for (const name of names) {
    for (let r = 1 - warmup; r <= runs; r++) {
      let out
      if (name.startsWith('b4')) {
        trace = trace ?? loadTrace(tracePath)
        const results = name === 'b4-local' ? await runB4Local(trace, client, !noGc) : await runB4Remote(trace, client)
        out = { benchmark: name, trace: path.basename(tracePath), client, machine: info, results }
      } else {
        const input = loadInput(inputsDir, name)
        const run = name.startsWith('B1') ? runB1 : name.startsWith('B2') ? runB2 : runB3
        const results = run(input, client)
        delete results._keep
        out = { benchmark: name.toLowerCase(), title: input.title, client, machine: info, results }
      }
      const state = out.results._state
      delete out.results._state
      if (r < 1) continue // warm-up run, not reported
      if (dumpDir && r === 1) {
        for (const [v, bin] of Object.entries(state)) fs.writeFileSync(path.join(dumpDir, `${out.benchmark}.${v}.bin`), bin)
      }
      if (runs > 1 || warmup > 0) out.run = r
      console.log(JSON.stringify(out))
    }
  }
}

await main()
