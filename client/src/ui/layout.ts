// The pad page's panes. Tabs choose one pane at a time on a phone; on a wide screen the
// editor, the preview and the side panel (findings, pad) sit side by side (see styles.css).
import { h } from './dom';

export interface PadLayout {
  banner: HTMLElement;
  editorPane: HTMLElement;
  preview: HTMLElement;
  lintPane: HTMLElement;
  padPane: HTMLElement;
  fileInput: HTMLInputElement;
  uploadInfo: HTMLElement;
  setFindingsCount(count: number): void;
}

export function buildLayout(app: HTMLElement): PadLayout {
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Panes', 'data-active': 'write' });
  const editorPane = h('section', { class: 'pane editor-pane', 'data-pane': 'write' });
  const preview = h('article', { class: 'preview', 'data-testid': 'preview' });
  const previewPane = h('section', { class: 'pane preview-pane', 'data-pane': 'preview', 'aria-label': 'Preview' }, preview);
  const lintPane = h('section', { class: 'pane lint-pane', 'data-pane': 'findings' });
  const padPane = h('section', { class: 'pane pad-pane', 'data-pane': 'pad' });
  const side = h('aside', { class: 'side' }, lintPane, padPane);
  const banner = h('div', { class: 'banner', role: 'alert', hidden: true, 'data-testid': 'banner' });
  const uploadInfo = h('span', { class: 'hint', role: 'status' });
  const fileInput = h('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, 'data-testid': 'upload-input' });
  editorPane.append(
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', onclick: () => fileInput.click(), title: 'Upload an image and insert a figure' }, 'Add image'),
      fileInput, uploadInfo),
  );
  const main = h('main', { class: 'workspace', 'data-tab': 'write' }, editorPane, previewPane, side);
  const findingsTab = h('button', { type: 'button', 'data-tab': 'findings' }, 'Findings');
  for (const [tab, label] of [['write', 'Write'], ['preview', 'Preview'], ['findings', 'Findings'], ['pad', 'Pad']] as const) {
    const button = tab === 'findings' ? findingsTab : h('button', { type: 'button', 'data-tab': tab }, label);
    button.addEventListener('click', () => (main.dataset.tab = tabs.dataset.active = tab));
    tabs.append(button);
  }
  app.append(banner, tabs, main);
  return {
    banner, editorPane, preview, lintPane, padPane, fileInput, uploadInfo,
    setFindingsCount: (count) => (findingsTab.textContent = count ? `Findings (${count})` : 'Findings'),
  };
}
