// The CodeMirror 6 editor bound to the pad's Y.Text `content` (y-codemirror.next shows the
// others' cursors and selections from awareness), with the linter's findings inline.
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, dropCursor } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics, forEachDiagnostic, type Diagnostic } from '@codemirror/lint';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

export interface PadEditor {
  view: EditorView;
  setReadOnly(readOnly: boolean): void;
  showDiagnostics(diagnostics: Diagnostic[]): void;
  /** Where a diagnostic is now (findings move with the text as it is edited). */
  currentRange(diagnostic: Diagnostic): { from: number; to: number } | null;
  select(from: number, to: number): void;
  insertAtCursor(text: string): void;
}

export function createEditor(parent: HTMLElement, ytext: Y.Text, awareness: Awareness, onDropFiles: (files: File[], pos: number) => void): PadEditor {
  const editable = new Compartment();
  const undoManager = new Y.UndoManager(ytext);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: ytext.toString(),
      extensions: [
        lineNumbers(),
        drawSelection(),
        dropCursor(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        // The post's YAML front matter is highlighted as YAML, not misread as setext headings.
        yamlFrontmatter({ content: markdown() }),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        // Undo is Yjs's: it undoes only this user's changes, never a co-author's.
        keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
        yCollab(ytext, awareness, { undoManager }),
        editable.of([]),
        EditorView.contentAttributes.of({ 'aria-label': 'Newsletter markdown', spellcheck: 'true' }),
        EditorView.domEventHandlers({
          drop(event, v) {
            const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
            if (files.length === 0) return false;
            event.preventDefault();
            const pos = v.posAtCoords({ x: event.clientX, y: event.clientY }) ?? v.state.selection.main.head;
            onDropFiles(files, pos);
            return true;
          },
        }),
      ],
    }),
  });

  return {
    view,
    setReadOnly(readOnly) {
      view.dispatch({ effects: editable.reconfigure(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []) });
    },
    showDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    currentRange(diagnostic) {
      let found: { from: number; to: number } | null = null;
      forEachDiagnostic(view.state, (d, from, to) => {
        if (d === diagnostic) found = { from, to };
      });
      return found;
    },
    select(from, to) {
      view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    },
    insertAtCursor(text) {
      const { from, to } = view.state.selection.main;
      view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
    },
  };
}
