// Markdown → safe HTML for the preview. Content is never executed: markdown-it runs with
// raw HTML disabled (so <script> arrives as text), our own renderers escape every value
// they print, and DOMPurify sanitizes the result once more before it reaches the page.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownParser, StateBlock, StateInline } from 'markdown-it';
import DOMPurify from 'dompurify';
import { parseShortcode, resolveImageSource, type Shortcode } from './shortcodes';

export interface PreviewContext {
  padId: string;
  /** Absolute URL of a path under the server's root. */
  serverUrl: (path: string) => string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A figure shortcode as the site renders it; other shortcodes as a labelled box. */
export function renderShortcode(shortcode: Shortcode, context: PreviewContext): string {
  if (shortcode.name !== 'figure') {
    return `<div class="shortcode">shortcode <code>${escapeHtml(shortcode.name)}</code></div>\n`;
  }
  const { src = '', caption = '', alt } = shortcode.attributes;
  const source = resolveImageSource(src, context.padId, context.serverUrl);
  const altText = escapeHtml(alt ?? caption);
  let media: string;
  switch (source.kind) {
    case 'pad':
    case 'external':
      media = `<img src="${escapeHtml(source.url)}" alt="${altText}" loading="lazy">`;
      break;
    case 'site':
      media = `<div class="image-placeholder">site image <code>${escapeHtml(source.path)}</code></div>`;
      break;
    case 'invalid':
      media = `<div class="image-placeholder invalid">unusable image source <code>${escapeHtml(source.src)}</code></div>`;
      break;
  }
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure>${media}${figcaption}</figure>\n`;
}

/** Splits YAML front matter (`---` … `---`) off the top: shown as a table, not as markdown. */
export function splitFrontMatter(markdown: string): { fields: [string, string][]; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { fields: [], body: markdown };
  const fields: [string, string][] = [];
  for (const line of match[1]!.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { fields, body: markdown.slice(match[0].length) };
}

function createParser(context: PreviewContext): MarkdownParser {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

  // A paragraph that is exactly one shortcode line becomes a `shortcode` token.
  md.block.ruler.before('paragraph', 'shortcode', (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!);
    const shortcode = parseShortcode(line);
    if (!shortcode) return false;
    if (silent) return true;
    const token = state.push('shortcode', '', 0);
    token.meta = { shortcode };
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  });
  md.renderer.rules.shortcode = (tokens, index) => renderShortcode((tokens[index]!.meta as { shortcode: Shortcode }).shortcode, context);

  // Editor notes (HTML comments, removed on export) are shown muted instead of as raw text.
  md.inline.ruler.before('html_inline', 'editor_note', (state: StateInline, silent: boolean) => {
    if (!state.src.startsWith('<!--', state.pos)) return false;
    const end = state.src.indexOf('-->', state.pos + 4);
    if (end < 0) return false;
    if (!silent) state.push('editor_note', '', 0).content = state.src.slice(state.pos + 4, end).trim();
    state.pos = end + 3;
    return true;
  });
  md.renderer.rules.editor_note = (tokens, index) => `<span class="editor-note">${escapeHtml(tokens[index]!.content)}</span>`;
  return md;
}

let purifierConfigured = false;

/** Final defence: whatever slipped through is removed, and links open outside the editor. */
export function sanitize(html: string): string {
  if (!purifierConfigured) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    purifierConfigured = true;
  }
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** One parser per context: building markdown-it on every keystroke would be wasted work. */
const parsers = new WeakMap<PreviewContext, MarkdownParser>();

export function renderPreview(markdown: string, context: PreviewContext): string {
  const { fields, body } = splitFrontMatter(markdown);
  const table = fields.length
    ? `<table class="front-matter"><tbody>${fields.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>\n`
    : '';
  let parser = parsers.get(context);
  if (!parser) parsers.set(context, (parser = createParser(context)));
  return sanitize(table + parser.render(body));
}
