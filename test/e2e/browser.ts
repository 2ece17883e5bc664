/** Debian's chromium, headless, driven by playwright-core (which gives every launch a fresh profile). */
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { CHROMIUM } from './provision';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Console text without the workbench's `%c` styling. */
export function consoleText(message: ConsoleMessage): string {
  return message.text().replace(/%c/g, '').replace(/color: \S+\s?/g, '').trim();
}
