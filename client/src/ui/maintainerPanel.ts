// The maintainer's side: access token, the pad's status and release date (live from
// `meta`), close/reopen and release date (PATCH), export and dry run (POST export), and the
// pull request of the last export. The server decides who may do what; the panel only shows
// its answers.
import type { ExportResponse, PadApi } from '../api/rest';
import type { PadMetaView } from '../meta';
import { h, replaceChildren, safeHref } from './dom';

export interface MaintainerPanelOptions {
  padId: string;
  api: PadApi;
  token: () => string | null;
  setToken: (token: string | null) => void;
}

export class MaintainerPanel {
  private readonly statusValue = h('strong', { 'data-testid': 'pad-status' });
  private readonly releaseValue = h('input', { type: 'date', 'aria-label': 'Release date', 'data-testid': 'release-date' });
  private readonly toggleButton = h('button', { type: 'button', 'data-testid': 'toggle-status' }, 'Close pad');
  private readonly setDateButton = h('button', { type: 'button' }, 'Set date');
  private readonly dryRunButton = h('button', { type: 'button', 'data-testid': 'dry-run' }, 'Dry run');
  private readonly exportButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'export' }, 'Export');
  private readonly force = h('input', { type: 'checkbox' });
  private readonly ignoreLint = h('input', { type: 'checkbox' });
  private readonly tokenInput = h('input', { type: 'password', autocomplete: 'off', placeholder: 'maintainer token', 'aria-label': 'Access token', 'data-testid': 'token' });
  private readonly lastExport = h('div', { class: 'last-export', 'data-testid': 'last-export' });
  private readonly result = h('div', { class: 'export-result', 'data-testid': 'export-result', role: 'status' });
  private meta: PadMetaView | null = null;

  constructor(
    root: HTMLElement,
    private readonly options: MaintainerPanelOptions,
  ) {
    this.tokenInput.value = options.token() ?? '';
    const saveToken = h('button', { type: 'submit' }, 'Save');
    const clearToken = h('button', { type: 'button', onclick: () => this.saveToken(null) }, 'Clear');
    this.toggleButton.addEventListener('click', () => void this.toggleStatus());
    this.setDateButton.addEventListener('click', () => void this.patch({ releaseDate: this.releaseValue.value }, 'Release date set.'));
    this.dryRunButton.addEventListener('click', () => void this.export(true));
    this.exportButton.addEventListener('click', () => void this.export(false));

    root.append(
      h('h2', {}, 'Pad'),
      h('dl', { class: 'pad-facts' },
        h('dt', {}, 'Status'), h('dd', {}, this.statusValue),
        h('dt', {}, 'Release'), h('dd', { class: 'row' }, this.releaseValue, this.setDateButton)),
      h('div', { class: 'row' }, this.toggleButton),
      h('h3', {}, 'Export'),
      h('div', { class: 'row wrap' },
        this.dryRunButton, this.exportButton,
        h('label', {}, this.ignoreLint, ' ignore lint errors'),
        h('label', {}, this.force, ' force')),
      this.lastExport,
      this.result,
      h('h3', {}, 'Maintainer token'),
      h('p', { class: 'hint' }, 'Kept in this browser only; sent to this server as a Bearer token.'),
      h('form', {
        class: 'row',
        onsubmit: (e: Event) => {
          e.preventDefault();
          this.saveToken(this.tokenInput.value.trim() || null);
        },
      }, h('input', { type: 'text', name: 'username', value: 'maintainer', autocomplete: 'username', hidden: true }), this.tokenInput, saveToken, clearToken),
    );
    this.refreshEnabled();
  }

  showMeta(meta: PadMetaView): void {
    this.meta = meta;
    this.statusValue.textContent = meta.status;
    this.statusValue.dataset.status = meta.status;
    if (document.activeElement !== this.releaseValue) this.releaseValue.value = meta.releaseDate ?? '';
    this.toggleButton.textContent = meta.status === 'open' ? 'Close pad' : 'Reopen pad';
    const e = meta.lastExport;
    if (!e) {
      replaceChildren(this.lastExport, h('p', { class: 'hint' }, 'Not exported yet.'));
    } else {
      const href = safeHref(e.pullRequestUrl);
      replaceChildren(
        this.lastExport,
        h('p', {}, `Last export: ${e.outcome} on ${e.branch} (${e.commit.slice(0, 7)}) by ${e.by}, ${e.at}. `,
          href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'pr-link' }, `Pull request #${e.pullRequestNumber ?? ''}`) : null),
      );
    }
    this.refreshEnabled();
  }

  private refreshEnabled(): void {
    const maintainer = !!this.options.token();
    for (const b of [this.toggleButton, this.setDateButton, this.dryRunButton, this.exportButton]) b.disabled = !maintainer;
    this.releaseValue.disabled = !maintainer;
    this.toggleButton.title = maintainer ? '' : 'Enter a maintainer token below first.';
  }

  private saveToken(token: string | null): void {
    this.tokenInput.value = token ?? '';
    this.options.setToken(token);
    this.refreshEnabled();
    this.say(token ? 'Token saved; reconnecting with it.' : 'Token cleared.');
  }

  private async toggleStatus(): Promise<void> {
    const next = this.meta?.status === 'open' ? 'closed' : 'open';
    await this.patch({ status: next }, next === 'closed' ? 'Pad closed: only maintainers may edit it now.' : 'Pad reopened.');
  }

  private async patch(change: { status?: string; releaseDate?: string }, done: string): Promise<void> {
    try {
      await this.options.api.updatePad(this.options.padId, change);
      this.say(done);
    } catch (e) {
      this.say(`Refused: ${(e as Error).message}`);
    }
  }

  private async export(dryRun: boolean): Promise<void> {
    this.dryRunButton.disabled = this.exportButton.disabled = true;
    this.say(dryRun ? 'Preparing a dry run…' : 'Exporting…');
    try {
      const response = await this.options.api.exportPad(this.options.padId, {
        dryRun,
        force: this.force.checked,
        ignoreLintErrors: this.ignoreLint.checked,
      });
      this.showResult(response);
    } catch (e) {
      this.say(`Export failed: ${(e as Error).message}`);
    } finally {
      this.refreshEnabled();
    }
  }

  private showResult(r: ExportResponse): void {
    const href = safeHref(r.pullRequestUrl);
    replaceChildren(
      this.result,
      h('p', {}, h('strong', {}, r.outcome), ` on ${r.branch}`, r.commit ? ` (${r.commit.slice(0, 7)})` : '', ' ',
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, `Pull request #${r.pullRequestNumber ?? ''}`) : null),
      r.title ? h('p', {}, 'Title: ', r.title) : null,
      r.files.length ? h('ul', { class: 'files' }, ...r.files.map((f) => h('li', {}, `${f.path} (${f.size} bytes)`))) : null,
      r.warnings.length ? h('ul', { class: 'warnings' }, ...r.warnings.map((w) => h('li', {}, w))) : null,
      r.conflict ? h('pre', { class: 'conflict' }, r.conflict) : null,
      r.diff ? h('details', {}, h('summary', {}, 'Diff'), h('pre', { class: 'diff' }, r.diff)) : null,
    );
  }

  private say(text: string): void {
    replaceChildren(this.result, h('p', {}, text));
  }
}
