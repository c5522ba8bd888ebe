#!/usr/bin/env node
/**
 * yjs-peer.selftest.mjs — smoke test for yjs-peer.mjs.
 *
 *   node yjs-peer.selftest.mjs
 *
 * Spawns `node yjs-peer.mjs`, sends commands over stdin, checks each JSON
 * response with node:assert (including the spec section 10 byte vectors and a
 * round trip of the golden fixtures), and prints "N passed, M failed".
 * Exit code 0 only if every check passed.
 */
import { spawn } from 'node:child_process'
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const child = spawn(process.execPath, [path.join(here, 'yjs-peer.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] })
const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity })
const waiting = []
rl.on('line', (line) => {
  const w = waiting.shift()
  if (!w) throw new Error('unexpected output line: ' + line)
  w(JSON.parse(line))
})

/** send one command (object or raw string), resolve with the parsed response */
const send = (cmd) => new Promise((resolve) => {
  waiting.push(resolve)
  child.stdin.write((typeof cmd === 'string' ? cmd : JSON.stringify(cmd)) + '\n')
})
const ok = async (cmd) => {
  const r = await send(cmd)
  assert.equal(r.ok, true, `command failed: ${JSON.stringify(cmd).slice(0, 200)} → ${r.error}`)
  return r
}
const bad = async (cmd) => {
  const r = await send(cmd)
  assert.equal(r.ok, false, 'expected an error for ' + JSON.stringify(cmd))
  assert.equal(typeof r.error, 'string')
  return r
}
const hex = (b64) => Buffer.from(b64, 'base64').toString('hex')
const b64 = (h) => Buffer.from(h.replace(/\s+/g, ''), 'hex').toString('base64')
const T = { root: 't', kind: 'text' }
const M = { root: 'm', kind: 'map' }
const A = { root: 'a', kind: 'array' }

let passed = 0
let failed = 0
const test = async (name, f) => {
  try {
    await ok({ cmd: 'reset' })
    await f()
    passed++
    console.log('ok   ' + name)
  } catch (e) {
    failed++
    console.log('FAIL ' + name + '\n     ' + String(e && e.message ? e.message : e).split('\n').join('\n     '))
  }
}

await test('ping reports pinned versions', async () => {
  const r = await ok({ cmd: 'ping', id: 'x' })
  assert.equal(r.id, 'x')
  assert.equal(r.yjs, '13.6.33')
  assert.equal(r.lib0, '0.2.120')
})

await test('spec 10.1-10.4 text vectors', async () => {
  await ok({ cmd: 'new', peer: 1, client: 1 })
  let r = await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 0, text: 'ab', attrs: null } })
  assert.deepEqual(r.updates.map(hex), ['010101000401017402616200'])
  assert.deepEqual(r.updatesV2.map(hex), ['0000010100000104060374616201020101000001010000'])
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 1, text: 'X' } })
  assert.deepEqual(r.updates.map(hex), ['01010102c401000101015800'])
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'deleteText', target: T, index: 0, length: 1 } })
  assert.deepEqual(r.updates.map(hex), ['000101010001'])
  assert.deepEqual(r.updatesV2.map(hex), ['0000000000000100000000000101010000'])
  r = await ok({ cmd: 'state', peer: 1, sv: null })
  assert.equal(hex(r.sv), '010103')
  assert.equal(hex(r.v1), '0103010001010174018401000162c4010001010158010101000' + '1')
  assert.deepEqual(r.pending, { structs: false, deleteSet: false })
  // no-op transaction emits nothing
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'batch', ops: [] } })
  assert.deepEqual(r.updates, [])
  // map vectors 10.5
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'k', value: 42 } })
  assert.deepEqual(r.updates.map(hex), ['010101032801016d016b017d2a00'])
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'k', value: 'v' } })
  assert.deepEqual(r.updates.map(hex), ['01010104a80103017701760101010301'])
})

