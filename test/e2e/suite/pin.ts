/**
 * Digest pinning against the run's loopback registry (`$DFO_E2E_REGISTRY`: its host and the digests
 * it was seeded with), on copies of `pin/` (fixtures/pin, written with the registry's host):
 * the `from-digest-pinned` quick fix, `dockerfileOptimizer.pinAllDigests`, a stale pin's
 * `from-digest-current` finding and its fix, and the registry facts in the image hover.
 *
 * Registry lookups are off by default and the setting is window-wide, so the checks turn
 * `dockerfileOptimizer.registry.enabled` on in the workspace settings first and off again after:
 * the other checks' Dockerfiles name docker.io images, which must never be looked up.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PIN_IMAGES, REGISTRY_ENV, type RegistryImage, type RegistryUnderTest } from '../registry-env';
import type { Checklist } from '../report';
import { codeOf, firstDifference, ours, scratchCopy, waitFor } from './helpers';

const [ALPINE, BOOKWORM] = PIN_IMAGES;
const STALE_DIGEST = `sha256:${'0'.repeat(64)}`;

interface Registry {
  host: string;
  images: Record<string, RegistryImage>;
}

/** The registry the runner started, or an error that says why there is none (every pinning check fails with it). */
function registryUnderTest(): Registry {
  const raw = process.env[REGISTRY_ENV];
  if (!raw) throw new Error(`${REGISTRY_ENV} is not set: the runner started no loopback registry, so nothing could be pinned`);
  const info = JSON.parse(raw) as RegistryUnderTest;
  if ('unavailable' in info) throw new Error(`no loopback registry for the pinning checks: ${info.unavailable}`);
  for (const image of PIN_IMAGES) if (!info.images[image]) throw new Error(`${REGISTRY_ENV} lacks ${image}`);
  return info;
}

/** `text` with `FROM <ref>` (followed by a space or the line end) pinned to `digest`. */
function pinnedText(text: string, ref: string, digest: string): string {
  const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(FROM ${escaped})(?=[ \\t]|$)`, 'm');
  assert.match(text, pattern, `the fixture has no \`FROM ${ref}\` line`);
  return text.replace(pattern, `$1@${digest}`);
}

/** The range of `ref` on its `FROM` line, which is where the image's findings and hover are. */
function imageRange(document: vscode.TextDocument, ref: string): vscode.Range {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (text.startsWith(`FROM ${ref}`)) return new vscode.Range(line, 5, line, 5 + ref.length);
  }
  throw new Error(`no \`FROM ${ref}\` line in ${document.uri.path}`);
}

async function show(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  if (document.languageId !== 'dockerfile') throw new Error(`${uri.path} opened as ${document.languageId}, not dockerfile`);
  return document;
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, resolveCount?: number): Promise<vscode.CodeAction[]> {
  const args = [uri, range, vscode.CodeActionKind.QuickFix.value, ...(resolveCount ? [resolveCount] : [])];
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ...args)) ?? [];
}

/**
 * The quick fix with this title at `range`, resolved (codeAction/resolve looks the digest up). It is
 * awaited, since the server offers it only once it has read the turned-on setting; listed, it has no
 * edit yet: the lookup happens only when it is picked.
 */
