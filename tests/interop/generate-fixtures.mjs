#!/usr/bin/env node
/**
 * generate-fixtures.mjs — golden Yjs fixtures for DraftPad, produced by the real
 * `yjs` package (versions pinned in package.json: yjs 13.6.33, lib0 0.2.120).
 *
 * Usage (from tests/interop/):
 *   npm ci
 *   node generate-fixtures.mjs [--out fixtures] [--trace PATH]
 *
 * The output is deterministic: fixed client ids, a seeded lib0 PRNG for random
 * edits, no clock or Math.random. Re-running produces byte-identical files.
 * `node generate-fixtures.mjs --check` regenerates into a temp dir and fails if
 * anything differs from fixtures/ (useful in CI).
 *
 * For every fixture <name> it writes
 *   fixtures/<name>.v1.bin        Y.encodeStateAsUpdate(doc)
 *   fixtures/<name>.v2.bin        Y.encodeStateAsUpdateV2(doc)
 *   fixtures/<name>.merged.v1.bin Y.mergeUpdates(...)      (only some fixtures)
 *   fixtures/<name>.merged.v2.bin Y.mergeUpdatesV2(...)    (same fixtures)
 *   fixtures/<name>.diff.v1.bin   Y.diffUpdate(v1, diffStateVector)   (only some)
 *   fixtures/<name>.diff.v2.bin   Y.diffUpdateV2(v2, diffStateVector)
 * and one entry in fixtures/manifest.json (see fixtures/README.md for the schema).
 *
 * "doc" is the fixture's subject document. `updates`/`updatesV2` are the
 * `update`/`updateV2` events that the subject doc emitted, in order (local
 * transactions and applied remote updates alike), so replaying them into a
 * fresh doc reproduces the subject's state.
 *
 * `expected` is computed from a fresh doc loaded from <name>.v1.bin (which is
 * what a reader sees; e.g. a lone surrogate written by the author reads back
 * as U+FFFD); the script asserts that loading the V2 file and replaying the
 * update lists give the same content, and that the spec section 10 vectors
 * (shared/spec/yjs-wire-format.md) are reproduced byte for byte.
 */
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as os from 'node:os'
import * as zlib from 'node:zlib'
import * as assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { hex, renderDelta, renderRoot, renderValue, getRoot } from './canonical.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const argValue = (flag, dflt) => {
  const i = args.indexOf(flag)
  return i >= 0 ? args[i + 1] : dflt
}
const CHECK = args.includes('--check')
const OUT = CHECK ? fs.mkdtempSync(path.join(os.tmpdir(), 'yjs-fixtures-')) : path.resolve(argValue('--out', path.join(here, 'fixtures')))
const TRACE = argValue('--trace', path.resolve(here, '../../../shared/datasets/editing-traces/sequential_traces/automerge-paper.json.gz'))

const unhex = (s) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'))
const sv = (doc) => Y.encodeStateVector(doc)

/** Make `a` contain everything `b` has (one update, like sync step 2). */
const syncInto = (a, b) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}
const syncAll = (docs) => {
  for (const a of docs) for (const b of docs) if (a !== b) syncInto(a, b)
}

// ---------------------------------------------------------------------------
// Fixture registry
// ---------------------------------------------------------------------------

/**
 * @typedef {object} BuildResult
 * @property {Y.Doc} doc                 subject doc (created with ctx.doc)
 * @property {Object<string,string>} roots root name → kind (text|map|array|xml)
 * @property {boolean|{v1:Uint8Array[],v2:Uint8Array[]}} [merge] true = merge all recorded updates
 * @property {Uint8Array} [diffSv]       V1 state vector for the diff file
 * @property {Object<string,string>} [spec] spec check: { v1, v2, sv, merged, mergedV2, snapshot, update0, update0V2, ... } hex
 * @property {string[]} [notes]
 */
const fixtures = []
/** @param {string} name @param {string} description @param {(ctx: Ctx) => BuildResult} build */
const def = (name, description, build) => fixtures.push({ name, description, build })

class Ctx {
  constructor () {
    this.docs = []
    this.clientIds = []
    this.rec = new Map()
    this.snap = null
  }

  /** New doc with a fixed client id; its update events are recorded. */
  doc (clientId, opts = {}) {
    const d = new Y.Doc(opts)
    d.clientID = clientId
    const r = { v1: [], v2: [] }
    d.on('update', (u) => r.v1.push(u))
    d.on('updateV2', (u) => r.v2.push(u))
    this.rec.set(d, r)
    this.docs.push(d)
    if (!this.clientIds.includes(clientId)) this.clientIds.push(clientId)
    return d
  }

  /** Record the subject doc's snapshot at this moment (doc must be gc:false). */
  snapshot (doc) {
    assert.equal(doc.gc, false, 'snapshots need gc:false')
    this.snap = Y.snapshot(doc)
  }

  updatesOf (doc) { return this.rec.get(doc) }
}

// ---------------------------------------------------------------------------
// Section 10 vectors of the spec
// ---------------------------------------------------------------------------

def('spec-text-ab', 'Spec 10.1: client 1 inserts "ab" into empty root text "t".', (ctx) => {
  const doc = ctx.doc(1)
  doc.getText('t').insert(0, 'ab')
  return {
    doc,
    roots: { t: 'text' },
    spec: {
      update0: '01 01 01 00 04 01 01 74 02 61 62 00',
      update0V2: '00 00 01 01 00 00 01 04 06 03 74 61 62 01 02 01 01 00 00 01 01 00 00'
    }
  }
})

def('spec-text-insert-x', 'Spec 10.2: "ab" then insert "X" at index 1 (origin + rightOrigin).', (ctx) => {
  const doc = ctx.doc(1)
  const t = doc.getText('t')
  t.insert(0, 'ab')
  t.insert(1, 'X')
  return { doc, roots: { t: 'text' }, spec: { update1: '01 01 01 02 c4 01 00 01 01 01 58 00' } }
})