await test('sync two peers, state against a state vector, content', async () => {
  await ok({ cmd: 'new', peer: 1, client: 10 })
  await ok({ cmd: 'new', peer: 2, client: 20, gc: true })
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 0, text: 'hello' } })
  const s1 = await ok({ cmd: 'state', peer: 1 })
  let r = await ok({ cmd: 'apply', peer: 2, update: s1.v1, v2: false })
  assert.equal(r.updates.length, 1)
  await ok({ cmd: 'op', peer: 2, op: { type: 'insertText', target: T, index: 5, text: ' world' } })
  const sv1 = (await ok({ cmd: 'state', peer: 1 })).sv
  const d = await ok({ cmd: 'state', peer: 2, sv: sv1 })
  r = await ok({ cmd: 'apply', peer: 1, update: d.v2, v2: true })
  assert.equal(r.updatesV2.length, 1)
  const c1 = await ok({ cmd: 'content', peer: 1, roots: [T] })
  const c2 = await ok({ cmd: 'content', peer: 2, roots: [T] })
  assert.deepEqual(c1.content, { t: { delta: [{ insert: 'hello world' }] } })
  assert.deepEqual(c1.content, c2.content)
})

await test('value escapes and canonical rendering', async () => {
  await ok({ cmd: 'new', peer: 1, client: 3 })
  const value = {
    b: { $bytes: 'AQI=' },
    u: [{ $undefined: true }, null],
    big: { $bigint: '-5' },
    z: { $number: '-0' },
    nan: { $number: 'NaN' },
    obj: { y: 1, x: [true, 'é'] }
  }
  await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'v', value } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'child', value: { $type: 'text', init: 'z' } } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'list', value: { $type: 'array', items: [1, { $type: 'map', entries: { k: 'v' } }] } } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: { ...M, path: ['child'] }, index: 1, text: 'Z', attrs: { bold: true } } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: { ...M, path: ['list', 1] }, key: 'n', value: 2 } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'sub', value: { $type: 'doc', guid: 'g1' } } })
  const r = await ok({ cmd: 'content', peer: 1, roots: [M] })
  assert.deepEqual(r.content.m, {
    child: { $text: [{ insert: 'z' }, { insert: 'Z', attributes: { bold: true } }] },
    list: { $array: [1, { $map: { k: 'v', n: 2 } }] },
    sub: { $doc: { guid: 'g1' } },
    v: {
      b: { $bytes: 'AQI=' },
      big: { $bigint: '-5' },
      nan: { $number: 'NaN' },
      obj: { x: [true, 'é'], y: 1 },
      u: [{ $undefined: true }, null],
      z: { $number: '-0' }
    }
  })
  assert.deepEqual(Object.keys(r.content.m), ['child', 'list', 'sub', 'v'])
  // round-trip through a second peer
  await ok({ cmd: 'new', peer: 2, client: 4 })
  await ok({ cmd: 'apply', peer: 2, update: (await ok({ cmd: 'state', peer: 1 })).v2, v2: true })
  assert.deepEqual((await ok({ cmd: 'content', peer: 2, roots: [M] })).content, r.content)
})

await test('formatting, embeds, applyDelta', async () => {
  await ok({ cmd: 'new', peer: 1, client: 2 })
  let r = await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 0, text: 'hi', attrs: { bold: true } } })
  assert.deepEqual(r.updates.map(hex), ['010302000601017404626f6c6404747275658402000268698602020462' + '6f6c64046e756c6c00'])
  r = await ok({ cmd: 'op', peer: 1, op: { type: 'insertEmbed', target: T, index: 2, embed: { image: 'x.png' } } })
  assert.deepEqual(r.updates.map(hex), ['0101020485020311' + Buffer.from('{"image":"x.png"}').toString('hex') + '00'])
  await ok({ cmd: 'op', peer: 1, op: { type: 'format', target: T, index: 0, length: 1, attrs: { bold: null, italic: true } } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'applyDelta', target: T, delta: [{ retain: 3 }, { insert: '!', attributes: { color: 'red' } }] } })
  r = await ok({ cmd: 'content', peer: 1, roots: [T] })
  assert.deepEqual(r.content.t.delta, [
    { insert: 'h', attributes: { italic: true } },
    { insert: 'i', attributes: { bold: true } },
    { insert: { image: 'x.png' } },
    { insert: '!', attributes: { color: 'red' } }
  ])
})

