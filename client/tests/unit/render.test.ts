// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderPreview, splitFrontMatter } from '../../src/preview/render';

const context = { padId: '2026-11', serverUrl: (path: string) => `http://127.0.0.1:5190/${path}` };
const render = (md: string) => renderPreview(md, context);
/** The rendered DOM, so assertions look at elements and attributes, not at text that merely mentions them. */
function dom(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}
const attributesOf = (fragment: DocumentFragment): string[] =>
  [...fragment.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.tagName.toLowerCase()}.${a.name}=${a.value}`));

describe('preview', () => {
  it('renders the figure of an uploaded image from this server', () => {
    const html = render('{{< figure src="/images/newsletter/2026-12-05/client.png" caption="A client" >}}');
    expect(html).toContain('<img src="http://127.0.0.1:5190/api/pads/2026-11/images/client.png" alt="A client"');
    expect(html).toContain('<figcaption>A client</figcaption>');
  });

  it('never lets content run: raw HTML is text, dangerous links are dropped', () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](https://xmpp.org)');
    const fragment = dom(html);
    expect(fragment.querySelectorAll('script, img').length).toBe(0);
    expect(html).toContain('&lt;script&gt;');
    expect(attributesOf(fragment).filter((a) => /javascript:|^[a-z]+\.on/.test(a))).toEqual([]);
    expect(html).toContain('<a href="https://xmpp.org" target="_blank" rel="noopener noreferrer">y</a>');
  });

  it('escapes shortcode attributes', () => {
    const html = render('{{< figure src="/images/newsletter/d/a.png" caption="\\"><img src=x onerror=alert(1)>" >}}');
    const fragment = dom(html);
    expect(fragment.querySelectorAll('img').length).toBe(1);
    expect(attributesOf(fragment).filter((a) => /^[a-z]+\.on/.test(a))).toEqual([]);
    expect(fragment.querySelector('figcaption')!.textContent).toBe('"><img src=x onerror=alert(1)>');
  });

  it('shows site images as placeholders and editor notes muted', () => {
    const html = render('{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="Banner" >}}\n\n<!-- put events here -->');
    expect(html).toContain('class="image-placeholder"');
    expect(html).toContain('<span class="editor-note">put events here</span>');
  });

  it('shows front matter as a table', () => {
    expect(splitFrontMatter('---\ntitle: T\ndate: 2026-12-05\n---\n\n# Hi').fields).toEqual([['title', 'T'], ['date', '2026-12-05']]);
    const html = render('---\ntitle: <b>T</b>\n---\n# Hi');
    expect(html).toContain('<th>title</th><td>&lt;b&gt;T&lt;/b&gt;</td>');
    expect(html).toContain('<h1>Hi</h1>');
  });
});