def('spec-text-delete', 'Spec 10.3/10.4: "ab", insert "X" at 1, delete index 0 length 1 (gc on: "a" becomes ContentDeleted). Merged file = mergeUpdates of the 3 transaction updates.', (ctx) => {
  const doc = ctx.doc(1)
  const t = doc.getText('t')
  t.insert(0, 'ab')
  t.insert(1, 'X')
  t.delete(0, 1)
  return {
    doc,
    roots: { t: 'text' },
    merge: true,
    spec: {
      update2: '00 01 01 01 00 01',
      update2V2: '00 00 00 00 00 00 01 00 00 00 00 00 01 01 01 00 00',
      sv: '01 01 03',
      v1: '01 03 01 00 01 01 01 74 01 84 01 00 01 62 c4 01 00 01 01 01 58 01 01 01 00 01',
      v2: '00 00 02 41 02 02 01 00 01 02 05 01 00 84 00 c4 06 03 74 62 58 41 01 01 01 00 01 01 01 03 00 01 01 01 00 00'
    }
  }
})

const specTextOps = (doc) => {
  const t = doc.getText('t')
  t.insert(0, 'ab')
  t.insert(1, 'X')
  t.delete(0, 1)
}

def('spec-map-set', 'Spec 10.5: same doc as spec-text-delete (clocks 0-2 used), then root map "m", m.set("k", 42) at clock 3.', (ctx) => {
  const doc = ctx.doc(1)
  specTextOps(doc)
  doc.getMap('m').set('k', 42)
  return { doc, roots: { t: 'text', m: 'map' }, spec: { update3: '01 01 01 03 28 01 01 6d 01 6b 01 7d 2a 00' } }
})

def('spec-map-overwrite', 'Spec 10.5: continuing spec-map-set, m.set("k", "v") (origin = old value (1,3), old value deleted).', (ctx) => {
  const doc = ctx.doc(1)
  specTextOps(doc)
  const m = doc.getMap('m')
  m.set('k', 42)
  m.set('k', 'v')
  return { doc, roots: { t: 'text', m: 'map' }, spec: { update4: '01 01 01 04 a8 01 03 01 77 01 76 01 01 01 03 01' } }
})

def('spec-text-bold', 'Spec 10.6: client 2 inserts "hi" with {bold:true} (Format, String, Format null).', (ctx) => {
  const doc = ctx.doc(2)
  doc.getText('t').insert(0, 'hi', { bold: true })
  return {
    doc,
    roots: { t: 'text' },
    spec: { update0: '01 03 02 00 06 01 01 74 04 62 6f 6c 64 04 74 72 75 65 84 02 00 02 68 69 86 02 02 04 62 6f 6c 64 04 6e 75 6c 6c 00' }
  }
})

def('spec-text-embed', 'Spec 10.7: bold "hi" (client 2) then insertEmbed(2, {image:"x.png"}).', (ctx) => {
  const doc = ctx.doc(2)
  const t = doc.getText('t')
  t.insert(0, 'hi', { bold: true })
  t.insertEmbed(2, { image: 'x.png' })
  return {
    doc,
    roots: { t: 'text' },
    spec: { update1: '01 01 02 04 85 02 03 11 7b 22 69 6d 61 67 65 22 3a 22 78 2e 70 6e 67 22 7d 00' }
  }
})

def('spec-array-mixed', 'Spec 10.8: continuing spec-text-embed (client 2, clocks 0-4 used), root array "a" insert [1, -1, 2^31, 0.5, 0.1, "x", true, null, {k:[1]}, Uint8Array[1,2]] (one ContentAny of 9 elements at clock 5 + one ContentBinary at clock 14).', (ctx) => {
  const doc = ctx.doc(2)
  const t = doc.getText('t')
  t.insert(0, 'hi', { bold: true })
  t.insertEmbed(2, { image: 'x.png' })
  doc.getArray('a').insert(0, [1, -1, 2 ** 31, 0.5, 0.1, 'x', true, null, { k: [1] }, new Uint8Array([1, 2])])
  return {
    doc,
    roots: { t: 'text', a: 'array' },
    spec: { update2: '01 02 02 05 08 01 01 61 09 7d 01 7d 41 7c 4f 00 00 00 7c 3f 00 00 00 7b 3f b9 99 99 99 99 99 9a 77 01 78 78 7e 76 01 01 6b 75 01 7d 01 83 02 0d 02 01 02 00' }
  }
})

def('spec-nested-text-in-map', 'Spec 10.9: client 3, root map "root", set("child", new Y.Text("z")).', (ctx) => {
  const doc = ctx.doc(3)
  doc.getMap('root').set('child', new Y.Text('z'))
  return { doc, roots: { root: 'map' }, spec: { update0: '01 02 03 00 27 01 04 72 6f 6f 74 05 63 68 69 6c 64 02 04 00 03 00 01 7a 00' } }
})

def('spec-gc-off-abc', 'Spec 10.10: client 5, gc:false, "abc" then delete "b". Snapshot taken after the delete (spec vector).', (ctx) => {
  const doc = ctx.doc(5, { gc: false })
  const t = doc.getText('t')
  t.insert(0, 'abc')
  t.delete(1, 1)
  ctx.snapshot(doc)
  return {
    doc,
    roots: { t: 'text' },
    spec: {
      v1: '01 03 05 00 04 01 01 74 01 61 84 05 00 01 62 84 05 01 01 63 01 05 01 01 01',
      snapshot: '01 05 01 01 01 01 05 03'
    }
  }
})

def('spec-gc-on-abc', 'Spec 10.10: client 5, gc:true, "abc" then delete "b" ("b" becomes ContentDeleted).', (ctx) => {
  const doc = ctx.doc(5)
  const t = doc.getText('t')
  t.insert(0, 'abc')
  t.delete(1, 1)
  return { doc, roots: { t: 'text' }, spec: { v1: '01 03 05 00 04 01 01 74 01 61 81 05 00 01 84 05 01 01 63 01 05 01 01 01' } }
})