await test('arrays, nested paths, xml ops', async () => {
  await ok({ cmd: 'new', peer: 1, client: 5 })
  await ok({ cmd: 'op', peer: 1, op: { type: 'arrayInsert', target: A, index: 0, values: [1, 2, 3, { $type: 'text' }] } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'arrayDelete', target: A, index: 1, length: 1 } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: { ...A, path: [2] }, index: 0, text: 'x' } })
  const X = { root: 'x', kind: 'xml' }
  await ok({ cmd: 'op', peer: 1, op: { type: 'xmlInsert', target: X, index: 0, nodes: [{ $type: 'xmlElement', name: 'p' }, { $type: 'xmlText', init: 'tail' }] } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'setAttribute', target: { ...X, path: [0] }, key: 'class', value: 'c' } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'xmlInsert', target: { ...X, path: [0] }, index: 0, nodes: [{ $type: 'xmlText', init: 'in' }] } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'format', target: { ...X, path: [0, 0] }, index: 0, length: 2, attrs: { b: {} } } })
  const r = await ok({ cmd: 'content', peer: 1, roots: [A, X] })
  assert.deepEqual(r.content.a, [1, 3, { $text: [{ insert: 'x' }] }])
  assert.equal(r.content.x.string, '<p class="c"><b>in</b></p>tail')
  assert.deepEqual(r.content.x.children[0], {
    $xmlElement: { name: 'p', attrs: { class: 'c' }, children: [{ $xmlText: [{ insert: 'in', attributes: { b: {} } }] }] }
  })
})

await test('merge, diff, svFromUpdate, convert, pending (spec 10.13)', async () => {
  const u1 = b64('01 01 01 00 04 01 01 74 02 61 62 00')
  // a peer receiving its own client id with clocks it did not write makes Yjs pick a new random id
  await ok({ cmd: 'new', peer: 3, client: 1 })
  const col = await ok({ cmd: 'apply', peer: 3, update: u1 })
  assert.equal(typeof col.clientChanged, 'number')
  assert.notEqual(col.clientChanged, 1)
  await ok({ cmd: 'new', peer: 1, client: 1 })
  const r1 = await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 0, text: 'ab' } })
  assert.deepEqual(r1.updates, [u1])
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 2, text: 'c' } })
  const r3 = await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 3, text: 'd' } })
  const m = await ok({ cmd: 'merge', updates: [u1, r3.updates[0]] })
  assert.equal(hex(m.update), '01030100040101740261620a0184010201640' + '0')
  const sv = await ok({ cmd: 'svFromUpdate', update: m.update })
  assert.equal(hex(sv.sv), '010102')
  // pending: apply only the clock-3 update to a fresh peer
  await ok({ cmd: 'new', peer: 2, client: 2 })
  const ap = await ok({ cmd: 'apply', peer: 2, update: r3.updates[0] })
  assert.deepEqual(ap.updates, [])
  const st = await ok({ cmd: 'state', peer: 2 })
  assert.deepEqual(st.pending, { structs: true, deleteSet: false })
  assert.equal(hex(st.sv), '00')
  assert.deepEqual((await ok({ cmd: 'content', peer: 2, roots: [T] })).content.t.delta, [])
  // diff of the full state against the state after "ab"
  const full = await ok({ cmd: 'state', peer: 1 })
  const d = await ok({ cmd: 'diff', update: full.v1, sv: b64('01 01 02') })
  await ok({ cmd: 'apply', peer: 2, update: u1 })
  await ok({ cmd: 'apply', peer: 2, update: d.update })
  assert.deepEqual((await ok({ cmd: 'content', peer: 2, roots: [T] })).content.t.delta, [{ insert: 'abcd' }])
  const dv2 = await ok({ cmd: 'diff', update: full.v2, sv: b64('01 01 02'), v2: true })
  const conv = await ok({ cmd: 'convert', update: dv2.update, to: 'v1' })
  assert.equal(conv.update, d.update)
  const mv2 = await ok({ cmd: 'merge', updates: [full.v2], v2: true })
  assert.ok(mv2.update.length > 0)
})

