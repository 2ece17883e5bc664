/** Pass/fail bookkeeping shared by both suites; each writes its report as JSON and prints `N passed, N failed`. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Not run because an earlier step of a sequential suite failed. */
  skipped?: boolean;
  ms: number;
  error?: string;
}

export interface SuiteReport {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  checks: CheckResult[];
  /** Measurements (milliseconds unless the name says otherwise). */
  metrics: Record<string, number>;
}

export interface Checklist {
  /** Runs one check; a thrown error fails it. With `sequential`, checks after a failure are skipped. */
  check(name: string, fn: () => Promise<void> | void): Promise<boolean>;
  metric(name: string, value: number): void;
  report(): SuiteReport;
}

export function checklist(suite: string, options: { sequential?: boolean; log?: (line: string) => void } = {}): Checklist {
  const log = options.log ?? ((line: string) => console.log(line));
  const checks: CheckResult[] = [];
  const metrics: Record<string, number> = {};
  let broken = false;
  return {
    async check(name, fn) {
      if (broken) {
        checks.push({ name, ok: false, skipped: true, ms: 0, error: 'not run: an earlier step failed' });
        log(`skip - ${name}`);
        return false;
      }
      const start = Date.now();
      try {
        await fn();
        checks.push({ name, ok: true, ms: Date.now() - start });
        log(`ok - ${name} (${Date.now() - start} ms)`);
        return true;
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        checks.push({ name, ok: false, ms: Date.now() - start, error: message });
        log(`not ok - ${name}: ${message}`);
        if (options.sequential) broken = true;
        return false;
      }
    },
    metric(name, value) {
      metrics[name] = value;
      log(`metric - ${name}: ${value}`);
    },
    report() {
      const passed = checks.filter((c) => c.ok).length;
      const skipped = checks.filter((c) => c.skipped).length;
      return { suite, passed, failed: checks.length - passed - skipped, skipped, checks, metrics };
    },
  };
}

export function summary(report: SuiteReport): string {
  return `${report.suite}: ${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} not run` : ''}`;
}

export function writeReport(file: string | undefined, report: SuiteReport): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
