// Command-line pad client used by tests/DraftPad.Server.Tests/Interop: stock yjs + y-protocols +
// @microsoft/signalr against the hub. Prints exactly one JSON line with the outcome.
//
//   node pad-client.mjs --url http://127.0.0.1:PORT --pad 2026-11 --protocol json|msgpack
//        --seed N --edits K --client-id ID [--token T] [--interval-ms 5] [--settle-ms 2000]
//        [--name alice] [--mode edit|bad]
//
// edit: K seeded random edits of Y.Text `content`, then waits for every acknowledgement and a quiet
//       period; prints {clientId, text, stateVector, acknowledged, errors, awarenessPeers}.
// bad:  sends refused messages one by one; prints {errors:[{case, message}], afterwardsOk}.
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { SignalRYjsProvider, frame } from './signalr-yjs-provider.mjs'

const args = parseArgs(process.argv.slice(2))
const url = required('url')
const pad = required('pad')
const protocol = args.protocol ?? 'msgpack'
const clientId = Number(args['client-id'] ?? Math.floor(Math.random() * 2 ** 31))

try {
  const result = args.mode === 'bad' ? await runBad() : await runEdits()
  process.stdout.write(JSON.stringify(result) + '\n')
  process.exit(0)
} catch (e) {
  process.stderr.write(`pad-client: ${e?.stack ?? e}\n`)
  process.exit(1)
}

async function connect () {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const provider = new SignalRYjsProvider(url, pad, doc, { protocol, accessToken: args.token })
  await withTimeout(provider.connect(), 15000, 'sync with the server')
  return { doc, provider }
}

async function runEdits () {
  const random = mulberry32(Number(args.seed ?? 1))
  const edits = Number(args.edits ?? 50)
  const interval = Number(args['interval-ms'] ?? 5)
  const settle = Number(args['settle-ms'] ?? 2000)
  const { doc, provider } = await connect()
  const text = doc.getText('content')
  const pieces = ['a', 'b', 'XEP', ' ', '\n', 'é', 'ß', '😀', '## ', '[link](/x)']
  for (let i = 0; i < edits; i++) {
    doc.transact(() => {
      if (text.length > 10 && random() < 0.25) {
        const at = Math.floor(random() * (text.length - 3))
        text.delete(at, 1 + Math.floor(random() * 3))
      } else {
        const at = Math.floor(random() * (text.length + 1))
        let insert = ''
        const n = 1 + Math.floor(random() * 4)
        for (let k = 0; k < n; k++) insert += pieces[Math.floor(random() * pieces.length)]
        text.insert(at, `{${clientId}:${i}}` + insert)
      }
    })
    if (random() < 0.1) {
      provider.awareness.setLocalState({ user: { name: args.name ?? `node-${clientId}` }, cursor: { anchor: i, head: i + 1 } })
    }
    if (interval > 0) await sleep(interval)
  }
  await provider.whenAcknowledged()
  while (Date.now() - provider.lastReceiveAt < settle) await sleep(settle / 4)
  const result = {
    clientId,
    text: text.toString(),
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    acknowledged: provider.acknowledged,
    errors: provider.errors,
    awarenessPeers: [...provider.awareness.getStates().keys()].filter(k => k !== clientId).length
  }
  await provider.destroy()
  return result
}

async function runBad () {
  const { doc, provider } = await connect()
  await provider.whenAcknowledged()
  const errors = []
  const attempt = async (name, action) => {
    try {
      await action()
      errors.push({ case: name, message: '' })
    } catch (e) {
      errors.push({ case: name, message: String(e?.message ?? e) })
    }
  }
  const wire = bytes => protocol === 'json' ? Buffer.from(bytes).toString('base64') : bytes
  const invokeSend = (padId, bytes) => provider.connection.invoke('Send', padId, wire(bytes))

  // A valid update of `content` from another doc, truncated.
  const other = new Y.Doc()
  other.clientID = clientId + 1
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  let update
  other.on('update', u => { update = u })
  other.getText('content').insert(0, 'x')
  const syncUpdate = payload => { const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, payload); return encoding.toUint8Array(e) }
  const valid = syncUpdate(update)
  await attempt('truncated sync update', () => invokeSend(pad, valid.subarray(0, valid.length - 3)))
  await attempt('unknown message type', () => invokeSend(pad, new Uint8Array([9])))
  await attempt('awareness with invalid JSON', () => invokeSend(pad, frame(1, new Uint8Array([1, 5, 1, 2, 0x7b, 0x78]))))
  let metaUpdate
  other.off('update', () => {})
  other.on('update', u => { metaUpdate = u })
  other.getMap('meta').set('status', 'exported')
  await attempt('contributor writes meta', () => invokeSend(pad, syncUpdate(metaUpdate)))
  await attempt('auth message from a client', () => invokeSend(pad, new Uint8Array([2, 0, 4, 0x6e, 0x6f, 0x70, 0x65])))
  await attempt('send before join', () => invokeSend('2026-01', valid))
  await attempt('join a non-month pad', () => provider.connection.invoke('Join', 'not-a-month'))

  // The connection still works: one valid edit, acknowledged.
  const before = provider.acknowledged
  doc.getText('content').insert(0, 'still fine ')
  await provider.whenAcknowledged()
  const afterwardsOk = provider.acknowledged === before + 1 && provider.errors.length === 0
  await provider.destroy()
  return { errors, afterwardsOk }
}

function parseArgs (argv) {
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`)
    out[argv[i].slice(2)] = argv[i + 1]
    i++
  }
  return out
}

function required (name) {
  if (args[name] === undefined) throw new Error(`--${name} is required`)
  return args[name]
}

function sleep (ms) { return new Promise(resolve => setTimeout(resolve, ms)) }

function withTimeout (promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))])
}

// Small seeded PRNG so a seed replays the same edits.
function mulberry32 (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