def('spec-nested-map-deleted-in-array', 'Spec 10.10: client 4, root array "a" holds a Y.Map with one entry, then the map is deleted (item → ContentDeleted, child → GC).', (ctx) => {
  const doc = ctx.doc(4)
  const a = doc.getArray('a')
  const m = new Y.Map()
  a.insert(0, [m])
  m.set('k', 'v')
  a.delete(0, 1)
  return { doc, roots: { a: 'array' }, spec: { v1: '01 02 04 00 01 01 01 61 01 00 01 01 04 01 00 02' } }
})

def('spec-surrogate-split', 'Spec 10.11: client 1 inserts "😀" (length 2) then "x" at index 1, inside the pair: text becomes "\\uFFFDx\\uFFFD".', (ctx) => {
  const doc = ctx.doc(1)
  const t = doc.getText('t')
  t.insert(0, '😀')
  t.insert(1, 'x')
  assert.equal(t.toString(), '\uFFFDx\uFFFD')
  return { doc, roots: { t: 'text' } }
})

// Spec 10.13: an update that holds clock 3 only (its predecessor, clock 2, is missing)
const skipUpdates = () => {
  const d = new Y.Doc()
  d.clientID = 1
  const ups = []
  const upsV2 = []
  d.on('update', (u) => ups.push(u))
  d.on('updateV2', (u) => upsV2.push(u))
  const t = d.getText('t')
  t.insert(0, 'ab')
  t.insert(2, 'c')
  t.insert(3, 'd')
  return { ups, upsV2 }
}

def('merge-skip-pending', 'Spec 10.13: a fresh doc applies update 1 ("ab", clocks 0-1) and an update holding clock 3 only ("d"); "d" stays pending and encodeStateAsUpdate includes it. Merged file = mergeUpdates([update1, update3]) with a Skip struct for clock 2.', (ctx) => {
  const { ups, upsV2 } = skipUpdates()
  const doc = ctx.doc(1000)
  Y.applyUpdate(doc, ups[0])
  Y.applyUpdate(doc, ups[2])
  assert.ok(doc.store.pendingStructs !== null)
  return {
    doc,
    roots: { t: 'text' },
    merge: { v1: [ups[0], ups[2]], v2: [upsV2[0], upsV2[2]] },
    spec: {
      merged: '01 03 01 00 04 01 01 74 02 61 62 0a 01 84 01 02 01 64 00',
      mergedV2: '00 00 02 41 00 01 04 00 05 04 00 0a 00 84 08 04 74 61 62 64 01 02 01 01 01 00 00 01 03 00 01 00'
    }
  }
})

def('pending-structs', 'A fresh doc applies only an update whose predecessor is missing (client 1, clock 3 "d" with origin (1,2)): nothing integrates, text is empty, state vector is empty, but the full state (v1/v2) carries the pending struct.', (ctx) => {
  const { ups } = skipUpdates()
  const doc = ctx.doc(1000)
  Y.applyUpdate(doc, ups[2])
  assert.ok(doc.store.pendingStructs !== null)
  assert.equal(doc.getText('t').toString(), '')
  return { doc, roots: { t: 'text' } }
})

def('pending-delete-set', 'A fresh doc with "ab" (client 1) applies a delete-only update for client 7 clocks 0-1 (unknown) and for client 1 clock 0: the known part is applied ("b" remains), the unknown range stays in pendingDs and is included in the full state.', (ctx) => {
  const src = new Y.Doc()
  src.clientID = 1
  src.getText('t').insert(0, 'ab')
  const doc = ctx.doc(1000)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(src))
  // delete set: 2 clients; client 7 range (0,2); client 1 range (0,1)
  Y.applyUpdate(doc, new Uint8Array([0, 2, 7, 1, 0, 2, 1, 1, 0, 1]))
  assert.ok(doc.store.pendingDs !== null)
  assert.equal(doc.getText('t').toString(), 'b')
  return { doc, roots: { t: 'text' } }
})

def('empty-doc', 'A doc with no content: state is "00 00" (V1).', (ctx) => {
  const doc = ctx.doc(1)
  return { doc, roots: {}, spec: { v1: '00 00', sv: '00' } }
})

// ---------------------------------------------------------------------------
// Concurrency
// ---------------------------------------------------------------------------

const concurrentInserts = (ctx, order) => {
  const base = ctx.doc(1)
  base.getText('t').insert(0, '0123456789')
  const peers = [ctx.doc(10), ctx.doc(20), ctx.doc(30)]
  for (const p of peers) syncInto(p, base)
  // round 1: all three insert at index 5 concurrently; 30 also deletes around it
  peers[0].getText('t').insert(5, 'AAA')
  peers[1].getText('t').insert(5, 'BBB')
  peers[2].getText('t').insert(5, 'CCC')
  peers[2].getText('t').delete(3, 4)
  // round 2: partial sync (10 <- 20), then more concurrent inserts at same spot
  syncInto(peers[0], peers[1])
  peers[0].getText('t').insert(5, 'aa')
  peers[1].getText('t').insert(0, 'bb')
  peers[2].getText('t').insert(0, 'cc')
  peers[2].getText('t').insert(peers[2].getText('t').length, 'END')
  // subject: a fresh doc (client 99) receiving full states in the given order
  const subject = ctx.doc(99)
  syncInto(subject, base)
  for (const i of order) syncInto(subject, peers[i])
  // and everyone converges
  syncAll([...peers, base])
  for (const p of peers) assert.equal(p.getText('t').toString(), subject.getText('t').toString())
  return subject
}

def('concurrent-3clients-order-a', '3 clients (10, 20, 30) insert concurrently at the same index of a shared base text (client 1), with a partial sync and a second round; a fresh subject doc (client 99) receives base, then 10, 20, 30. Merged file = mergeUpdates of the subject\'s updates.', (ctx) => {
  const doc = concurrentInserts(ctx, [0, 1, 2])
  return { doc, roots: { t: 'text' }, merge: true }
})

