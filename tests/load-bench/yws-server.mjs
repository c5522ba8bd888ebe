// yws-server.mjs — the reference server of the DraftPad load benchmark (`DraftPad.Benchmarks load`).
//
//   node yws-server.mjs [--port 1234] [--host 127.0.0.1] [--seed-file PATH]
//
// A minimal relay in the style of y-websocket's server, on the stock packages (yjs, y-protocols, ws):
// a client connects to ws://HOST:PORT/<room>; the server keeps one Y.Doc per room in memory, greets a
// new socket with sync step 1 (and the room's awareness states, if any), answers step 1 with step 2,
// applies step 2 / update messages and broadcasts every document update to the room's other sockets;
// awareness updates are applied and relayed the same way. One binary WebSocket message carries one
// y-protocols message (varUint type • payload), exactly the y-websocket framing.
//
// There is NO persistence: an update is "done" once it is in memory, whereas DraftPad stores (fsyncs)
// every update before it acknowledges and relays it. The benchmark report says so.
//
// --seed-file: every new room's Y.Text "content" starts with this file's text (the benchmark passes
// the DraftPad pad's initial markdown, so both servers start from documents of the same size).
//
// HTTP: GET /readyz → "ready"; GET /rooms/<room>/text → the room's Y.Text "content" (the convergence
// check); GET /rooms → JSON list of rooms with their connection counts.
// Prints "listening <port>" on stdout once it accepts connections; exits on SIGTERM/SIGINT.
import fs from 'node:fs'
import http from 'node:http'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const port = Number(arg('--port', '1234'))
const host = arg('--host', '127.0.0.1')
const seedFile = arg('--seed-file', null)
const seedText = seedFile ? fs.readFileSync(seedFile, 'utf8') : ''

/** @type {Map<string, Room>} */
const rooms = new Map()

class Room {
  constructor (name) {
    this.name = name
    this.doc = new Y.Doc({ gc: true })
    if (seedText.length > 0) this.doc.getText('content').insert(0, seedText)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null) // the server has no presence of its own
    /** @type {Map<import('ws').WebSocket, Set<number>>} socket → awareness client ids it announced */
    this.sockets = new Map()
    this.doc.on('update', (update, origin) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeUpdate(encoder, update)
      this.broadcast(encoding.toUint8Array(encoder), origin)
    })
    this.awareness.on('update', ({ added, updated, removed }, origin) => {
      const changed = added.concat(updated, removed)
      const owned = this.sockets.get(origin)
      if (owned) {
        for (const id of added) owned.add(id)
        for (const id of removed) owned.delete(id)
      }
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
      this.broadcast(encoding.toUint8Array(encoder), origin)
    })
  }

  /** Sends to every socket of the room except `except` (the origin of the change). */
  broadcast (message, except) {
    for (const socket of this.sockets.keys()) {
      if (socket !== except) send(socket, message)
    }
  }
}

const roomOf = (name) => {
  let room = rooms.get(name)
  if (!room) {
    room = new Room(name)
    rooms.set(name, room)
  }
  return room
}

const send = (socket, message) => {
  if (socket.readyState !== socket.OPEN) return
  socket.send(message, { binary: true }, (err) => { if (err) socket.close() })
}

const onMessage = (room, socket, data) => {
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  const encoder = encoding.createEncoder()
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MESSAGE_SYNC:
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      // Answers step 1 with step 2; applies step 2 and updates with the socket as origin.
      syncProtocol.readSyncMessage(decoder, encoder, room.doc, socket)
      if (encoding.length(encoder) > 1) send(socket, encoding.toUint8Array(encoder))
      break
    case MESSAGE_AWARENESS:
      awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), socket)
      break
    case MESSAGE_QUERY_AWARENESS:
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]))
      send(socket, encoding.toUint8Array(encoder))
      break
    default:
      throw new Error(`unknown message type ${type}`)
  }
}

const httpServer = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const text = /^\/rooms\/([^/]+)\/text$/.exec(url.pathname)
  if (url.pathname === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ready')
  } else if (text) {
    const room = rooms.get(decodeURIComponent(text[1]))
    if (!room) res.writeHead(404).end('no such room')
    else res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(room.doc.getText('content').toString())
  } else if (url.pathname === '/rooms') {
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify([...rooms.values()].map(r => ({ name: r.name, connections: r.sockets.size }))))
  } else {
    res.writeHead(404).end('not found')
  }
})

const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false })
wss.on('connection', (socket, req) => {
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(1)) || 'default'
  const room = roomOf(name)
  room.sockets.set(socket, new Set())
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data, isBinary) => {
    try {
      onMessage(room, socket, data)
    } catch (err) {
      console.error(`room ${name}: bad message: ${err?.message ?? err}`)
      socket.close(1003, 'bad message')
    }
  })
  socket.on('close', () => {
    const owned = room.sockets.get(socket)
    room.sockets.delete(socket)
    if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...owned], null)
  })
  // Greeting: sync step 1, then the known presence.
  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(step1, room.doc)
  send(socket, encoding.toUint8Array(step1))
  const states = room.awareness.getStates()
  if (states.size > 0) {
    const aw = encoding.createEncoder()
    encoding.writeVarUint(aw, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]))
    send(socket, encoding.toUint8Array(aw))
  }
})

httpServer.listen(port, host, () => {
  console.log(`listening ${httpServer.address().port}`)
})

const stop = () => {
  for (const socket of wss.clients) socket.terminate()
  wss.close()
  httpServer.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
