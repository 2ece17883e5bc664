/** The language server: wires documents, settings, diagnostics, code actions and commands to a connection. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadShellParser } from '../io/shell-wasm';
import { Analyzer, type RegistryLookups } from './analysis';
import { IdleCollector } from './idle-gc';
import { refreshDiagnostics, tell } from './messages';
import { pinAllCommand } from './pin-command';
import { RegistryFeatures } from './registry-features';
import { ShellcheckFeatures } from './shellcheck-features';
import { fixAllAction, fixAllEdit, FIX_ALL_KIND, quickFixes, resolveFix, splitAction, splitEdit, wanted, type FixData, type SplitData } from './code-actions';
import { toDiagnostic } from './diagnostics';
import { editorCapabilities, registerEditorFeatures } from './editor-features';
import { SettingsStore, type Settings } from './settings';

export const COMMANDS = { fixAll: 'dockerfileOptimizer.applyFixAll', split: 'dockerfileOptimizer.applySplit', pinAll: 'dockerfileOptimizer.applyPinAll' } as const;

/** Sent by the client when the user trusts the workspace (credential helpers may run from then on). */
export const TRUST_NOTIFICATION = 'dockerfileOptimizer/workspaceTrusted';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let init: InitializeParams;
  let pull = false;
  let documentChanges = false;
  const loggedRuleErrors = new Set<string>();
  const analyzer = new Analyzer((ruleId, error) => {
    const message = (error as Error)?.stack ?? String(error);
    // Once per rule and error message: the stack of a stack overflow differs from one keystroke to the next.
    const key = `${ruleId}\n${(error as Error)?.message ?? message}`;
    if (loggedRuleErrors.has(key)) return;
    loggedRuleErrors.add(key);
    connection.console.error(`Rule \`${ruleId}\` failed and its findings were dropped: ${message}`);
  }, (loaded) => {
    const key = `${loaded.path}\n${loaded.errors.join('\n')}`;
    if (loggedRuleErrors.has(key)) return;
    loggedRuleErrors.add(key);
    connection.console.warn(`${loaded.path}: ${loaded.errors.join('; ')}`);
  });
  const idle = new IdleCollector();
  const settings = new SettingsStore(connection, () => init?.capabilities.workspace?.configuration === true);
  const ready = loadShellParser();
  /** Untrusted until the client says otherwise: then no credential helper ever runs. */
  let trusted = false;
  const registry = new RegistryFeatures(
    (line) => connection.tracer.log(line),
    (uri) => {
      if (pull) refreshDiagnostics(connection);
      else void push(uri);
    },
  );

  const shellcheck = new ShellcheckFeatures(
    (line) => connection.console.log(line),
    (uri) => {
      if (pull) refreshDiagnostics(connection);
      else void push(uri);
    },
  );

  async function lookups(uri: string, config: Settings): Promise<RegistryLookups | undefined> {
    const client = await registry.clientFor(config.registry, trusted);
    return client && { client, tagsFor: (model) => registry.tagsFor(uri, model, client), version: registry.version };
  }

  async function analyse(uri: string) {
    await ready;
    const document = documents.get(uri);
    if (!document) return undefined;
    const config = await settings.get(uri);
    // The document may have changed while settings were fetched; analyse the current version.
    const current = documents.get(uri) ?? document;
    const registryLookups = config.enable ? await lookups(uri, config) : undefined;
    const latest = documents.get(uri) ?? current;
    // ShellCheck is a program on this machine: it never runs for an untrusted workspace.
    const external = config.shellcheck.enabled && trusted ? shellcheck : undefined;
    return { document: latest, config, analysis: config.enable ? analyzer.analyse(latest, config, registryLookups, external) : undefined };
  }

  async function diagnosticsFor(uri: string) {
    const result = await analyse(uri);
    idle.schedule();
    return result?.analysis ? result.analysis.findings.map(toDiagnostic) : [];
  }

  async function push(uri: string) {
    const document = documents.get(uri);
    if (!document) return;
    const diagnostics = await diagnosticsFor(uri);
    connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  const editor = registerEditorFeatures(connection, documents, settings, analyzer, async (uri, position) => {
    const result = await analyse(uri);
    const client = result && (await registry.clientFor(result.config.registry, trusted));
    return result?.analysis && client ? registry.hover(result.analysis.model, position, client) : undefined;
  });

  connection.onInitialize((params): InitializeResult => {
    init = params;
    trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted === true;
    editor.configure(params);
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: pull ? { identifier: 'dockerfile-optimizer', interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        ...editorCapabilities(),
      },
      serverInfo: { name: 'dockerfile-optimizer' },
    };
  });

  connection.onInitialized(() => {
    if (init.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileOptimizer' });
    }
  });

  connection.onNotification(TRUST_NOTIFICATION, () => {
    trusted = true;
  });
  connection.onShutdown(() => registry.dispose());

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    if (pull) refreshDiagnostics(connection);
    else for (const document of documents.all()) void push(document.uri);
  });

  connection.languages.diagnostics.on(async ({ textDocument }) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: await diagnosticsFor(textDocument.uri),
  }));

  documents.onDidChangeContent(({ document }) => {
    if (!pull) void push(document.uri);
  });
  // The client watches `.dockerignore` files; a change there must reach the next analysis.
  connection.onDidChangeWatchedFiles(() => {
    analyzer.forgetFiles();
    if (pull) refreshDiagnostics(connection);
    else for (const document of documents.all()) void push(document.uri);
  });

  documents.onDidClose(({ document }) => {
    analyzer.forget(document.uri);
    settings.forget(document.uri);
    if (!pull) connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const result = await analyse(params.textDocument.uri);
    if (!result?.analysis) return [];
    const { document, analysis, config } = result;
    const options = { documentChanges };
    const actions: CodeAction[] = [];
    if (wanted(CodeActionKind.QuickFix, params.context.only, true)) actions.push(...quickFixes(params, analysis, document, options));
    // The split is also the quick fix of `stage-multi-stage`: offered once, as that fix, where the diagnostic is.
    const splitIsQuickFix = actions.some((a) => a.diagnostics?.some((d) => d.code === 'stage-multi-stage') && a.data !== undefined);
    if (!splitIsQuickFix && wanted(CodeActionKind.RefactorRewrite, params.context.only, true)) {
      const split = splitAction(analysis, document);
      if (split) actions.push(split);
    }
    if (wanted(FIX_ALL_KIND, params.context.only, false)) {
      const edit = await fixAllEdit(analysis, document, options, config.rules);
      if (edit) actions.push(fixAllAction(edit));
    }
    return actions;
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as FixData | SplitData | undefined;
    if (!data || action.edit) return action;
    const result = await analyse(data.uri);
    if (!result?.analysis) return action;
    try {
      const edit = 'split' in data ? splitEdit(result.analysis, result.document, { documentChanges }).edit : await resolveFix(data, result.analysis, result.document, { documentChanges });
      if (edit) action.edit = edit;
    } catch (error) {
      tell(connection, 'error', `Dockerfile Optimizer could not compute "${action.title}": ${(error as Error).message}`);
    }
    return action;
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    const uri = String(args?.[0] ?? '');
    const result = await analyse(uri);
    if (!result?.analysis) return;
    if (command === COMMANDS.pinAll) {
      await pinAllCommand(connection, result.document, result.analysis.model, await registry.clientFor(result.config.registry, trusted), documentChanges);
      return;
    }
    if (command === COMMANDS.split) {
      const { edit, reason } = splitEdit(result.analysis, result.document, { documentChanges });
      if (!edit) {
        tell(connection, 'warning', `Dockerfile Optimizer cannot split this Dockerfile: ${reason}`);
        return;
      }
      const applied = await connection.workspace.applyEdit({ label: 'Split into builder and runtime stages', edit });
      // The preview lists the rewrite unticked: applying with nothing ticked changes nothing, and the user should know.
      if (!applied.applied) tell(connection, 'info', 'The Dockerfile was not split: tick the changes in the Refactor Preview, then Apply');
      return;
    }
    if (command !== COMMANDS.fixAll) return;
    const edit = await fixAllEdit(result.analysis, result.document, { documentChanges }, (result.config as Settings).rules);
    if (!edit) {
      tell(connection, 'info', 'Dockerfile Optimizer: no safe fixes to apply');
      return;
    }
    const applied = await connection.workspace.applyEdit({ label: 'Fix all safe Dockerfile problems', edit });
    if (!applied.applied) tell(connection, 'warning', `Dockerfile Optimizer: the fixes were not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}`);
  });

  documents.listen(connection);
  connection.listen();
}