def('concurrent-3clients-order-b', 'Same edits as concurrent-3clients-order-a, but the subject receives 30, 10, 20: content (and the full state) must be identical to order-a.', (ctx) => {
  const doc = concurrentInserts(ctx, [2, 0, 1])
  return { doc, roots: { t: 'text' }, merge: true }
})

def('concurrent-map-set', '3 clients (5, 7, 6) concurrently set the same keys of root map "m" starting from a common value set by client 1; the winner is decided by YATA order (higher client id wins for the same origin). Also concurrent set + delete.', (ctx) => {
  const base = ctx.doc(1)
  base.getMap('m').set('k', 'base')
  base.getMap('m').set('gone', 'x')
  const peers = [ctx.doc(5), ctx.doc(7), ctx.doc(6)]
  for (const p of peers) syncInto(p, base)
  peers[0].getMap('m').set('k', 'five')
  peers[1].getMap('m').set('k', 'seven')
  peers[2].getMap('m').set('k', 'six')
  peers[0].getMap('m').set('new', 5)
  peers[2].getMap('m').set('new', 6)
  peers[1].getMap('m').delete('gone')
  peers[2].getMap('m').set('gone', 'six')
  const subject = ctx.doc(99)
  syncInto(subject, peers[2])
  syncInto(subject, peers[0])
  syncInto(subject, peers[1])
  syncInto(subject, base)
  return { doc: subject, roots: { m: 'map' }, merge: true }
})

// ---------------------------------------------------------------------------
// Text formatting and embeds
// ---------------------------------------------------------------------------

def('text-multi-attrs', 'Text with several attributes at once, then inserts inheriting (attrs omitted), explicitly clearing ({}), and with different values.', (ctx) => {
  const doc = ctx.doc(11)
  const t = doc.getText('t')
  t.insert(0, 'Hello', { bold: true, italic: true, color: '#ff0000' })
  t.insert(5, ' world') // attrs omitted at the end of the formatted run: inherits them
  t.insert(2, 'XX') // inherits bold/italic/color
  t.insert(3, 'plain', {}) // explicitly no attributes
  t.insert(0, 'big', { size: 24, font: { family: 'serif', weight: 700 } })
  return { doc, roots: { t: 'text' } }
})

def('text-overlapping-formats', 'Overlapping format() calls on existing text, format removal with null, and re-formatting with a different value.', (ctx) => {
  const doc = ctx.doc(12)
  const t = doc.getText('t')
  t.insert(0, 'The quick brown fox jumps over the lazy dog')
  t.format(4, 11, { bold: true }) // "quick brown"
  t.format(10, 9, { italic: true }) // "brown fox"
  t.format(6, 6, { bold: null }) // remove bold from "ick br"
  t.format(0, 3, { link: 'https://example.com/' })
  t.format(16, 10, { color: 'red' })
  t.format(20, 3, { color: 'blue' })
  t.format(0, 43, { italic: null })
  return { doc, roots: { t: 'text' } }
})

def('text-format-past-end', 'format() whose range extends past the end of the text appends "\\n" characters (Quill convention).', (ctx) => {
  const doc = ctx.doc(13)
  const t = doc.getText('t')
  t.insert(0, 'abc')
  t.format(1, 5, { bold: true })
  return { doc, roots: { t: 'text' } }
})

def('text-delete-formatted', 'Deleting ranges that contain format markers and partially formatted text; inserting inside a formatted run afterwards.', (ctx) => {
  const doc = ctx.doc(14)
  const t = doc.getText('t')
  t.insert(0, 'aaaa')
  t.insert(4, 'bbbb', { bold: true })
  t.insert(8, 'cccc', { italic: true })
  t.insert(12, 'dddd')
  t.delete(2, 4) // crosses the bold start marker
  t.delete(4, 6) // crosses bold end / italic start and end
  t.insert(3, 'Z')
  return { doc, roots: { t: 'text' } }
})

def('text-embeds-attrs', 'Embeds (JSON objects) with and without attributes, a nested embed object, formatted text next to an embed.', (ctx) => {
  const doc = ctx.doc(15)
  const t = doc.getText('t')
  t.insert(0, 'img: ')
  t.insertEmbed(5, { image: 'a.png' }, { width: 100, alt: 'A' })
  t.insert(6, ' and ')
  t.insertEmbed(11, { formula: { tex: 'e^{i\\pi}+1=0', display: true } })
  t.insertEmbed(0, { video: 'v.mp4' }, { bold: true })
  t.insert(13, '!', { bold: true })
  return { doc, roots: { t: 'text' } }
})

def('text-unicode', 'Text with multi-byte UTF-8 (é, CJK), astral characters (emoji, length 2) and a delete of an emoji; V1 varString lengths are UTF-8 bytes, clocks are UTF-16 units.', (ctx) => {
  const doc = ctx.doc(16)
  const t = doc.getText('t')
  t.insert(0, 'héllo 世界 😀👍🏽!')
  t.insert(6, '𝄞')
  t.delete(11, 2) // deletes "😀"
  t.insert(t.length, ' ünï')
  return { doc, roots: { t: 'text' } }
})

// ---------------------------------------------------------------------------
// Map / array values
// ---------------------------------------------------------------------------

