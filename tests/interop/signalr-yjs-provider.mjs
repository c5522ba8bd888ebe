// A y-protocols provider over the DraftPad pad hub (docs/protocol.md), built only on the stock
// packages a browser uses: yjs, y-protocols, @microsoft/signalr (+ MessagePack protocol).
// It is the node reference client of the hub contract; the .NET tests drive it through pad-client.mjs.
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr'
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_AUTH = 2
const MESSAGE_QUERY_AWARENESS = 3

export class SignalRYjsProvider {
  /**
   * @param {string} url server base, e.g. http://127.0.0.1:5080
   * @param {string} padId a month, YYYY-MM
   * @param {import('yjs').Doc} doc
   * @param {{ protocol?: 'json'|'msgpack', accessToken?: string, awareness?: awarenessProtocol.Awareness }} options
   */
  constructor (url, padId, doc, { protocol = 'msgpack', accessToken, awareness } = {}) {
    this.padId = padId
    this.doc = doc
    this.protocol = protocol
    this.awareness = awareness ?? new awarenessProtocol.Awareness(doc)
    /** Messages of refused Sends (the server's HubException text). */
    this.errors = []
    this.acknowledged = 0
    this.lastReceiveAt = Date.now()
    this._pending = new Set()
    let resolveSynced
    this.synced = new Promise(resolve => { resolveSynced = resolve })
    this._resolveSynced = resolveSynced

    const builder = new HubConnectionBuilder()
      .withUrl(url.replace(/\/$/, '') + '/hubs/pad', {
        accessTokenFactory: accessToken ? () => accessToken : undefined,
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true
      })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.None)
    if (protocol === 'msgpack') builder.withHubProtocol(new MessagePackHubProtocol())
    this.connection = builder.build()
    // Registered before Join: the welcome (sync step 1, presence) arrives before Join completes.
    this.connection.on('Receive', (pad, message) => this._onReceive(pad, message))
    // After a reconnect the server has forgotten us: join again and re-sync by state vector.
    this.connection.onreconnected(() => { this._joinAndSync().catch(e => this.errors.push(String(e?.message ?? e))) })

    this._onDocUpdate = (update, origin) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeUpdate(encoder, update)
      this.send(encoding.toUint8Array(encoder))
    }
    this._onAwarenessUpdate = ({ added, updated, removed }, origin) => {
      if (origin !== 'local') return
      const changed = added.concat(updated, removed)
      this.send(frame(MESSAGE_AWARENESS, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)))
    }
    doc.on('update', this._onDocUpdate)
    this.awareness.on('update', this._onAwarenessUpdate)
  }

  /** Connects, joins the pad and sends our sync step 1; `synced` resolves when the server's step 2 is applied. */
  async connect () {
    await this.connection.start()
    await this._joinAndSync()
    return this.synced
  }

  async _joinAndSync () {
    await this.connection.invoke('Join', this.padId)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.send(encoding.toUint8Array(encoder))
    if (this.awareness.getLocalState() !== null) {
      this.send(frame(MESSAGE_AWARENESS, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])))
    }
  }

  /**
   * Sends one y-protocols message with `invoke`, so the server's acknowledgement (or refusal) is
   * seen. The JS client writes each invocation to the socket synchronously, so order is kept.
   */
  send (message) {
    const sent = this.connection.invoke('Send', this.padId, this._toWire(message))
      .then(() => { this.acknowledged++ }, e => { this.errors.push(String(e?.message ?? e)) })
    this._pending.add(sent)
    sent.finally(() => this._pending.delete(sent))
    return sent
  }

  /** Resolves once every Send made so far has been acknowledged or refused ("all changes saved"). */
  async whenAcknowledged () {
    while (this._pending.size > 0) await Promise.all([...this._pending])
  }

  _onReceive (pad, wire) {
    if (pad !== this.padId) return
    this.lastReceiveAt = Date.now()
    const decoder = decoding.createDecoder(this._fromWire(wire))
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_SYNC: {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
        // A step 1 from the server gets our step 2 (what it lacks).
        if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
        if (syncType === syncProtocol.messageYjsSyncStep2) this._resolveSynced()
        break
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
        break
      case MESSAGE_QUERY_AWARENESS:
        this.send(frame(MESSAGE_AWARENESS, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
        break
      case MESSAGE_AUTH:
        // varUint 0 (permission denied) • varString reason
        decoding.readVarUint(decoder)
        this.errors.push('permission denied: ' + decoding.readVarString(decoder))
        break
    }
  }

  // JSON hub protocol: byte[] travels as a base64 string both ways; MessagePack: as bin.
  _toWire (bytes) { return this.protocol === 'json' ? Buffer.from(bytes).toString('base64') : bytes }
  _fromWire (value) { return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : new Uint8Array(value) }

  async destroy () {
    this.doc.off('update', this._onDocUpdate)
    this.awareness.off('update', this._onAwarenessUpdate)
    this.awareness.destroy()
    try { await this.connection.invoke('Leave', this.padId) } catch { /* already gone */ }
    await this.connection.stop()
  }
}

/** `varUint type • varUint8Array(payload)`: the envelope of an awareness message. */
export function frame (type, payload) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