await test('snapshots on a gc:false peer', async () => {
  await ok({ cmd: 'new', peer: 1, client: 5, gc: false })
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 0, text: 'abc' } })
  await ok({ cmd: 'op', peer: 1, op: { type: 'deleteText', target: T, index: 1, length: 1 } })
  const s = await ok({ cmd: 'snapshot', peer: 1 })
  assert.equal(hex(s.snapshot), '0105010101010503')
  const before = await ok({ cmd: 'state', peer: 1 })
  assert.equal(hex(before.v1), '010305000401017401618405000162840501016301050101' + '01')
  await ok({ cmd: 'op', peer: 1, op: { type: 'insertText', target: T, index: 2, text: 'Z' } })
  const c = await ok({ cmd: 'snapshotContent', peer: 1, snapshot: s.snapshot, roots: [T] })
  assert.deepEqual(c.content.t.delta, [{ insert: 'ac' }])
})

await test('errors never kill the process', async () => {
  await bad('this is not json')
  await bad('[1,2]')
  await bad({ cmd: 'nope' })
  await bad({ cmd: 'op', peer: 99, op: {} })
  await ok({ cmd: 'new', peer: 1, client: 1 })
  await bad({ cmd: 'new', peer: 1, client: 1 })
  await bad({ cmd: 'new', peer: 2, client: -1 })
  await bad({ cmd: 'op', peer: 1, op: { type: 'bogus', target: T } })
  await bad({ cmd: 'op', peer: 1, op: { type: 'insertText', target: { root: 't', kind: 'tree' }, index: 0, text: 'a' } })
  await bad({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: T, key: 'a', value: 1 } }) // t is a text
  await bad({ cmd: 'op', peer: 1, op: { type: 'insertText', target: { ...M, path: ['missing'] }, index: 0, text: 'a' } })
  await bad({ cmd: 'op', peer: 1, op: { type: 'mapSet', target: M, key: 'x', value: { $bigint: 'abc' } } })
  await bad({ cmd: 'op', peer: 1, op: { type: 'arrayInsert', target: A, index: 5, values: [1] } })
  await bad({ cmd: 'apply', peer: 1, update: 'AQ==' }) // truncated update
  await bad({ cmd: 'state', peer: 1, sv: 12 })
  // a partially applied batch reports its updates
  const r = await bad({ cmd: 'op', peer: 1, op: { type: 'batch', ops: [{ type: 'mapSet', target: M, key: 'a', value: 1 }, { type: 'nope' }] } })
  assert.equal(r.updates.length, 1)
  await ok({ cmd: 'destroy', peer: 1 })
  await bad({ cmd: 'content', peer: 1, roots: [] })
  await ok({ cmd: 'ping' })
})

await test('golden fixtures load with the expected canonical content', async () => {
  const dir = path.join(here, 'fixtures')
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
  let peer = 1
  for (const f of manifest.fixtures) {
    const roots = Object.entries(f.roots).map(([root, kind]) => ({ root, kind }))
    for (const [file, v2] of [[f.files.v1, false], [f.files.v2, true]]) {
      await ok({ cmd: 'new', peer, client: 424242, gc: f.gc })
      await ok({ cmd: 'apply', peer, update: fs.readFileSync(path.join(dir, file)).toString('base64'), v2 })
      const c = await ok({ cmd: 'content', peer, roots })
      assert.deepEqual(c.content, f.expected.canonical, `fixture ${f.name} (${file})`)
      const st = await ok({ cmd: 'state', peer })
      assert.equal(hex(st.sv), f.stateVector, `fixture ${f.name} state vector`)
      await ok({ cmd: 'destroy', peer })
      peer++
    }
  }
})

child.stdin.end()
await new Promise((resolve) => child.on('exit', resolve))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && child.exitCode === 0 ? 0 : 1)
