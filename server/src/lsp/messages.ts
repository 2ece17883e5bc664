/** Messages to the user that nothing waits for: a client that goes away before answering is not an error. */
import type { Connection } from 'vscode-languageserver';

export type MessageLevel = 'info' | 'warning' | 'error';

export function tell(connection: Connection, level: MessageLevel, message: string): void {
  const window = connection.window;
  const shown = level === 'error' ? window.showErrorMessage(message) : level === 'warning' ? window.showWarningMessage(message) : window.showInformationMessage(message);
  void Promise.resolve(shown).catch(() => undefined);
}

/** Asks a pull-diagnostics client to pull again; ignored when the client is gone. */
export function refreshDiagnostics(connection: Connection): void {
  void connection.languages.diagnostics.refresh().catch(() => undefined);
}