def('map-any-types', 'Root map with every lib0 any type: null, undefined (inside an array), bools, ints, -0, floats, 2^31, 2^53-1, -2^53+1, NaN, ±Infinity, BigInt 10n/-5n, nested objects with integer-like keys ({"b":1,"2":2,"1":3} → wire order "1","2","b"), arrays, Uint8Array (ContentBinary), strings with emoji and a lone surrogate "\\uD800" (written as U+FFFD by the UTF-8 encoder, so it reads back as "\\uFFFD").', (ctx) => {
  const doc = ctx.doc(17)
  const m = doc.getMap('m')
  m.set('null', null)
  m.set('undefArr', [undefined, null, 1])
  m.set('undef', undefined)
  m.set('t', true)
  m.set('f', false)
  m.set('int', 42)
  m.set('neg', -42)
  m.set('z', -0)
  m.set('float', 1.5)
  m.set('float64', 0.1)
  m.set('int31', 2 ** 31)
  m.set('maxInt31', 2 ** 31 - 1)
  m.set('minInt31', -(2 ** 31))
  m.set('int53', Number.MAX_SAFE_INTEGER)
  m.set('negInt53', -Number.MAX_SAFE_INTEGER)
  m.set('big', 1e300)
  m.set('nan', NaN)
  m.set('inf', Infinity)
  m.set('ninf', -Infinity)
  m.set('bigint', 10n)
  m.set('negBigint', -5n)
  m.set('obj', { b: 1, 2: 2, 1: 3 })
  m.set('nested', { a: { b: [1, { c: 'd' }, []] }, e: {} })
  m.set('arr', [1, 'two', [3], { four: 4 }])
  m.set('bytes', new Uint8Array([0, 1, 254, 255]))
  m.set('emptyBytes', new Uint8Array(0))
  m.set('emoji', 'a😀b')
  m.set('lone', 'x\uD800y')
  m.set('empty', '')
  m.set('', 'empty key')
  return { doc, roots: { m: 'map' }, notes: ['authoring doc holds "x\\uD800y"; the encoded/decoded value is "x\\uFFFDy"'] }
})

def('map-delete-reset', 'Map keys set, overwritten several times, deleted, and set again after delete.', (ctx) => {
  const doc = ctx.doc(18)
  const m = doc.getMap('m')
  m.set('a', 1)
  m.set('b', 2)
  m.set('a', 3)
  m.delete('b')
  m.set('c', 'x')
  m.set('c', 'y')
  m.set('c', 'z')
  m.delete('a')
  m.set('a', 'again')
  doc.transact(() => {
    m.set('d', 1)
    m.set('d', 2)
    m.delete('c')
  })
  return { doc, roots: { m: 'map' } }
})

def('array-ops', 'Root array: push, unshift, insert in the middle (splitting a ContentAny run), delete ranges spanning items, insert after delete.', (ctx) => {
  const doc = ctx.doc(19)
  const a = doc.getArray('a')
  a.push([1, 2, 3, 4, 5])
  a.unshift(['start'])
  a.insert(3, ['mid1', 'mid2'])
  a.delete(1, 2)
  a.push([true, null, { x: 1 }])
  a.insert(2, [new Uint8Array([7, 8])])
  a.delete(4, 3)
  a.insert(4, [[1, 2], 'after'])
  doc.transact(() => {
    a.insert(0, ['t1'])
    a.delete(a.length - 1, 1)
    a.insert(1, ['t2'])
  })
  return { doc, roots: { a: 'array' } }
})

// ---------------------------------------------------------------------------
// Nested types
// ---------------------------------------------------------------------------

def('nested-array-of-maps-of-texts', 'Root array of Y.Maps each holding a Y.Text (edited after insertion) and a nested Y.Array.', (ctx) => {
  const doc = ctx.doc(21)
  const a = doc.getArray('items')
  for (let i = 0; i < 3; i++) {
    const m = new Y.Map()
    a.push([m])
    const title = new Y.Text()
    m.set('title', title)
    title.insert(0, 'item ' + i)
    m.set('done', i % 2 === 0)
    const tags = new Y.Array()
    m.set('tags', tags)
    tags.push(['t' + i, 'x'])
  }
  a.get(1).get('title').insert(0, 'second ', { bold: true })
  a.get(2).get('tags').delete(0, 1)
  return { doc, roots: { items: 'array' } }
})

def('nested-map-in-map', 'Map in map in map, prelim contents (set before insertion), and a text inside an array inside a map.', (ctx) => {
  const doc = ctx.doc(22)
  const root = doc.getMap('root')
  const inner = new Y.Map()
  inner.set('prelim', 'value') // prelim content
  root.set('inner', inner)
  const deeper = new Y.Map()
  inner.set('deeper', deeper)
  deeper.set('x', 1)
  const arr = new Y.Array()
  arr.insert(0, [new Y.Text('prelim text')])
  root.set('list', arr)
  arr.get(0).insert(0, '>> ')
  arr.push([new Y.Text('second')])
  return { doc, roots: { root: 'map' } }
})

def('nested-text-in-array', 'Y.Text and Y.Map items inside a root array, mixed with plain values; embedded Y.Text inside a Y.Text (insertEmbed of a type).', (ctx) => {
  const doc = ctx.doc(23)
  const a = doc.getArray('a')
  a.insert(0, ['before', new Y.Text('txt'), 42, new Y.Map(), 'after'])
  a.get(3).set('k', 'v')
  const t = doc.getText('t')
  t.insert(0, 'outer')
  t.insertEmbed(2, new Y.Text('inner'))
  return { doc, roots: { a: 'array', t: 'text' } }
})

const nestedDelete = (ctx, gc) => {
  const doc = ctx.doc(gc ? 24 : 25, { gc })
  const root = doc.getMap('root')
  const m = new Y.Map()
  root.set('m', m)
  const arr = new Y.Array()
  m.set('arr', arr)
  const t = new Y.Text()
  arr.push([t, 'keep'])
  t.insert(0, 'deep text')
  const keep = new Y.Map()
  root.set('keep', keep)
  keep.set('a', new Y.Text('kept'))
  if (!gc) ctx.snapshot(doc)
  arr.delete(0, 1) // delete the text inside the array
  root.set('m', 'replaced') // overwrite a key holding a type → whole subtree deleted
  const list = doc.getArray('list')
  list.push([new Y.Map(), new Y.Array(), 'x'])
  list.get(0).set('k', 'v')
  list.get(1).push([1, 2, 3])
  list.delete(0, 2)
  return doc
}

