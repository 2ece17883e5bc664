/** "Pin All Base-Image Digests": progress, cancellation, one edit for the whole file, a per-image summary. */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel } from '../core/model';
import type { RegistryClient } from '../core/registry-types';
import { pinImages } from '../io/pin-images';
import { tell } from './messages';
import { toWorkspaceEdit } from './workspace-edit';

export async function pinAllCommand(connection: Connection, document: TextDocument, model: DockerfileModel, client: RegistryClient | undefined, documentChanges: boolean): Promise<void> {
  if (!client) {
    tell(connection, 'warning', 'Registry lookups are off: turn on `dockerfileOptimizer.registry.enabled` to pin base-image digests');
    return;
  }
  const progress = await connection.window.createWorkDoneProgress();
  const abort = new AbortController();
  progress.token.onCancellationRequested(() => abort.abort());
  progress.begin('Pinning base-image digests', 0, 'Looking up digests…', true);
  let result;
  try {
    result = await pinImages(model, client, (done, total, image) => progress.report(Math.round((done / Math.max(total, 1)) * 100), `${image} (${done}/${total})`), abort.signal);
  } finally {
    progress.done();
  }
  if (abort.signal.aborted) {
    tell(connection, 'info', 'Pinning was cancelled; the Dockerfile is unchanged');
    return;
  }
  if (result.edits.length) {
    const edit = toWorkspaceEdit(document, result.edits, { documentChanges });
    const applied = edit && (await connection.workspace.applyEdit({ label: 'Pin base-image digests', edit }));
    if (!applied?.applied) {
      tell(connection, 'error', 'The pins could not be applied: the Dockerfile changed while digests were looked up; run the command again');
      return;
    }
  }
  const parts = [
    result.pinned.length ? `pinned ${result.pinned.join(', ')}` : '',
    result.skipped.length ? `skipped ${result.skipped.join('; ')}` : '',
  ].filter(Boolean);
  if (result.failed.length) {
    tell(connection, 'error', [...parts, ...result.failed].join('. '));
  } else if (parts.length) {
    tell(connection, 'info', `Dockerfile Optimizer: ${parts.join('; ')}`);
  } else {
    tell(connection, 'info', 'Every base image is pinned already');
  }
}
