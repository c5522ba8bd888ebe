/**
 * canonical.mjs — the canonical JSON rendering of Yjs content shared by
 * `yjs-peer.mjs` (the `content` command) and `generate-fixtures.mjs`
 * (`expected.canonical` in fixtures/manifest.json). The C# side reproduces
 * exactly this form, so any change here is a protocol change.
 *
 * Values (anything stored in a map, an array, an embed, a format attribute):
 *   null, true/false, strings        → themselves (JSON; a lone surrogate is
 *                                      written as a \udXXX escape by JSON.stringify)
 *   finite numbers except -0         → JSON numbers (JS double semantics; 2^31 → 2147483648)
 *   -0, NaN, Infinity, -Infinity     → {"$number":"-0"} / {"$number":"NaN"} /
 *                                      {"$number":"Infinity"} / {"$number":"-Infinity"}
 *   BigInt                           → {"$bigint":"<decimal>"}
 *   undefined                        → {"$undefined":true}
 *   Uint8Array                       → {"$bytes":"<standard base64, with padding>"}
 *   plain JS array                   → JSON array of rendered values
 *   plain JS object                  → JSON object of rendered values, keys sorted
 *                                      (ordinal UTF-16 code-unit order, i.e. JS default sort
 *                                      / C# string.CompareOrdinal)
 *   Y.Text                           → {"$text": <delta>}
 *   Y.Map                            → {"$map": {<sorted key>: value, ...}}
 *   Y.Array                          → {"$array": [value, ...]}
 *   Y.XmlText                        → {"$xmlText": <delta>}
 *   Y.XmlElement                     → {"$xmlElement": {"name": nodeName,
 *                                        "attrs": {<sorted attribute>: value},
 *                                        "children": [value, ...]}}
 *   Y.XmlFragment (nested)           → {"$xmlFragment": [value, ...]}
 *   Y.XmlHook                        → {"$xmlHook": {"name": hookName, "map": {<sorted key>: value}}}
 *   Y.Doc (sub-document)             → {"$doc": {"guid": guid}}
 * <delta> is Y.Text#toDelta(): an array of ops {"insert": X} or
 *   {"insert": X, "attributes": {<sorted key>: value}} ("attributes" is omitted when
 *   there are none); X is a string, or a rendered embed object / nested type.
 *   Consecutive string runs with equal attributes are merged by toDelta itself.
 *
 * Roots (content command / expected.canonical):
 *   text  → {"delta": <delta>}
 *   map   → {<sorted key>: value, ...}        (like toJSON(), but rendered as above)
 *   array → [value, ...]
 *   xml   → {"string": fragment.toString(), "children": [value, ...]}
 *
 * Objects are emitted with sorted keys so the JSON text is deterministic, but
 * consumers should compare structurally. Note: user objects that happen to
 * have a single "$..." key are not escaped (ambiguity accepted).
 */
import * as Y from 'yjs'

export const b64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64')
export const fromB64 = (s) => {
  if (typeof s !== 'string') throw new Error('expected a base64 string')
  return new Uint8Array(Buffer.from(s, 'base64'))
}
export const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex')

const sortedObject = (entries) => {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const o = {}
  for (const [k, v] of entries) o[k] = v
  return o
}

/** Render Y.Text#toDelta() canonically. */
export const renderDelta = (ytext) => ytext.toDelta().map((op) => {
  const out = {}
  if (op.attributes != null && Object.keys(op.attributes).length > 0) {
    out.attributes = renderValue(op.attributes)
  }
  out.insert = typeof op.insert === 'string' ? op.insert : renderValue(op.insert)
  return out
})

const renderMapEntries = (ymap) => {
  const entries = []
  // YMap#entries() skips deleted keys; works for YXmlHook (a YMap) too
  for (const [k, v] of ymap.entries()) entries.push([k, renderValue(v)])
  return sortedObject(entries)
}

/** Render any value found inside a Yjs document. */
export const renderValue = (v) => {
  if (v === undefined) return { $undefined: true }
  if (v === null) return null
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v
    case 'bigint':
      return { $bigint: v.toString() }
    case 'number':
      if (Object.is(v, -0)) return { $number: '-0' }
      if (Number.isNaN(v)) return { $number: 'NaN' }
      if (v === Infinity) return { $number: 'Infinity' }
      if (v === -Infinity) return { $number: '-Infinity' }
      return v
    case 'object':
      break
    default:
      throw new Error('cannot render value of type ' + typeof v)
  }
  if (v instanceof Uint8Array) return { $bytes: b64(v) }
  if (Array.isArray(v)) return v.map(renderValue)
  // order matters: subclasses first
  if (v instanceof Y.XmlText) return { $xmlText: renderDelta(v) }
  if (v instanceof Y.Text) return { $text: renderDelta(v) }
  if (v instanceof Y.XmlHook) return { $xmlHook: { name: v.hookName, map: renderMapEntries(v) } }
  if (v instanceof Y.Map) return { $map: renderMapEntries(v) }
  if (v instanceof Y.Array) return { $array: v.toArray().map(renderValue) }
  if (v instanceof Y.XmlElement) {
    return {
      $xmlElement: {
        name: v.nodeName,
        attrs: sortedObject(Object.entries(v.getAttributes()).map(([k, a]) => [k, renderValue(a)])),
        children: v.toArray().map(renderValue)
      }
    }
  }
  if (v instanceof Y.XmlFragment) return { $xmlFragment: v.toArray().map(renderValue) }
  if (v instanceof Y.Doc) return { $doc: { guid: v.guid } }
  if (v instanceof Y.AbstractType) throw new Error('cannot render unknown Yjs type ' + v.constructor.name)
  return sortedObject(Object.keys(v).map((k) => [k, renderValue(v[k])]))
}

export const ROOT_KINDS = ['text', 'map', 'array', 'xml']

/** Get (and type) a root of a doc by kind. */
export const getRoot = (doc, name, kind) => {
  if (typeof name !== 'string') throw new Error('root name must be a string')
  switch (kind) {
    case 'text': return doc.getText(name)
    case 'map': return doc.getMap(name)
    case 'array': return doc.getArray(name)
    case 'xml': return doc.getXmlFragment(name)
    default: throw new Error(`unknown root kind ${JSON.stringify(kind)} (expected text|map|array|xml)`)
  }
}

/** Render a root canonically (see header). */
export const renderRoot = (doc, name, kind) => {
  const t = getRoot(doc, name, kind)
  switch (kind) {
    case 'text': return { delta: renderDelta(t) }
    case 'map': return renderMapEntries(t)
    case 'array': return t.toArray().map(renderValue)
    case 'xml': return { string: t.toString(), children: t.toArray().map(renderValue) }
  }
}
