// Hugo shortcodes as the newsletter uses them, e.g.
//   {{< figure src="/images/newsletter/2026-12-05/client.png" caption="A client" >}}
// The site path of a pad's image maps to where this server serves the upload.

export interface Shortcode {
  name: string;
  attributes: Record<string, string>;
}

const shortcodeLine = /^\s*\{\{([<%])\s*([A-Za-z][\w-]*)((?:\s+[\w-]+\s*=\s*"(?:[^"\\]|\\.)*")*)\s*([%>])\}\}\s*$/;
const attribute = /([\w-]+)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Parses a line that is exactly one shortcode; null for anything else. */
export function parseShortcode(line: string): Shortcode | null {
  const match = shortcodeLine.exec(line);
  if (!match || (match[1] === '<') !== (match[4] === '>')) return null;
  const attributes: Record<string, string> = {};
  for (const [, key, value] of (match[3] ?? '').matchAll(attribute)) {
    attributes[key!] = value!.replace(/\\(.)/g, '$1');
  }
  return { name: match[2]!, attributes };
}

export type ImageSource =
  /** An image uploaded to this pad: shown from the server. */
  | { kind: 'pad'; url: string; name: string }
  /** An absolute http(s) image. */
  | { kind: 'external'; url: string }
  /** A path of the published site that this server does not have (e.g. the banner): a placeholder. */
  | { kind: 'site'; path: string }
  | { kind: 'invalid'; src: string };

const padImagePath = /^\/images\/newsletter\/[^/]+\/([A-Za-z0-9_][A-Za-z0-9._-]*)$/;

/**
 * Where the preview loads a figure's image from. `/images/newsletter/<date>/<name>` is the
 * site path of an upload (what the image list's `sitePath` says), so it maps to
 * `api/pads/<id>/images/<name>` on this server, whatever the date.
 */
export function resolveImageSource(src: string, padId: string, serverUrl: (path: string) => string): ImageSource {
  const pad = padImagePath.exec(src);
  if (pad) return { kind: 'pad', url: serverUrl(`api/pads/${padId}/images/${encodeURIComponent(pad[1]!)}`), name: pad[1]! };
  if (/^https?:\/\/[^\s"'<>]+$/i.test(src)) return { kind: 'external', url: src };
  if (/^\/[^\s"'<>]*$/.test(src)) return { kind: 'site', path: src };
  return { kind: 'invalid', src };
}

/** The shortcode the editor inserts after an upload. */
export function figureShortcode(sitePath: string, caption: string): string {
  const quoted = caption.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `{{< figure src="${sitePath}" caption="${quoted}" >}}`;
}

/** A file name the server accepts: letters, digits, '.', '_', '-', an image extension, at most 100 characters. */
export function safeImageName(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  if (!['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg'].includes(extension)) return null;
  const stem = fileName
    .slice(0, dot)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 90);
  return `${stem || 'image'}.${extension}`;
}

/** A caption from a file name: "xmpp_client-2.png" → "xmpp client 2". */
export function captionFromName(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim();
}
