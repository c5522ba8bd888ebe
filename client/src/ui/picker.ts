// The start page: this month's and next month's pad (joining creates them) and every
// existing pad, newest first.
import type { PadApi, PadInfo } from '../api/rest';
import { monthId, padLink, padTitle } from '../config';
import { h, replaceChildren } from './dom';

export async function renderPicker(root: HTMLElement, api: PadApi, location: URL, now = new Date()): Promise<void> {
  const list = h('ul', { class: 'pad-list', 'data-testid': 'pad-list' }, h('li', {}, 'Loading pads…'));
  const current = monthId(now);
  const next = monthId(now, 1);
  root.append(
    h('section', { class: 'picker' },
      h('h1', {}, 'XMPP Newsletter drafts'),
      h('p', {}, 'Pick a month. Everyone who opens the same month writes in the same pad.'),
      h('div', { class: 'row wrap' },
        h('a', { class: 'button primary', href: padLink(location, current), 'data-testid': 'open-current' }, `Open ${padTitle(current)}`),
        h('a', { class: 'button', href: padLink(location, next) }, `Open ${padTitle(next)}`)),
      h('h2', {}, 'All pads'),
      list),
  );
  try {
    const pads = (await api.listPads()).sort((a, b) => b.id.localeCompare(a.id));
    replaceChildren(list, ...(pads.length ? pads.map((p) => padItem(p, location)) : [h('li', {}, 'No pads yet.')]));
  } catch (e) {
    replaceChildren(list, h('li', { class: 'error' }, `Could not list pads: ${(e as Error).message}`));
  }
}

function padItem(pad: PadInfo, location: URL): HTMLLIElement {
  return h('li', {},
    h('a', { href: padLink(location, pad.id) }, pad.title || pad.id),
    h('span', { class: `badge ${pad.status}` }, pad.status),
    h('span', { class: 'hint' }, ` release ${pad.releaseDate}`));
}

/** Asks for the display name once; resolves with it (also when the dialog is dismissed with a default). */
export function askName(current: string | null): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', maxlength: 40, required: true, autocomplete: 'nickname', 'aria-label': 'Your name', 'data-testid': 'name-input', value: current ?? '' });
    const dialog = h('dialog', { class: 'name-dialog' },
      h('form', { method: 'dialog' },
        h('h2', {}, 'Your name'),
        h('p', {}, 'Shown to the others next to your cursor. Kept in this browser.'),
        input,
        h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', 'data-testid': 'name-ok' }, 'Start writing'))));
    dialog.addEventListener('close', () => {
      const name = input.value.trim() || current || 'Anonymous';
      dialog.remove();
      resolve(name.slice(0, 40));
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