def('nested-delete-gc-on', 'Deleting nested types (text in array in map; map/array in array; overwriting a key holding a type) with gc on: children become GC structs.', (ctx) => {
  return { doc: nestedDelete(ctx, true), roots: { root: 'map', list: 'array' } }
})

def('nested-delete-gc-off', 'Same edits as nested-delete-gc-on with gc:false: deleted children are kept. Snapshot taken before the deletions.', (ctx) => {
  return { doc: nestedDelete(ctx, false), roots: { root: 'map', list: 'array' } }
})

// ---------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------

def('xml-basic', 'Y.XmlFragment with Y.XmlElements (attributes, nested children), Y.XmlText with formatting, attribute removal and child deletion.', (ctx) => {
  const doc = ctx.doc(31)
  const f = doc.getXmlFragment('xml')
  const p = new Y.XmlElement('p')
  const div = new Y.XmlElement('div')
  f.insert(0, [div])
  div.setAttribute('class', 'box')
  div.setAttribute('data-n', '1')
  div.insert(0, [p, new Y.XmlElement('hr')])
  p.setAttribute('align', 'left')
  const txt = new Y.XmlText()
  p.insert(0, [txt])
  txt.insert(0, 'Hello world')
  txt.format(0, 5, { bold: {} })
  txt.format(6, 5, { a: { href: 'x' } })
  const t2 = new Y.XmlText('tail')
  f.insert(1, [t2])
  div.removeAttribute('data-n')
  div.setAttribute('class', 'box2')
  const gone = new Y.XmlElement('span')
  f.insert(0, [gone])
  f.delete(0, 1)
  return { doc, roots: { xml: 'xml' } }
})

def('xml-hook', 'Y.XmlHook (a YMap subclass, typeRef 5 with hook name) inside an XmlFragment. Note: XmlHook#toString() is "[object Object]" in yjs, so the xml string contains that literally.', (ctx) => {
  const doc = ctx.doc(32)
  const f = doc.getXmlFragment('xml')
  const hook = new Y.XmlHook('my-hook')
  f.insert(0, [new Y.XmlText('before'), hook])
  hook.set('src', 'img.png')
  hook.set('size', 3)
  return { doc, roots: { xml: 'xml' } }
})

// ---------------------------------------------------------------------------
// Sub-documents
// ---------------------------------------------------------------------------

def('subdoc', 'ContentDoc sub-documents: map.set("sub", new Y.Doc({guid:"g1"})), a gc:false/autoLoad/meta subdoc in an array, and an overwritten subdoc.', (ctx) => {
  const doc = ctx.doc(41)
  const m = doc.getMap('m')
  m.set('sub', new Y.Doc({ guid: 'g1' }))
  const a = doc.getArray('docs')
  a.push([new Y.Doc({ guid: 'g2', gc: false, autoLoad: true, meta: { title: 'two', n: 2 } })])
  m.set('old', new Y.Doc({ guid: 'g3' }))
  m.set('old', 'replaced')
  return { doc, roots: { m: 'map', docs: 'array' } }
})

// ---------------------------------------------------------------------------
// Client ids
// ---------------------------------------------------------------------------

def('client-id-large', 'Client ids 2^32-1 and 2^53-1 (the maximum the wire allows) editing the same text; V1 varUints of 5 and 8 bytes.', (ctx) => {
  const a = ctx.doc(0xFFFFFFFF)
  const b = ctx.doc(Number.MAX_SAFE_INTEGER)
  a.getText('t').insert(0, 'abc')
  syncInto(b, a)
  b.getText('t').insert(1, 'XY')
  b.getText('t').delete(3, 1)
  syncInto(a, b)
  a.getText('t').insert(0, '>')
  syncInto(b, a)
  return { doc: b, roots: { t: 'text' }, merge: true }
})

// ---------------------------------------------------------------------------
// Random edits (seeded lib0 PRNG)
// ---------------------------------------------------------------------------

const randomOp = (gen, text) => {
  const len = text.length
  if (len === 0 || prng.int32(gen, 0, 99) < 60) {
    const index = prng.int32(gen, 0, len)
    text.insert(index, prng.word(gen, 1, 6))
  } else {
    const index = prng.int32(gen, 0, len - 1)
    text.delete(index, prng.int32(gen, 1, Math.min(6, len - index)))
  }
}

const random1 = (ctx, gc) => {
  const gen = prng.create(gc ? 1001 : 1002)
  const doc = ctx.doc(gc ? 51 : 52, { gc })
  const t = doc.getText('t')
  for (let i = 0; i < 2000; i++) {
    randomOp(gen, t)
    if (!gc && i === 999) ctx.snapshot(doc)
  }
  return doc
}

def('random-text-1client-gc', '2000 seeded random insert/delete ops (one transaction each) on one client, gc on. Diff file = diffUpdate(v1, state vector after op 1000).', (ctx) => {
  const gen = prng.create(1001)
  const doc = ctx.doc(51)
  const t = doc.getText('t')
  let mid = null
  for (let i = 0; i < 2000; i++) {
    randomOp(gen, t)
    if (i === 999) mid = sv(doc)
  }
  return { doc, roots: { t: 'text' }, diffSv: mid }
})

def('random-text-1client-nogc', '2000 seeded random insert/delete ops on one client, gc:false. Snapshot after op 1000.', (ctx) => {
  return { doc: random1(ctx, false), roots: { t: 'text' } }
})

const random3 = (ctx, gc) => {
  const gen = prng.create(gc ? 2001 : 2002)
  const docs = [ctx.doc(101, { gc }), ctx.doc(102, { gc }), ctx.doc(103, { gc })]
  let mid = null
  for (let i = 0; i < 2000; i++) {
    const d = docs[prng.int32(gen, 0, 2)]
    randomOp(gen, d.getText('t'))
    if (prng.int32(gen, 0, 9) === 0) {
      const a = prng.int32(gen, 0, 2)
      const b = (a + prng.int32(gen, 1, 2)) % 3
      syncInto(docs[a], docs[b])
    }
    if (i === 999) {
      if (!gc) ctx.snapshot(docs[0])
      mid = sv(docs[0])
    }
  }
  syncAll(docs)
  for (const d of docs) assert.equal(d.getText('t').toString(), docs[0].getText('t').toString())
  return { doc: docs[0], mid }
}

