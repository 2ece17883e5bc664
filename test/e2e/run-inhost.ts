/**
 * Runs the in-host suite inside code-server's Node extension host. The workbench's `payload` URL
 * parameter plays the part of VS Code's `--extensionDevelopmentPath`/`--extensionTestsPath` flags
 * (code-server's CLI rejects them); when the suite's `run()` settles, the workbench calls
 * `window.codeAutomationExit(code)`: 0 if it resolved, 1 if it threw.
 */
import * as fs from 'node:fs';
import { consoleText, launchBrowser } from './browser';
import type { Server } from './code-server';
import type { SuiteReport } from './report';

export interface InhostOptions {
  /** Workspace folder (server path). */
  folder: string;
  /** The installed extension's folder. */
  extensionPath: string;
  /** The bundled suite (dist/e2e/suite/index.js). */
  testsPath: string;
  /** Where the suite writes its report (it reads DFO_E2E_RESULTS, set in code-server's environment). */
  resultsFile: string;
  /** Where the page's whole console goes (workbench and extension host messages), for diagnosis. */
  consoleLog: string;
  /** Screenshot of the window when the suite failed. */
  failureShot: string;
  timeoutMs?: number;
}

/** The suite's report, plus a failed check if `run()` did not settle with `codeAutomationExit(0)`. */
export async function runInhost(server: Server, options: InhostOptions): Promise<SuiteReport> {
  const remote = (p: string) => `vscode-remote://${server.authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(options.extensionPath)],
    ['extensionTestsPath', remote(options.testsPath)],
  ]);
  fs.rmSync(options.resultsFile, { force: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    // The extension host's console reaches the page console; the suite prefixes its lines.
    page.on('console', (message) => {
      const text = consoleText(message);
      fs.appendFileSync(options.consoleLog, `[${message.type()}] ${text}\n`);
      const at = text.indexOf('[in-host] ');
      if (at >= 0) console.log(`  ${text.slice(at + 10).split('\n')[0]}`);
    });
    await page.goto(server.url(options.folder, { payload }));
    // Notifications (e.g. "Failed to save …") never reach the console: copy them to the log as they appear.
    const seen = new Set<string>();
    const watcher = setInterval(() => {
      page.locator('.notification-toast .notification-list-item-message').allInnerTexts().then((texts) => {
        for (const text of texts.filter((t) => !seen.has(t))) {
          seen.add(text);
          fs.appendFileSync(options.consoleLog, `[notification] ${text}\n`);
          console.log(`  [notification] ${text}`);
        }
      }, () => undefined);
    }, 250);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 180_000)));
    const exitCode = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    clearInterval(watcher);
    if (exitCode !== 0) await page.screenshot({ path: options.failureShot }).catch(() => undefined);
    const report: SuiteReport = fs.existsSync(options.resultsFile)
      ? (JSON.parse(fs.readFileSync(options.resultsFile, 'utf8')) as SuiteReport)
      : { suite: 'in-host', passed: 0, failed: 0, skipped: 0, checks: [], metrics: {} };
    if (exitCode !== 0 && report.failed === 0) {
      report.failed++;
      report.checks.push({ name: 'run() settles with codeAutomationExit(0)', ok: false, ms: 0, error: `got ${exitCode}; see ${options.consoleLog}` });
    }
    return report;
  } finally {
    await browser.close();
  }
}
