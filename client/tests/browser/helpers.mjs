// Small steps the browser scenarios share: open an editor as someone, put the cursor
// somewhere, type like a person, wait until every change is acknowledged.
import { deflateSync } from 'node:zlib';
import { maintainerToken } from './server.mjs';

/** Creates a pad as the maintainer (any month); an existing pad is fine. */
export async function createPad(server, padId) {
  const response = await server.api('POST', `/api/pads/${padId}`, { body: {}, token: maintainerToken });
  if (response.status !== 201 && response.status !== 409) throw new Error(`create ${padId}: ${response.status} ${await response.text()}`);
  return padId;
}

/** A fresh browser profile (own IndexedDB, own localStorage) on the pad, connected and synced. */
export async function openEditor(browser, server, { padId, name, token = null, viewport = { width: 1400, height: 900 }, mobile = false }) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  await context.addInitScript(([n, t, server]) => {
    if (!localStorage.getItem('draftpad.name')) localStorage.setItem('draftpad.name', n);
    if (t) localStorage.setItem(`draftpad.token:${server}/`, t);
  }, [name, token, server.url]);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# [${name}] page error: ${e.message}`));
  await page.goto(`${server.url}/?pad=${padId}`);
  await waitSaved(page);
  return { context, page };
}

/** Waits until the badge says connected and no change is unacknowledged. */
export async function waitSaved(page, timeout = 20_000) {
  await page.waitForSelector('#status[data-phase="connected"][data-pending="0"]', { timeout });
}

export const editorText = (page) => page.evaluate(() => window.draftpad.editor.view.state.doc.toString());

/** 'end', 'start' or 'after:<text>' (just after the first occurrence). */
export async function placeCursor(page, where) {
  await page.locator('.cm-content').click();
  await page.evaluate((w) => {
    const { editor } = window.draftpad;
    const text = editor.view.state.doc.toString();
    let pos = w === 'start' ? 0 : text.length;
    if (w.startsWith('after:')) {
      const at = text.indexOf(w.slice(6));
      if (at < 0) throw new Error(`no "${w.slice(6)}" in the pad`);
      pos = at + w.length - 6;
    }
    editor.select(pos, pos);
  }, where);
}

/** Types key by key, as a person would (each keystroke is its own edit). */
export async function typeText(page, text, delay = 10) {
  await page.keyboard.type(text, { delay });
}

export async function waitFor(check, what, timeout = 15_000) {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A small valid PNG (a blue rectangle with a stripe), encoded here so the tests ship no binaries. */
export function testPng(width = 48, height = 32) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = [0];
    for (let x = 0; x < width; x++) row.push(...(y > 12 && y < 20 ? [255, 200, 0] : [36, 89, 199]));
    rows.push(...row);
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