def('random-text-3clients-gc', '3 clients (101, 102, 103), 2000 seeded random ops with random pairwise syncs (encodeStateAsUpdate against the receiver\'s state vector), then a full sync; subject = client 101\'s doc, gc on. Merged file = mergeUpdates of all the subject\'s updates; diff file = diffUpdate(v1, subject state vector after op 1000).', (ctx) => {
  const { doc, mid } = random3(ctx, true)
  return { doc, roots: { t: 'text' }, merge: true, diffSv: mid }
})

def('random-text-3clients-nogc', 'Same shape as random-text-3clients-gc (different seed) with gc:false; snapshot of the subject after op 1000.', (ctx) => {
  const { doc } = random3(ctx, false)
  return { doc, roots: { t: 'text' }, merge: true }
})

// ---------------------------------------------------------------------------
// Real editing trace
// ---------------------------------------------------------------------------

let traceCache = null
const loadTrace = () => {
  if (traceCache === null) traceCache = JSON.parse(zlib.gunzipSync(fs.readFileSync(TRACE)).toString('utf8'))
  return traceCache
}
const replayTrace = (doc, txns, onStep) => {
  const t = doc.getText('t')
  txns.forEach((txn, i) => {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) t.delete(pos, del)
        if (ins) t.insert(pos, ins)
      }
    })
    if (onStep) onStep(i)
  })
}

def('automerge-paper-3000', 'First 3000 transactions of the automerge-paper editing trace (patches [pos, delCount, insText], ASCII), one transaction each, client 61, gc on. Merged file = mergeUpdates of the 3000 updates; diff against the state after 1500 ops.', (ctx) => {
  const doc = ctx.doc(61)
  let mid = null
  replayTrace(doc, loadTrace().txns.slice(0, 3000), (i) => { if (i === 1499) mid = sv(doc) })
  return { doc, roots: { t: 'text' }, merge: true, diffSv: mid }
})

def('automerge-paper-3000-nogc', 'First 3000 transactions of the automerge-paper trace, client 62, gc:false; snapshot after 1500 ops.', (ctx) => {
  const doc = ctx.doc(62, { gc: false })
  replayTrace(doc, loadTrace().txns.slice(0, 3000), (i) => { if (i === 1499) ctx.snapshot(doc) })
  return { doc, roots: { t: 'text' } }
})

// ---------------------------------------------------------------------------
// Diff
// ---------------------------------------------------------------------------

def('diff-update', 'Two clients edit text and map; diff file = Y.diffUpdate(full V1 state, state vector of client 72\'s doc before the last round) — what a peer at that state is missing.', (ctx) => {
  const a = ctx.doc(71)
  const b = ctx.doc(72)
  a.getText('t').insert(0, 'hello')
  a.getMap('m').set('x', 1)
  syncInto(b, a)
  const bSv = sv(b)
  a.getText('t').insert(5, ' world')
  a.getText('t').delete(0, 1)
  a.getMap('m').set('x', 2)
  a.getMap('m').set('y', [1, 2])
  b.getText('t').insert(0, 'B')
  syncInto(a, b)
  return { doc: a, roots: { t: 'text', m: 'map' }, diffSv: bSv }
})

// ---------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------

const loadDoc = (update, v2 = false, gc = true) => {
  const d = new Y.Doc({ gc })
  if (v2) Y.applyUpdateV2(d, update)
  else Y.applyUpdate(d, update)
  return d
}
const canonical = (doc, roots) => {
  const out = {}
  for (const [name, kind] of Object.entries(roots)) out[name] = renderRoot(doc, name, kind)
  return out
}
const expectedOf = (doc, roots) => {
  const e = { text: {}, map: {}, array: {}, xml: {} }
  for (const [name, kind] of Object.entries(roots)) {
    const t = getRoot(doc, name, kind)
    if (kind === 'text') e.text[name] = { string: t.toString(), delta: renderDelta(t) }
    else if (kind === 'map' || kind === 'array') e[kind][name] = renderValue(t.toJSON())
    else e.xml[name] = t.toString()
  }
  e.canonical = canonical(doc, roots)
  return e
}
const specCheck = (name, label, actual, wantHex) => {
  const got = hex(actual)
  const want = wantHex.replace(/\s+/g, '')
  if (got !== want) throw new Error(`fixture ${name}: spec vector ${label} mismatch\n  got  ${got}\n  want ${want}`)
}