async function resolvedQuickFix(uri: vscode.Uri, range: vscode.Range, title: string, list: Checklist, metric: string): Promise<vscode.CodeAction> {
  let offered: string[] = [];
  let lastError = '';
  const listed = await waitFor(`the quick fix "${title}" to be offered`, async () => {
    let actions: vscode.CodeAction[];
    try {
      actions = await codeActions(uri, range);
    } catch (error) {
      // A request the server cancels while it re-lints after the setting changed: ask again.
      lastError = String(error);
      return undefined;
    }
    offered = actions.map((a) => a.title);
    return actions.find((a) => a.title === title && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
  }, 10_000).catch(() => assert.fail(`no quick fix "${title}"; offered: ${offered.join(' | ') || 'none'}${lastError ? `; last error: ${lastError}` : ''}`));
  assert.equal(listed.edit, undefined, 'the quick fix looked the digest up before it was picked (it should be resolved lazily)');
  assert.equal(listed.isPreferred ?? false, false, 'an unsafe fix (it changes what the build pulls) must not be preferred');
  // Resolving looks the digest up. A resolve that comes back without an edit (the server saw lookups
  // off: the workspace settings file is rewritten and re-read after the update) is asked again, and said.
  let attempts = 0;
  let last: vscode.CodeAction | undefined;
  const start = Date.now();
  const action = await waitFor(`"${title}" to be resolved to an edit`, async () => {
    attempts++;
    const began = Date.now();
    last = (await codeActions(uri, range, 100)).find((a) => a.title === title);
    if (!last?.edit) return undefined;
    list.metric(metric, Date.now() - began);
    return last;
  }, 10_000).catch(() => assert.fail(`"${title}" was not resolved to an edit (codeAction/resolve) in ${attempts} attempts over ${Date.now() - start} ms; last: ${last ? 'offered without an edit' : 'not offered'}`));
  if (attempts > 1) console.log(`[in-host] note: "${title}" was resolved to an edit on attempt ${attempts}`);
  return action;
}

async function textBecomes(document: vscode.TextDocument, expected: string, what: string, timeoutMs = 10_000): Promise<void> {
  const ok = await waitFor(what, () => document.getText() === expected, timeoutMs).then(() => true, () => false);
  if (!ok) throw new Error(`${what}: ${firstDifference(expected, document.getText())}`);
}

function count(uri: vscode.Uri, ruleId: string): number {
  return ours(uri).filter((d) => codeOf(d) === ruleId).length;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
}

/** The first column of the hover's platform table (`| Platform | Compressed size | Built |`). */
function hoverPlatforms(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Platform |'));
  if (header < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|')[1].trim());
  }
  return rows;
}

export async function pinChecks(list: Checklist): Promise<void> {
  let registry: Registry | undefined;
  let setupError: unknown;
  try {
    registry = registryUnderTest();
  } catch (error) {
    setupError = error;
  }
  let turnedOn: Promise<void> | undefined;
  const need = (): Registry => {
    if (!registry) throw setupError;
    return registry;
  };
  /** The registry, with lookups turned on in the workspace settings (once, for all the checks). */
  const ready = async (): Promise<Registry> => {
    const registry = need();
    turnedOn ??= (async () => {
      await vscode.workspace.getConfiguration('dockerfileOptimizer').update('registry.enabled', true, vscode.ConfigurationTarget.Workspace);
      await waitFor('dockerfileOptimizer.registry.enabled to read true', () => vscode.workspace.getConfiguration('dockerfileOptimizer').get('registry.enabled') === true, 5_000);
    })();
    await turnedOn;
    return registry;
  };
  const ref = (image: string) => `${registry?.host ?? '<registry>'}/${image}`;
  // Check names keep the port out, so that reports of different runs compare.
  const named = (image: string) => `<registry>/${image}`;

  /** The copy the quick fix pinned (first image only), which pin-all then completes. */
  let partlyPinned: vscode.Uri | undefined;
  try {
    const quickFixTitle = `Pin \`${named(ALPINE)}\` to its current digest`;
    await list.check(`pin: quick fix of from-digest-pinned "${quickFixTitle}" is offered once lookups are on and writes the seeded index digest after the tag`, async () => {
      const { images } = need();
      const copy = await scratchCopy('pin', 'pin-quick-fix');
      const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
      const document = await show(uri);
      const original = document.getText();
      const range = imageRange(document, ref(ALPINE));
      const diagnostic = await waitFor(`the from-digest-pinned finding on ${ref(ALPINE)}`, () =>
        ours(uri).find((d) => codeOf(d) === 'from-digest-pinned' && d.range.isEqual(range)),
      );
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      // Lookups are off by default (nothing leaves the machine): the finding is there, its fix is not.
      if (!turnedOn) {
        const offered = (await codeActions(uri, range)).map((a) => a.title);
        assert.ok(!offered.some((t) => t.startsWith('Pin `')), `a pin fix is offered while registry lookups are off: ${offered.join(' | ')}`);
      }
      await ready();
      const action = await resolvedQuickFix(uri, range, `Pin \`${ref(ALPINE)}\` to its current digest`, list, 'pin.quickFixResolveMs');
      assert.ok(await vscode.workspace.applyEdit(action.edit!), 'workspace.applyEdit returned false');
      // Only the first image is pinned: to the index digest (every platform), the tag kept in front of it.
      await textBecomes(document, pinnedText(original, ref(ALPINE), images[ALPINE].digest), 'the Dockerfile after the quick fix');
      partlyPinned = uri;
      await waitFor(`the from-digest-pinned finding on ${ref(ALPINE)} to go away`, () => !ours(uri).some((d) => codeOf(d) === 'from-digest-pinned' && d.range.start.line === range.start.line));
    });

    await list.check(`pin: dockerfileOptimizer.pinAllDigests pins the remaining image (${named(BOOKWORM)}) in one edit`, async () => {
      const { images } = await ready();
      const uri = partlyPinned ?? vscode.Uri.joinPath(await scratchCopy('pin', 'pin-all'), 'Dockerfile');
      const document = await show(uri);
      const before = document.getText();
      let expected = pinnedText(before, ref(BOOKWORM), images[BOOKWORM].digest);
      if (!partlyPinned) expected = pinnedText(expected, ref(ALPINE), images[ALPINE].digest);
      const version = document.version;
      // The command shows a progress notification and then a summary, neither of which waits for the
      // user: it returns once the edit is applied. Still, wait on the text, and say how far the command got.
      const start = Date.now();
      const command: { outcome: 'running' | 'returned' | Error } = { outcome: 'running' };
      void Promise.resolve(vscode.commands.executeCommand('dockerfileOptimizer.pinAllDigests')).then(
        () => (command.outcome = 'returned'),
        (error: unknown) => (command.outcome = error instanceof Error ? error : new Error(String(error))),
      );
      const pinned = await waitFor('the pinned text', () => document.getText() === expected, 15_000).then(() => true, () => false);
      if (!pinned) {
        const { outcome } = command;
        const state = outcome === 'running' ? 'is still running (waiting on a prompt, or on the registry?)' : outcome === 'returned' ? 'returned' : `failed: ${outcome.message}`;
        throw new Error(`the Dockerfile after pinAllDigests, ${firstDifference(expected, document.getText())}; the command ${state}`);
      }
      list.metric('pin.pinAllMs', Date.now() - start);
      assert.equal(document.version, version + 1, 'pinAllDigests changed the document in more than one edit (one undo step expected)');
      await waitFor('pinAllDigests to return', () => command.outcome !== 'running', 5_000);
      if (command.outcome instanceof Error) throw command.outcome;
      await waitFor('the from-digest-pinned findings to go away', () => count(uri, 'from-digest-pinned') === 0);
    });

    await list.check('pin: a stale pin (@sha256:000…) gets from-digest-current after the background lookup; "Update pinned digest" writes the current digest', async () => {
      const { images } = await ready();
      const copy = await scratchCopy('pin', 'pin-stale');
      const uri = vscode.Uri.joinPath(copy, 'Dockerfile.stale');
      const start = Date.now();
      const document = await show(uri);
      const original = document.getText();
      const range = imageRange(document, `${ref(ALPINE)}@${STALE_DIGEST}`);
      const diagnostic = await waitFor('a from-digest-current finding once the tag is looked up', () =>
        ours(uri).find((d) => codeOf(d) === 'from-digest-current'),
      ).catch(() => assert.fail(`no from-digest-current finding; the diagnostics: ${ours(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).join(', ') || 'none'}`));
      list.metric('pin.staleFindingMs', Date.now() - start);
      assert.ok(diagnostic.range.isEqual(range), `the finding's range is ${JSON.stringify(diagnostic.range)}, not the image's`);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      assert.match(diagnostic.message, /now points to another image than the pinned digest/);
      const action = await resolvedQuickFix(uri, range, 'Update pinned digest', list, 'pin.updateResolveMs');
      assert.ok(await vscode.workspace.applyEdit(action.edit!), 'workspace.applyEdit returned false');
      await textBecomes(document, original.replace(STALE_DIGEST, images[ALPINE].digest), 'the Dockerfile after "Update pinned digest"');
      await waitFor('the from-digest-current finding to go away', () => count(uri, 'from-digest-current') === 0);
    });

    await list.check('pin: hover on each FROM image shows its digest and its platforms (attestations left out)', async () => {
      const { images } = await ready();
      const copy = await scratchCopy('pin', 'pin-hover');
      const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
      const document = await show(uri);
      for (const image of [ALPINE, BOOKWORM]) {
        const range = imageRange(document, ref(image));
        const position = range.start.translate(0, ref(image).length - 3); // on the tag
        let text = '';
        const found = await waitFor(`the hover of ${ref(image)} to show a digest`, async () => {
          text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? []);
          return text.includes('Digest: `');
        }, 10_000).then(() => true, () => false);
        if (!found) throw new Error(`the hover of ${ref(image)} shows no digest:\n${text || '(no hover)'}`);
        assert.ok(text.includes(`Digest: \`${images[image].digest}\``), `the hover of ${ref(image)} shows another digest than the seeded ${images[image].digest}:\n${text}`);
        assert.deepEqual(hoverPlatforms(text).sort(), [...images[image].platforms].sort(), `the platform table of ${ref(image)}'s hover`);
      }
    });
  } finally {
    if (turnedOn) {
      await turnedOn.catch(() => undefined);
      await vscode.workspace.getConfiguration('dockerfileOptimizer').update('registry.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  }
}
