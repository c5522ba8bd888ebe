import { describe, expect, it } from 'vitest';
import { captionFromName, figureShortcode, parseShortcode, resolveImageSource, safeImageName } from '../../src/preview/shortcodes';

const serverUrl = (path: string) => `http://127.0.0.1:5190/${path}`;

describe('shortcodes', () => {
  it('parses a figure and its attributes', () => {
    expect(parseShortcode('{{< figure src="/images/newsletter/2026-12-05/a.png" caption="Say \\"hi\\"" >}}')).toEqual({
      name: 'figure',
      attributes: { src: '/images/newsletter/2026-12-05/a.png', caption: 'Say "hi"' },
    });
    expect(parseShortcode('{{< newsletter-subscribe >}}')).toEqual({ name: 'newsletter-subscribe', attributes: {} });
    expect(parseShortcode('text {{< figure src="x" >}}')).toBeNull();
    expect(parseShortcode('{{< figure src="x" %}}')).toBeNull();
  });

  it("maps an upload's site path to this server's image, whatever the date", () => {
    expect(resolveImageSource('/images/newsletter/2026-12-05/conversations.png', '2026-11', serverUrl)).toEqual({
      kind: 'pad', name: 'conversations.png', url: 'http://127.0.0.1:5190/api/pads/2026-11/images/conversations.png',
    });
    expect(resolveImageSource('/images/newsletter/xmpp_newsletter_banner.jpg', '2026-11', serverUrl)).toEqual({ kind: 'site', path: '/images/newsletter/xmpp_newsletter_banner.jpg' });
    expect(resolveImageSource('https://example.org/a.png', '2026-11', serverUrl).kind).toBe('external');
    expect(resolveImageSource('javascript:alert(1)', '2026-11', serverUrl).kind).toBe('invalid');
    expect(resolveImageSource('/images/newsletter/2026-12-05/../../x.png', '2026-11', serverUrl).kind).toBe('site');
  });

  it('builds a shortcode that parses back', () => {
    const text = figureShortcode('/images/newsletter/2026-12-05/a.png', 'A "quoted" \\ caption');
    expect(parseShortcode(text)?.attributes).toEqual({ src: '/images/newsletter/2026-12-05/a.png', caption: 'A "quoted" \\ caption' });
  });

  it('makes file names the server accepts', () => {
    expect(safeImageName('Screenshot 2026-11-03 at 10.12.png')).toBe('Screenshot-2026-11-03-at-10.12.png');
    expect(safeImageName('Café logo.JPG')).toBe('Cafe-logo.jpg');
    expect(safeImageName('../../etc/passwd.png')).toBe('etc-passwd.png');
    expect(safeImageName('.png')).toBe('image.png');
    expect(safeImageName('notes.txt')).toBeNull();
    expect(captionFromName('xmpp_client-2.png')).toBe('xmpp client 2');
  });
});
