// The connection badge (connected / reconnecting / offline, and whether every change is
// saved) and who else is on the pad, from awareness.
import type { Awareness } from 'y-protocols/awareness';
import type { ProviderSnapshot } from '../net/padProvider';
import { h, replaceChildren } from './dom';

export function renderStatus(target: HTMLElement, snapshot: ProviderSnapshot): void {
  const { label, connection } = snapshot;
  target.dataset.tone = label.tone;
  target.dataset.phase = connection.phase;
  target.dataset.pending = String(snapshot.pendingChanges);
  target.title = connection.lastError ? `Last error: ${connection.lastError}` : '';
  replaceChildren(
    target,
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'status-connection' }, label.connection),
    h('span', { class: 'status-sep', 'aria-hidden': 'true' }, ' · '),
    h('span', { class: 'status-saving' }, label.saving),
  );
}

interface UserState {
  name?: unknown;
  color?: unknown;
}

/** The people on the pad, this browser first. */
export function renderUsers(target: HTMLElement, awareness: Awareness): void {
  const items: HTMLElement[] = [];
  const states = [...awareness.getStates().entries()].sort(([a], [b]) => (a === awareness.clientID ? -1 : b === awareness.clientID ? 1 : a - b));
  for (const [clientId, state] of states) {
    const user = (state as { user?: UserState }).user;
    if (!user) continue;
    const name = typeof user.name === 'string' && user.name ? user.name : 'Anonymous';
    const color = typeof user.color === 'string' && /^[#a-z0-9(),.%/ -]+$/i.test(user.color) ? user.color : '#888';
    const chip = h('li', { class: 'user', title: clientId === awareness.clientID ? `${name} (you)` : name }, name.slice(0, 2).toUpperCase());
    chip.style.backgroundColor = color;
    chip.dataset.name = name;
    items.push(chip);
  }
  replaceChildren(target, ...items);
}
