/**
 * The few workbench interactions the UI suite needs, by selectors and keys that work on VS Code 1.100
 * (code-server 4.100.3); see shared/design/E2E.md. They are VS Code internals: keep them here, in one place.
 */
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export type Severity = 'error' | 'warning' | 'info';

/** The little of the DOM used in the page (the project's tsconfig has no DOM library). */
interface DomElement {
  textContent: string | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number; top: number; bottom: number };
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Polls `probe` until it is truthy (for conditions a selector cannot express). */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export class Workbench {
  readonly editor: Locator;
  readonly quickInput: Locator;

  constructor(readonly page: Page, private readonly shotsDir: string) {
    this.editor = page.locator('.part.editor .editor-instance .monaco-editor').first();
    this.quickInput = page.locator('.quick-input-widget input');
  }

  async load(url: string, firstFile: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // the explorer lists files once the remote file system is connected
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: firstFile }).first().waitFor({ timeout: 60_000 });
  }

  async shot(name: string): Promise<string> {
    const file = path.join(this.shotsDir, `ui-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Quick Open (Ctrl+P) with the file's absolute path. The results update while typing, so wait until the
   * focused row is this file: its aria-label is "<name> <folder relative to the workspace>, <section>".
   */
  async open(file: string, workspace: string, expectText: string): Promise<void> {
    const dir = path.relative(workspace, path.dirname(file)).split(path.sep).join('/');
    const label = `${path.basename(file)}${dir ? ` ${dir}` : ''},`;
    await this.page.keyboard.press('Control+P');
    await this.quickInput.waitFor();
    await this.page.keyboard.type(file);
    await this.page.locator(`.quick-input-list .monaco-list-row.focused[aria-label^="${label}"]`).waitFor();
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
    await this.page.locator('.part.editor .tab.active', { hasText: path.basename(file) }).waitFor();
    await this.editor.locator('.view-lines', { hasText: expectText }).waitFor({ timeout: 30_000 });
  }

  async goTo(line: number, column: number): Promise<void> {
    await this.editor.locator('textarea').focus();
    await this.page.keyboard.press('Control+G');
    await this.quickInput.waitFor();
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
    await this.cursorAt(line, column);
  }

  /** Waits for the status bar to show the cursor at a position. */
  async cursorAt(line: number, column: number): Promise<void> {
    await this.page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\s*$`) }).first().waitFor({ timeout: 5_000 });
  }

  /**
   * The editor's text as rendered (only the lines in view). Line elements are reused after edits, so
   * their DOM order is not the text order: sort them by their `top`.
   */
  async text(): Promise<string> {
    const rows = await this.editor.evaluate((editor) =>
      Array.from((editor as unknown as DomElement).querySelectorAll('.view-lines > .view-line')).map((line) => ({
        top: line.getBoundingClientRect().top,
        text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
      })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => r.text).join('\n');
  }

  /**
   * Centres of the squiggles of a severity drawn on a line (matched to the line by its number in the
   * gutter). Measured in one pass in the page: the editor re-renders decorations at any time.
   */
  async squigglesOn(line: number, severity: Severity): Promise<{ x: number; y: number }[]> {
    return this.editor.evaluate(
      (editor, { line, severity }) => {
        const root = editor as unknown as DomElement;
        const numbers = Array.from(root.querySelectorAll('.margin-view-overlays .line-numbers'));
        const number = numbers.find((n) => n.textContent?.trim() === String(line));
        if (!number) return [];
        const band = number.getBoundingClientRect();
        return Array.from(root.querySelectorAll(`.squiggly-${severity}`))
          .map((squiggle) => squiggle.getBoundingClientRect())
          .filter((r) => r.y + r.height / 2 >= band.top && r.y + r.height / 2 <= band.bottom)
          .map((r) => ({ x: r.x + Math.min(r.width / 2, 30), y: r.y + r.height / 2 }));
      },
      { line, severity },
    );
  }

  /**
   * Points the mouse at the first squiggle on a line until `hover` shows. The mouse goes there directly
   * (`locator.hover()` is blocked by the text layer above the squiggle), and away and back again while
   * the editor is still starting up and ignores it.
   */
  async hoverSquiggle(line: number, severity: Severity, hover: Locator, timeoutMs = 20_000): Promise<void> {
    await until(`a hover over the ${severity} squiggle on line ${line}`, async () => {
      const [squiggle] = await this.squigglesOn(line, severity);
      if (!squiggle) return false;
      await this.page.mouse.move(5, 5);
      await this.page.mouse.move(squiggle.x, squiggle.y);
      return hover.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }, timeoutMs);
  }

  /** F1, a command's title, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor();
    await this.page.keyboard.type(title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }
}
