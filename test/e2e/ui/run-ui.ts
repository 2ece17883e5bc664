/**
 * The UI suite: chromium drives code-server's workbench the way a user does (squiggle, hover,
 * Ctrl+. quick fix, snippet, Problems panel, the multi-stage split through the Refactor Preview)
 * and saves a screenshot of each step in test/e2e/out/. Steps build on each other, so after the
 * first failure the rest are reported as not run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consoleText, launchBrowser } from '../browser';
import type { Server } from '../code-server';
import type { FolderExpectations } from '../expectations';
import { checklist, writeReport, type SuiteReport } from '../report';
import { snippetTemplate } from './snippet';
import { until, Workbench } from './workbench';

export interface UiOptions {
  /** The workspace: `Dockerfile` (+ `app.sh`) from fixtures/ui-workspace and a copy of examples/node-article. */
  folder: string;
  outDir: string;
  /** Where the page's console goes, for diagnosis. */
  consoleLog: string;
  /** The installed extension (its snippet files). */
  extensionPath: string;
  /** What the CLI reports and fixes for the workspace's Dockerfile. */
  expected: FolderExpectations;
}

/** The snippet to type: it adds the non-root user that the UI fixture lacks. */
const SNIPPET = 'dfo-user-alpine';

const SPLIT_TITLE = 'Split into builder and runtime stages';

/** A regular expression for a message whose `code` spans may be rendered without the backticks. */
function messagePattern(message: string): RegExp {
  return new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/`/g, '`?'));
}

