// Browser tests: headless Debian Chromium (driven by playwright-core, no downloaded
// browsers) against a real DraftPad server this script starts on 127.0.0.1, serving the
// built client. Run: `npm run test:browser` (after `npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DraftPadServer, clientDir, freePort, maintainerToken } from './server.mjs';
import { createPad, editorText, openEditor, placeCursor, testPng, typeText, waitFor, waitSaved } from './helpers.mjs';

const screenshots = join(clientDir, 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium tries to reach the outside, which this machine refuses.
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let browser;

describe('DraftPad in the browser', { concurrency: false }, () => {
  before(async () => {
    if (!existsSync(join(clientDir, 'dist/index.html'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: clientDir, stdio: 'inherit' });
      assert.equal(build.status, 0, 'npm run build failed');
    }
    mkdirSync(screenshots, { recursive: true });
    server = new DraftPadServer({ port: await freePort() });
    await server.start();
    console.log(`# server ${server.url}, data ${server.dataDir}, log ${server.logFile}`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanUp();
  });

  it("picks this month's pad on the start page and asks for a display name once", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.click('[data-testid="open-current"]');
    await page.locator('[data-testid="name-input"]').fill('Grace');
    await page.click('[data-testid="name-ok"]');
    await waitSaved(page);
    assert.equal(await page.locator('[data-testid="name-button"]').textContent(), 'Grace');
    assert.equal(await page.locator('[data-testid="users"] .user').first().getAttribute('data-name'), 'Grace');
    const padId = new URL(page.url()).searchParams.get('pad');
    assert.match(padId, /^\d{4}-\d{2}$/);
    // The deep link works too, and the name is remembered.
    await page.goto(`${server.url}/pads/${padId}`);
    await waitSaved(page);
    assert.equal(await page.locator('[data-testid="name-input"]').count(), 0, 'no second question');
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="pad-list"] a', { hasText: 'The XMPP Newsletter' }).first().waitFor();
    await context.close();
  });

  it('two users type into the same pad at once and converge with the server', async () => {
    const padId = await createPad(server, '2031-01');
    const ada = await openEditor(browser, server, { padId, name: 'Ada' });
    const bob = await openEditor(browser, server, { padId, name: 'Bob' });
    await placeCursor(ada.page, 'end');
    await placeCursor(bob.page, 'after:## XMPP Events\n');
    await Promise.all([
      typeText(ada.page, '\nAda writes the closing words of this issue.'),
      typeText(bob.page, '\nBob adds the Berlin XMPP meetup on the 14th.\n'),
    ]);
    await Promise.all([waitSaved(ada.page), waitSaved(bob.page)]);
    await waitFor(async () => (await editorText(ada.page)) === (await editorText(bob.page)), 'both editors to converge');
    const text = await editorText(ada.page);
    assert.ok(text.includes('Ada writes the closing words of this issue.'));
    assert.ok(text.includes('Bob adds the Berlin XMPP meetup on the 14th.'));
    assert.equal(await server.markdown(padId), text, "the server's markdown equals both editors");

    // Each sees the other's named cursor (CodeMirror draws only what is on screen, so Ada
    // first moves next to Bob), and a selection in the other's colour.
    await placeCursor(ada.page, 'after:## XMPP Events\n');
    await bob.page.keyboard.down('Shift');
    for (let i = 0; i < 3; i++) await bob.page.keyboard.press('ArrowUp');
    await bob.page.keyboard.up('Shift');
    await ada.page.locator('.cm-ySelectionInfo', { hasText: 'Bob' }).waitFor({ state: 'attached' });
    await ada.page.locator('.cm-ySelection').first().waitFor({ state: 'attached' });
    await bob.page.locator('.cm-ySelectionInfo', { hasText: 'Ada' }).waitFor({ state: 'attached' });
    assert.equal(await ada.page.locator('[data-testid="users"] .user').count(), 2);
    await ada.page.waitForTimeout(300);
    await ada.page.screenshot({ path: join(screenshots, 'two-users.png') });
    await ada.context.close();
    await bob.context.close();
  });

  it('a lint finding appears inline and in the list, and its autofix clears it', async () => {
    const padId = await createPad(server, '2031-02');
    const { page, context } = await openEditor(browser, server, { padId, name: 'Lin' });
    await page.waitForSelector('[data-testid="lint-summary"][data-received]', { timeout: 10_000 });
    // A heading glued to its hashes: CommonMark renders it as text (rule NL010, fixable).
    await placeCursor(page, 'after:## XMPP Articles\n');
    await typeText(page, '\n###Glued heading\n');
    await waitSaved(page);
    const item = page.locator('.lint-item[data-rule="NL010"]');
    await item.first().waitFor({ timeout: 10_000 });
    await page.locator('.cm-lintRange-error').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'lint-live.png') });
    // Clicking the finding jumps to it and selects its range.
    await item.first().locator('.lint-jump').click();
    const selected = await page.evaluate(() => {
      const { from, to } = window.draftpad.editor.view.state.selection.main;
      return window.draftpad.editor.view.state.sliceDoc(from, to);
    });
    assert.ok(selected.startsWith('###Glued'), `the jump selects the finding, got "${selected}"`);
    await item.first().locator('.lint-fix').click();
    await waitFor(async () => (await item.count()) === 0, 'the NL010 finding to clear after its autofix', 10_000);
    await waitFor(async () => (await editorText(page)).includes('\n### Glued heading\n'), 'the fixed heading in the editor', 10_000);
    await waitSaved(page);
    assert.equal(await server.markdown(padId), await editorText(page));
    await context.close();
  });

  it('shows findings inline and in a list that jumps to them; Fix goes to the server (findings pushed inside the page)', async () => {
    // Independent of the server's rules: a Diagnostics document is handed to the provider's
    // own handler, exactly as the hub would deliver it; ApplyFix then really goes to the server.
    const padId = await createPad(server, '2031-08');
    const { page, context } = await openEditor(browser, server, { padId, name: 'Lin' });
    const text = await editorText(page);
    const finding = (needle, fields) => {
      const offset = text.indexOf(needle);
      const before = text.slice(0, offset).split('\n');
      return { ...fields, offset, length: needle.length, line: before.length, column: before.at(-1).length + 1 };
    };
    const document = {
      padId,
      diagnostics: [
        finding('## XMPP Events', { id: 'NL021', severity: 'error', message: 'Subsection has neither entries nor its placeholder sentence: add one.', fixable: true }),
        finding('<!-- Videos and talks', { id: 'NL050', severity: 'warning', message: 'Editor note left in the text (removed on export).', fixable: false }),
        finding('summary: "In this issue: "', { id: 'NL004', severity: 'info', message: 'The date differs from the planned release date.', fixable: false }),
      ],
    };
    await page.evaluate((json) => window.draftpad.provider.diagnostics(json), JSON.stringify(document));
    await page.locator('.cm-lintRange-error').first().waitFor();
    assert.equal(await page.locator('.lint-item').count(), 3);
    assert.match(await page.locator('[data-testid="lint-summary"]').textContent(), /1 error · 1 warning · 1 info/);
    await page.locator('.lint-item[data-rule="NL050"] .lint-jump').click();
    const selection = await page.evaluate(() => {
      const { from, to } = window.draftpad.editor.view.state.selection.main;
      return window.draftpad.editor.view.state.sliceDoc(from, to);
    });
    assert.equal(selection, '<!-- Videos and talks', 'clicking a finding selects its range');
    await page.locator('.lint-item[data-rule="NL021"] .lint-fix').click();
    await page.locator('.lint-message', { hasText: 'Could not fix NL021' }).waitFor();
    await page.locator('.lint-item[data-rule="NL021"] .lint-jump').click();
    await page.screenshot({ path: join(screenshots, 'lint.png') });
    await context.close();
  });

  it('edits made offline are kept and merged on reconnect (also across a reload, from IndexedDB)', async () => {
    const padId = await createPad(server, '2031-03');
    const ada = await openEditor(browser, server, { padId, name: 'Ada' });
    const bob = await openEditor(browser, server, { padId, name: 'Bob' });
    await ada.context.setOffline(true);
    await ada.page.waitForSelector('#status[data-phase="offline"]');
    await placeCursor(ada.page, 'end');
    await typeText(ada.page, '\nWritten by Ada on the train.');
    await placeCursor(bob.page, 'after:## XMPP Events\n');
    await typeText(bob.page, '\nBob, online meanwhile.\n');
    await waitSaved(bob.page);
    assert.match(await ada.page.locator('#status').textContent(), /offline.*1 unsaved change kept in this browser|offline/);
    assert.ok(!(await server.markdown(padId)).includes('on the train'), 'nothing reached the server while offline');

    await ada.context.setOffline(false);
    await Promise.all([waitSaved(ada.page), waitSaved(bob.page)]);
    await waitFor(async () => (await editorText(ada.page)) === (await editorText(bob.page)), 'convergence after reconnect');
    const merged = await server.markdown(padId);
    assert.equal(merged, await editorText(ada.page));
    assert.ok(merged.includes('Written by Ada on the train.') && merged.includes('Bob, online meanwhile.'));

    // Offline again, then the tab is closed: the edit waits in IndexedDB for the next visit.
    await ada.context.setOffline(true);
    await ada.page.waitForSelector('#status[data-phase="offline"]');
    await placeCursor(ada.page, 'end');
    await typeText(ada.page, '\nKept in this browser overnight.');
    await ada.page.waitForTimeout(500);
    await ada.page.close();
    await ada.context.setOffline(false);
    const again = await ada.context.newPage();
    await again.goto(`${server.url}/?pad=${padId}`);
    await waitSaved(again);
    await waitFor(async () => (await server.markdown(padId)).includes('Kept in this browser overnight.'), 'the IndexedDB edit to reach the server');
    await waitFor(async () => (await editorText(bob.page)).includes('Kept in this browser overnight.'), 'the other user to get it');
    await ada.context.close();
    await bob.context.close();
  });

  it('survives a server crash and restart without losing a keystroke', async () => {
    const padId = await createPad(server, '2031-04');
    const { page, context } = await openEditor(browser, server, { padId, name: 'Ada' });
    await placeCursor(page, 'end');
    const typed = '\nEvery keystroke of this sentence must survive the server going down and coming back up again.';
    const typing = typeText(page, typed, 25);
    const sawReconnect = page.waitForSelector('#status[data-phase="reconnecting"]', { timeout: 20_000 });
    await page.waitForTimeout(700);
    await server.stop({ crash: true });
    const typedBeforeCrash = (await editorText(page)).length;
    await sawReconnect;
    await page.waitForTimeout(400);
    await server.start();
    const typedWhileDown = (await editorText(page)).length - typedBeforeCrash;
    console.log(`# ${typedWhileDown} keystrokes were typed while the server was down`);
    assert.ok(typedWhileDown > 0, 'the test typed while the server was down');
    await typing;
    await waitSaved(page, 30_000);
    const text = await editorText(page);
    assert.ok(text.endsWith(typed), 'the editor holds every keystroke');
    assert.equal(await server.markdown(padId), text, 'and so does the restarted server');
    await context.close();
  });

  it('uploads an image, inserts its figure shortcode and previews it', async () => {
    const padId = await createPad(server, '2031-05');
    const { page, context } = await openEditor(browser, server, { padId, name: 'Ada' });
    await placeCursor(page, 'after:## XMPP Articles\n');
    await page.setInputFiles('[data-testid="upload-input"]', { name: 'Test image.png', mimeType: 'image/png', buffer: testPng() });
    await waitFor(async () => (await editorText(page)).includes('{{< figure src="/images/newsletter/'), 'the shortcode to be inserted');
    const image = page.locator(`[data-testid="preview"] img[src*="/api/pads/${padId}/images/Test-image.png"]`);
    await image.waitFor();
    await waitFor(() => image.evaluate((img) => img.complete && img.naturalWidth > 0), 'the preview image to load');
    await waitSaved(page);
    assert.ok((await server.markdown(padId)).includes('caption="Test image"'));
    await context.close();
  });

  it('a maintainer sees status and release date, closes and reopens the pad, and runs an export', async () => {
    const padId = await createPad(server, '2031-06');
    const boss = await openEditor(browser, server, { padId, name: 'Maintainer', token: maintainerToken });
    const writer = await openEditor(browser, server, { padId, name: 'Writer' });
    const status = boss.page.locator('[data-testid="pad-status"]');
    assert.equal(await status.textContent(), 'open');
    assert.equal(await boss.page.locator('[data-testid="release-date"]').inputValue(), '2031-07-05');

    await boss.page.click('[data-testid="toggle-status"]');
    await waitFor(async () => (await status.textContent()) === 'closed', 'the pad to close');
    await writer.page.locator('[data-testid="banner"]', { hasText: 'closed' }).waitFor();
    assert.equal(await writer.page.locator('.cm-content').getAttribute('contenteditable'), 'false', 'contributors can no longer type');

    await boss.page.fill('[data-testid="release-date"]', '2031-07-07');
    await boss.page.click('text=Set date');
    await waitFor(async () => (await (await server.api('GET', `/api/pads/${padId}`)).json()).releaseDate === '2031-07-07', 'the release date to change');

    await boss.page.click('[data-testid="dry-run"]');
    const result = boss.page.locator('[data-testid="export-result"]');
    await waitFor(async () => !/Preparing/.test((await result.textContent()) ?? ''), 'the dry run to answer', 60_000);
    // The test server has no GitHub credentials: the dry run diffs against an empty repository.
    const said = (await result.textContent()) ?? '';
    assert.match(said, /dryRun on newsletter\/2031-06/, `dry run answer: ${said.slice(0, 300)}`);
    assert.match(said, /content\/blog\/newsletter\/2031-07-07-newsletter\.md/, 'the post at the release date path');
    assert.match(said, /No GitHub credentials/, 'the warning says why the diff is against an empty repository');
    await result.locator('details summary', { hasText: 'Diff' }).click();
    assert.match(await result.locator("pre.diff").textContent(), /\+title: "?The XMPP Newsletter June 2031"?\n/);
    await boss.page.screenshot({ path: join(screenshots, 'export-panel.png') });

    await boss.page.click('[data-testid="toggle-status"]');
    await waitFor(async () => (await status.textContent()) === 'open', 'the pad to reopen');
    await waitFor(async () => (await writer.page.locator('.cm-content').getAttribute('contenteditable')) === 'true', 'contributors to edit again');
    await boss.context.close();
    await writer.context.close();
  });

  it('says so when the token is refused, and reconnects once it is cleared', async () => {
    const padId = await createPad(server, '2031-09');
    const context = await browser.newContext();
    await context.addInitScript(([url]) => {
      localStorage.setItem('draftpad.name', 'Mallory');
      localStorage.setItem(`draftpad.token:${url}/`, 'not-a-configured-token');
    }, [server.url]);
    const page = await context.newPage();
    await page.goto(`${server.url}/?pad=${padId}`);
    await page.locator('[data-testid="banner"]', { hasText: 'refused the access token' }).waitFor();
    assert.equal(await page.locator('#status').getAttribute('data-phase'), 'stopped');
    await page.click('.pad-pane button:text("Clear")');
    await waitSaved(page);
    assert.ok(await page.locator('[data-testid="banner"]').isHidden());
    await context.close();
  });

  it('works on a phone screen', async () => {
    const padId = await createPad(server, '2031-07');
    const { page, context } = await openEditor(browser, server, { padId, name: 'Pia', viewport: { width: 390, height: 844 }, mobile: true });
    await placeCursor(page, 'after:## XMPP Events\n');
    await typeText(page, '\nTyped on a phone.\n');
    await waitSaved(page);
    assert.ok(await page.locator('.cm-editor').isVisible());
    assert.ok(!(await page.locator('[data-testid="preview"]').isVisible()), 'one pane at a time');
    await page.screenshot({ path: join(screenshots, 'phone.png') });
    await page.click('.tabs [data-tab="findings"]');
    assert.ok(await page.locator('[data-testid="lint-summary"]').isVisible());
    await page.click('.tabs [data-tab="preview"]');
    await page.locator('[data-testid="preview"]', { hasText: 'Typed on a phone.' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'phone-preview.png') });
    await context.close();
  });
});
