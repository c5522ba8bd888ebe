// Entry point: the pad picker, or one pad's editor with its preview, findings and
// maintainer panel. Wiring only; the logic lives in the modules it imports.
import './styles.css';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { PadApi } from './api/rest';
import { loadSettings, padIdFromLocation, padTitle, saveName, saveToken, serverBase, userColors } from './config';
import { createEditor } from './editor/editor';
import { toEditorDiagnostics, type MappedDiagnostic } from './lint/decorations';
import type { PadDiagnostic } from './lint/diagnostics';
import { mayEdit, readMeta } from './meta';
import { signalRHubFactory } from './net/hub';
import { PadProvider } from './net/padProvider';
import { renderPreview } from './preview/render';
import { buildLayout } from './ui/layout';
import { LintPanel } from './ui/lintPanel';
import { MaintainerPanel } from './ui/maintainerPanel';
import { askName, renderPicker } from './ui/picker';
import { renderStatus, renderUsers } from './ui/statusBar';
import { uploadImages } from './ui/upload';

const location = new URL(window.location.href);
const base = serverBase(location, document.baseURI);
const settings = loadSettings(localStorage, base);
let token = settings.token;
const api = new PadApi(base, () => token);
const app = document.getElementById('app')!;
const statusBadge = document.getElementById('status')!;
const usersList = document.getElementById('users')!;

/** Waits for IndexedDB, but never forever: a browser without it (private mode) still edits online. */
async function loadOfflineCopy(padId: string, doc: Y.Doc): Promise<IndexeddbPersistence | null> {
  try {
    const persistence = new IndexeddbPersistence(`draftpad:${base}:${padId}`, doc);
    await Promise.race([persistence.whenSynced, new Promise((resolve) => setTimeout(resolve, 3000))]);
    return persistence;
  } catch {
    return null;
  }
}

async function openPad(padId: string): Promise<void> {
  document.title = `DraftPad · ${padTitle(padId)}`;
  document.getElementById('pad-title')!.textContent = padTitle(padId);
  const doc = new Y.Doc();
  const ytext = doc.getText('content');
  const meta = doc.getMap<unknown>('meta');
  // Edits made offline earlier are in IndexedDB: load them before syncing so they are merged.
  await loadOfflineCopy(padId, doc);

  const awareness = new Awareness(doc);
  const setUser = (name: string): void => awareness.setLocalStateField('user', { name, ...userColors(settings.colorHue) });
  setUser(settings.name ?? 'Anonymous');

  const { banner, editorPane, preview, lintPane, padPane, fileInput, uploadInfo, setFindingsCount } = buildLayout(app);

  let provider: PadProvider | null = null;
  const upload = (files: File[]): Promise<void> =>
    uploadImages(api, padId, files, (text) => editor.insertAtCursor(text), (text) => (uploadInfo.textContent = text));
  const editor = createEditor(editorPane, ytext, awareness, (files, pos) => {
    editor.select(pos, pos);
    void upload(files);
  });
  fileInput.addEventListener('change', () => {
    void upload([...(fileInput.files ?? [])]);
    fileInput.value = '';
  });

  // Findings: inline in the editor and as a list.
  let findings: PadDiagnostic[] = [];
  const applyFix = (finding: PadDiagnostic): Promise<void> => provider!.applyFix(finding.id, finding.offset);
  const lintPanel = new LintPanel(lintPane, editor, applyFix);
  const showFindings = (): void => {
    const mapped: MappedDiagnostic[] = toEditorDiagnostics(findings, editor.view.state.doc.length, (f) => {
      applyFix(f).catch((e: Error) => lintPanel.say(`Could not fix ${f.id}: ${e.message}`));
    });
    editor.showDiagnostics(mapped);
    lintPanel.update(mapped);
    const errors = findings.filter((f) => f.severity === 'error').length;
    setFindingsCount(findings.length);
    document.body.dataset.lintErrors = String(errors);
  };

  // Preview: re-rendered shortly after the text settles.
  const previewContext = { padId, serverUrl: (path: string) => api.url(path) };
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  const updatePreview = (): void => {
    if (previewTimer !== null) return;
    previewTimer = setTimeout(() => {
      previewTimer = null;
      preview.innerHTML = renderPreview(ytext.toString(), previewContext); // sanitized by renderPreview
    }, 200);
  };
  ytext.observe(updatePreview);
  updatePreview();

  // Metadata: status, release date, export; contributors get a read-only editor on closed pads.
  const maintainer = new MaintainerPanel(padPane, {
    padId,
    api,
    token: () => token,
    setToken: (value) => {
      token = value;
      saveToken(localStorage, base, value);
      applyMeta();
      provider?.restart();
    },
  });
  const applyMeta = (): void => {
    const view = readMeta(meta);
    maintainer.showMeta(view);
    const editable = mayEdit(view.status, !!token);
    editor.setReadOnly(!editable);
    document.body.dataset.padStatus = view.status;
    setBanner(editable ? null : `This pad is ${view.status}: only maintainers may edit it now.`);
  };
  let refusal: string | null = null;
  let notice: string | null = null;
  const setBanner = (text: string | null): void => {
    notice = text;
    const shown = refusal ?? notice;
    banner.hidden = !shown;
    banner.textContent = shown ?? '';
  };
  meta.observeDeep(applyMeta);
  applyMeta();

  provider = new PadProvider({ padId, doc, awareness, hubFactory: signalRHubFactory(`${base}hubs/pad`, () => token) });
  provider.onStatus((snapshot) => {
    renderStatus(statusBadge, snapshot);
    refusal = snapshot.refusal;
    setBanner(notice);
  });
  provider.onDiagnostics((document) => {
    findings = document.diagnostics;
    showFindings();
  });
  awareness.on('change', () => renderUsers(usersList, awareness));
  renderUsers(usersList, awareness);
  window.addEventListener('online', () => provider?.setBrowserOnline(true));
  window.addEventListener('offline', () => provider?.setBrowserOnline(false));
  window.addEventListener('pagehide', () => provider?.destroy());
  // Restored from the back/forward cache after pagehide destroyed the provider: start afresh.
  window.addEventListener('pageshow', (event) => event.persisted && window.location.reload());
  if (!navigator.onLine) provider.setBrowserOnline(false);
  provider.start();

  // The linter's Diagnostics push may not exist on an older server: say so instead of waiting forever.
  setTimeout(() => {
    if (!lintPanel.hasReceived) lintPanel.say('No findings received from the server yet (live lint unavailable?).');
  }, 8000);

  const nameButton = document.getElementById('name-button') as HTMLButtonElement;
  nameButton.hidden = false;
  nameButton.textContent = settings.name ?? 'Set your name';
  const chooseName = async (): Promise<void> => {
    const name = await askName(settings.name);
    settings.name = name;
    saveName(localStorage, name);
    nameButton.textContent = name;
    setUser(name);
  };
  nameButton.addEventListener('click', () => void chooseName());
  if (!settings.name) await chooseName();
  editor.view.focus();

  // For the browser tests and for debugging from the console; nothing here reaches the server.
  Object.assign(window, { draftpad: { doc, awareness, provider, editor, padId } });
}

const padId = padIdFromLocation(location);
if (padId) void openPad(padId);
else {
  document.getElementById('pad-title')!.textContent = '';
  void renderPicker(app, api, location);
}