const run = () => {
  fs.mkdirSync(OUT, { recursive: true })
  for (const f of fs.readdirSync(OUT)) {
    if (f.endsWith('.bin') || f === 'manifest.json') fs.unlinkSync(path.join(OUT, f))
  }
  const names = new Set()
  const manifest = {
    generator: 'tests/interop/generate-fixtures.mjs',
    versions: {
      yjs: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/yjs/package.json'), 'utf8')).version,
      lib0: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/lib0/package.json'), 'utf8')).version
    },
    fixtures: []
  }
  for (const { name, description, build } of fixtures) {
    assert.ok(!names.has(name), 'duplicate fixture ' + name)
    names.add(name)
    const ctx = new Ctx()
    const res = build(ctx)
    const { doc, roots } = res
    const rec = ctx.updatesOf(doc)
    assert.ok(rec, `${name}: subject doc must be created with ctx.doc`)
    const v1 = Y.encodeStateAsUpdate(doc)
    const v2 = Y.encodeStateAsUpdateV2(doc)
    const files = { v1: `${name}.v1.bin`, v2: `${name}.v2.bin` }
    fs.writeFileSync(path.join(OUT, files.v1), v1)
    fs.writeFileSync(path.join(OUT, files.v2), v2)

    // expected content, from what a reader gets
    const fromV1 = loadDoc(v1, false, doc.gc)
    const fromV2 = loadDoc(v2, true, doc.gc)
    const expected = expectedOf(fromV1, roots)
    assert.deepEqual(canonical(fromV2, roots), expected.canonical, `${name}: V2 load differs from V1 load`)
    const replay = new Y.Doc({ gc: doc.gc })
    for (const u of rec.v1) Y.applyUpdate(replay, u)
    assert.deepEqual(canonical(replay, roots), expected.canonical, `${name}: replaying updates differs`)
    const replay2 = new Y.Doc({ gc: doc.gc })
    for (const u of rec.v2) Y.applyUpdateV2(replay2, u)
    assert.deepEqual(canonical(replay2, roots), expected.canonical, `${name}: replaying V2 updates differs`)
    const authorDiffers = JSON.stringify(canonical(doc, roots)) !== JSON.stringify(expected.canonical)

    const entry = {
      name,
      description,
      clientIds: ctx.clientIds,
      gc: doc.gc,
      roots,
      files,
      stateVector: hex(Y.encodeStateVector(doc)),
      v1Size: v1.length,
      v2Size: v2.length,
      expected,
      updates: rec.v1.map(hex),
      updatesV2: rec.v2.map(hex)
    }
    if (authorDiffers) entry.authorContentDiffers = true
    if (res.notes) entry.notes = res.notes
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      entry.pending = { structs: doc.store.pendingStructs !== null, deleteSet: doc.store.pendingDs !== null }
    }

    if (ctx.snap) {
      const s = ctx.snap
      entry.snapshot = hex(Y.encodeSnapshot(s))
      entry.snapshotV2 = hex(Y.encodeSnapshotV2(s))
      const fromSnap = Y.createDocFromSnapshot(doc, s)
      const snapText = {}
      for (const [rn, kind] of Object.entries(roots)) if (kind === 'text') snapText[rn] = fromSnap.getText(rn).toString()
      expected.snapshotText = snapText
      expected.snapshotCanonical = canonical(fromSnap, roots)
      // the same from the reloaded (gc:false) doc and the decoded snapshot
      const again = Y.createDocFromSnapshot(fromV1, Y.decodeSnapshot(Y.encodeSnapshot(s)))
      assert.deepEqual(canonical(again, roots), expected.snapshotCanonical, `${name}: snapshot from reloaded doc differs`)
    }

    if (res.merge) {
      const inV1 = res.merge === true ? rec.v1 : res.merge.v1
      const inV2 = res.merge === true ? rec.v2 : res.merge.v2
      const merged = Y.mergeUpdates(inV1)
      const mergedV2 = Y.mergeUpdatesV2(inV2)
      files.mergedV1 = `${name}.merged.v1.bin`
      files.mergedV2 = `${name}.merged.v2.bin`
      fs.writeFileSync(path.join(OUT, files.mergedV1), merged)
      fs.writeFileSync(path.join(OUT, files.mergedV2), mergedV2)
      entry.mergedInputCount = inV1.length
      entry.mergedStateVector = hex(Y.encodeStateVectorFromUpdate(merged))
      if (res.merge === true) {
        assert.deepEqual(canonical(loadDoc(merged, false, doc.gc), roots), expected.canonical, `${name}: merged V1 differs`)
        assert.deepEqual(canonical(loadDoc(mergedV2, true, doc.gc), roots), expected.canonical, `${name}: merged V2 differs`)
        entry.mergedInputs = 'updates'
      } else {
        entry.mergedInputs = 'explicit'
        entry.mergeInputs = inV1.map(hex)
        entry.mergeInputsV2 = inV2.map(hex)
      }
    }

    if (res.diffSv) {
      const d1 = Y.diffUpdate(v1, res.diffSv)
      const d2 = Y.diffUpdateV2(v2, res.diffSv)
      files.diffV1 = `${name}.diff.v1.bin`
      files.diffV2 = `${name}.diff.v2.bin`
      fs.writeFileSync(path.join(OUT, files.diffV1), d1)
      fs.writeFileSync(path.join(OUT, files.diffV2), d2)
      entry.diffStateVector = hex(res.diffSv)
    }

    if (res.spec) {
      const s = res.spec
      for (const [k, want] of Object.entries(s)) {
        let m
        if (k === 'v1') specCheck(name, k, v1, want)
        else if (k === 'v2') specCheck(name, k, v2, want)
        else if (k === 'sv') specCheck(name, k, Y.encodeStateVector(doc), want)
        else if (k === 'snapshot') specCheck(name, k, Y.encodeSnapshot(ctx.snap), want)
        else if (k === 'merged') specCheck(name, k, fs.readFileSync(path.join(OUT, files.mergedV1)), want)
        else if (k === 'mergedV2') specCheck(name, k, fs.readFileSync(path.join(OUT, files.mergedV2)), want)
        else if ((m = /^update(\d+)(V2)?$/.exec(k))) specCheck(name, k, (m[2] ? rec.v2 : rec.v1)[+m[1]], want)
        else throw new Error('unknown spec key ' + k)
      }
      entry.specVectorsChecked = Object.keys(s)
    }
    manifest.fixtures.push(entry)
    for (const d of ctx.docs) d.destroy()
  }
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n')
  console.log(`wrote ${manifest.fixtures.length} fixtures to ${OUT}`)

  if (CHECK) {
    const ref = path.join(here, 'fixtures')
    const listBin = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.bin') || f === 'manifest.json').sort()
    const a = listBin(OUT)
    const b = fs.existsSync(ref) ? listBin(ref) : []
    assert.deepEqual(a, b, 'fixture file lists differ')
    for (const f of a) {
      assert.ok(fs.readFileSync(path.join(OUT, f)).equals(fs.readFileSync(path.join(ref, f))), `fixtures/${f} differs from a fresh run`)
    }
    fs.rmSync(OUT, { recursive: true })
    console.log('check ok: fixtures/ is up to date')
  }
}

run()
