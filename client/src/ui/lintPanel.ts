// The findings list: click one to jump to it, "Fix" asks the server to apply its autofix
// (the change then comes back as a normal sync update and the finding disappears).
import type { PadEditor } from '../editor/editor';
import { countBySeverity, type PadDiagnostic } from '../lint/diagnostics';
import type { MappedDiagnostic } from '../lint/decorations';
import { h, replaceChildren } from './dom';

// Plain glyphs every system font has (emoji would render as boxes on some machines).
const icon = { error: '●', warning: '▲', info: 'i' } as const;

export class LintPanel {
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly message: HTMLElement;
  private received = false;

  constructor(
    root: HTMLElement,
    private readonly editor: PadEditor,
    private readonly applyFix: (finding: PadDiagnostic) => Promise<void>,
  ) {
    this.summary = h('p', { class: 'lint-summary', 'data-testid': 'lint-summary' }, 'Waiting for the linter…');
    this.list = h('ol', { class: 'lint-list', 'data-testid': 'lint-list' });
    this.message = h('p', { class: 'lint-message', role: 'status' });
    root.append(h('h2', {}, 'Findings'), this.summary, this.message, this.list);
  }

  get hasReceived(): boolean {
    return this.received;
  }

  update(diagnostics: MappedDiagnostic[]): void {
    this.received = true;
    this.summary.dataset.received = 'true';
    const counts = countBySeverity(diagnostics.map((d) => d.finding));
    const parts = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
    this.summary.textContent = parts.length ? parts.join(' · ') : 'No findings: the linter is happy.';
    this.summary.dataset.errors = String(counts.error);
    replaceChildren(this.list, ...diagnostics.map((d) => this.item(d)));
  }

  /** A fix failed or was refused: say why (e.g. the text changed meanwhile). */
  say(text: string): void {
    this.message.textContent = text;
  }

  private item(diagnostic: MappedDiagnostic): HTMLLIElement {
    const { finding } = diagnostic;
    const jump = h(
      'button',
      { class: 'lint-jump', type: 'button', title: 'Show in the text', onclick: () => this.jump(diagnostic) },
      h('span', { class: 'lint-icon', 'aria-label': finding.severity }, icon[finding.severity]),
      h('span', { class: 'lint-where' }, `${finding.line}:${finding.column}`),
      h('code', { class: 'lint-id' }, finding.id),
      h('span', { class: 'lint-text' }, finding.message),
    );
    const fix = finding.fixable
      ? h('button', { class: 'lint-fix', type: 'button', 'data-rule': finding.id, onclick: (e: Event) => this.fix(finding, e.currentTarget as HTMLButtonElement) }, 'Fix')
      : null;
    return h('li', { class: `lint-item ${finding.severity}`, 'data-rule': finding.id }, jump, fix);
  }

  private jump(diagnostic: MappedDiagnostic): void {
    const range = this.editor.currentRange(diagnostic) ?? diagnostic;
    this.editor.select(range.from, range.to);
  }

  private async fix(finding: PadDiagnostic, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.say('');
    try {
      await this.applyFix(finding);
      this.say(`Fixed ${finding.id}.`);
    } catch (e) {
      this.say(`Could not fix ${finding.id}: ${(e as Error).message}`);
      button.disabled = false;
    }
  }
}