export async function runUi(server: Server, options: UiOptions): Promise<SuiteReport> {
  const list = checklist('ui', { sequential: true, log: (line) => console.log(`  ${line}`) });
  const dockerfile = path.join(options.folder, 'Dockerfile');
  const { findings, fixes } = options.expected;
  const snippet = snippetTemplate(options.extensionPath, SNIPPET);
  const target = findings.find((f) => f.severity === 'warning' && f.fix?.safety === 'safe');
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const wb = new Workbench(page, options.outDir);
  page.on('console', (message) => fs.appendFileSync(options.consoleLog, `[${message.type()}] ${consoleText(message)}\n`));
  try {
    if (!target) throw new Error('the UI fixture has no warning with a safe fix');
    const fixed = fixes[target.ruleId]?.Dockerfile;
    if (!fixed) throw new Error(`the CLI has no fix text for ${target.ruleId}`);
    const fixedLine = fixed.split('\n')[target.line - 1];

    await list.check('the workbench opens the sample workspace and the Dockerfile', async () => {
      await wb.load(server.url(options.folder), 'Dockerfile');
      await wb.open(dockerfile, options.folder, 'FROM');
      await wb.shot('01-opened');
    });

    await list.check(`a warning squiggle is drawn under line ${target.line} (${target.ruleId})`, async () => {
      await until(`a .squiggly-warning on line ${target.line}`, async () => (await wb.squigglesOn(target.line, 'warning')).length > 0, 30_000);
      await wb.shot('02-squiggle');
    });

    await list.check('hovering the squiggle shows the message, source and rule', async () => {
      const hover = page.locator('.monaco-hover', { hasText: messagePattern(target.message) }).first();
      await wb.hoverSquiggle(target.line, 'warning', hover);
      // source and code: "dockerfile-optimizer(apk-no-cache)", the parentheses drawn by CSS
      await hover.filter({ hasText: new RegExp(`dockerfile-optimizer\\(?${target.ruleId}`) }).waitFor({ timeout: 5_000 });
      await wb.shot('03-hover');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden' });
    });

    await list.check(`Ctrl+. offers "${target.fix!.title}" first`, async () => {
      await wb.goTo(target.line, target.column);
      // the action widget blocks mouse clicks (.context-view-pointerBlock); the preferred fix is focused
      const row = page.locator('.action-widget .monaco-list-row.focused', { hasText: target.fix!.title });
      await until('the quick fix menu with the fix', async () => {
        await page.keyboard.press('Control+.');
        if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return true;
        await page.keyboard.press('Escape');
        return false;
      }, 20_000);
      await wb.shot('04-quick-fix-menu');
    });

    await list.check('Enter applies the fix and the squiggle goes away', async () => {
      await page.keyboard.press('Enter');
      await wb.editor.locator('.view-line', { hasText: fixedLine }).first().waitFor({ timeout: 15_000 });
      await until(`no warning squiggle on line ${target.line}`, async () => (await wb.squigglesOn(target.line, 'warning')).length === 0);
      await wb.shot('05-fixed');
    });

    await list.check(`typing ${snippet.prefix} and accepting the suggestion inserts the template`, async () => {
      const cmdLine = (await wb.text()).split('\n').findIndex((l) => l.startsWith('CMD')) + 1;
      if (cmdLine === 0) throw new Error('no CMD line in the editor');
      await wb.goTo(cmdLine, 1);
      await page.keyboard.press('Control+Shift+Enter'); // insert a line above the CMD and move there
      await wb.cursorAt(cmdLine, 1);
      await page.keyboard.type(snippet.prefix);
      // Typing alone does not always bring the widget up: `-` ends a word in Dockerfiles, so the quick
      // suggestions started at `dfo` may close before the prefix is complete. Ask for it, as users do.
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.suggest-widget.visible .monaco-list-row').first();
      const focused = page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: snippet.prefix });
      const inserted = wb.editor.locator('.view-line', { hasText: snippet.firstLine }).first();
      for (let attempt = 1; ; attempt++) {
        try {
          await widget.waitFor({ timeout: 10_000 });
          // Word-based suggestions (`alpine`, from line 1) can rank level with the snippet: go down to it
          // (the list is virtual, so a row far down is not in the page until focus gets near it).
          await until('the snippet to be the focused suggestion', async () => {
            if (await focused.count()) return true;
            await page.keyboard.press('ArrowDown');
            return false;
          }, 8_000);
          // Enter is swallowed while the widget refilters: the one tolerated settle (E2E.md).
          await page.waitForTimeout(300);
          await page.keyboard.press('Enter');
          await inserted.waitFor({ timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt === 4) throw error;
          console.log(`  (snippet not accepted yet, retry ${attempt} with Ctrl+Space; see ui-06-snippet-retry-${attempt}.png)`);
          await wb.shot(`06-snippet-retry-${attempt}`);
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
        }
      }
      await page.keyboard.press('Escape'); // leave snippet mode
      await wb.shot('06-snippet');
    });

    await list.check('the USER from the snippet clears the user-non-root warning on line 1', async () => {
      await until('no warning squiggle on line 1', async () => (await wb.squigglesOn(1, 'warning')).length === 0);
    });

    await list.check('the Problems panel lists the remaining diagnostics with their source', async () => {
      const remaining = findings.filter((f) => f !== target && f.ruleId !== 'user-non-root');
      if (remaining.length === 0) throw new Error('the UI fixture should keep at least one finding');
      await page.keyboard.press('Control+Shift+M');
      for (const f of remaining) {
        await page.locator('.markers-panel .monaco-list-row', { hasText: messagePattern(f.message) }).first().waitFor({ timeout: 15_000 });
        await page.locator('.markers-panel .monaco-list-row', { hasText: new RegExp(`dockerfile-optimizer\\(?${f.ruleId}`) }).first().waitFor({ timeout: 5_000 });
      }
      await wb.shot('07-problems');
    });

    const article = path.join(options.folder, 'node-article', 'Dockerfile');
    const expectedSplit = fs.readFileSync(path.join(options.folder, 'node-article', 'Dockerfile.expected'), 'utf8');
    await list.check(`node-article: Ctrl+Shift+R offers "${SPLIT_TITLE}"`, async () => {
      await wb.open(article, options.folder, 'npm run build');
      await until('a warning squiggle in node-article/Dockerfile', async () => (await wb.editor.locator('.squiggly-warning').count()) > 0, 30_000);
      await wb.goTo(1, 1);
      const row = page.locator('.action-widget .monaco-list-row.focused', { hasText: SPLIT_TITLE });
      // asked again if the first request came before the server had the document ("No refactorings available")
      await until('the refactor menu with the split', async () => {
        await page.keyboard.press('Control+Shift+R');
        if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return true;
        await page.keyboard.press('Escape');
        return false;
      }, 20_000);
      await wb.shot('08-refactor-menu');
    });

    await list.check('Enter opens the Refactor Preview; the file is unchanged until the change is ticked', async () => {
      await page.keyboard.press('Enter');
      await page.locator('.bulk-edit-panel .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ timeout: 15_000 });
      await wb.shot('09-refactor-preview');
      const shown = await wb.text();
      const original = fs.readFileSync(article, 'utf8').replace(/\n+$/, '');
      if (shown.replace(/\n+$/, '') !== original) throw new Error(`the editor changed before the preview was accepted:\n${shown}`);
    });

    await list.check('ticking the file and pressing Apply rewrites it into the expected stages, and the multi-stage warning goes', async () => {
      await page.locator('.bulk-edit-panel .monaco-list-row', { hasText: 'Dockerfile' }).first().locator('.monaco-checkbox, input[type=checkbox]').first().click();
      await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Apply' }).click();
      await page.locator('.bulk-edit-panel').waitFor({ state: 'hidden', timeout: 15_000 });
      await wb.editor.locator('.view-line', { hasText: 'FROM node:18-slim' }).first().waitFor({ timeout: 15_000 });
      const shown = (await wb.text()).replace(/\n+$/, '');
      if (shown !== expectedSplit.replace(/\n+$/, '')) throw new Error(`editor text differs from Dockerfile.expected:\n${shown}`);
      // and the server re-checks the new text: the Problems panel lists the runtime stage's image (its digest
      // pin finding) and no longer the multi-stage warning
      const runtimeImage = [...expectedSplit.matchAll(/^FROM\s+(\S+)/gm)].pop()?.[1] ?? '';
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: runtimeImage }).first().waitFor({ timeout: 15_000 });
      await until('no stage-multi-stage row in the Problems panel', async () => (await rows.filter({ hasText: 'stage-multi-stage' }).count()) === 0);
      await wb.shot('10-split-applied');
    });
  } catch (error) {
    await list.check('UI suite setup', () => {
      throw error;
    });
  } finally {
    if (list.report().failed > 0) await wb.shot('failure').catch(() => undefined);
    await browser.close();
  }
  const report = list.report();
  writeReport(path.join(options.outDir, 'ui-results.json'), report);
  return report;
}
