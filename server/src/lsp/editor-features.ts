/**
 * Standard editor features from dockerfile-language-service: completion, hover, formatting,
 * symbols, folding, highlights, definition, rename, links, semantic tokens, signature help.
 */
import type { Connection, Hover, InitializeParams, Position, SemanticTokensLegend, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import type { From } from 'dockerfile-ast';
import type { SettingsStore } from './settings';
import type { Analyzer } from './analysis';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'comment', 'parameter', 'property', 'namespace', 'class', 'macro', 'string', 'variable', 'operator', 'modifier'],
  tokenModifiers: ['declaration', 'definition', 'deprecated'],
};

export function editorCapabilities(): ServerCapabilities {
  return {
    completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', '$', '-'] },
    hoverProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentHighlightProvider: true,
    definitionProvider: true,
    renameProvider: { prepareProvider: true },
    documentLinkProvider: { resolveProvider: true },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
  };
}

/** Whether a position is in the tag of a `FROM` image, where the service would query Docker Hub for tags. */
function inFromTag(analyzerModelFroms: From[], line: number, character: number): boolean {
  return analyzerModelFroms.some((from) => {
    const range = from.getImageTagRange() ?? from.getImageNameRange();
    if (!range) return false;
    const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
    const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character + 1);
    return afterStart && beforeEnd && from.getImage()?.includes(':') === true;
  });
}

export function registerEditorFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  settings: SettingsStore,
  analyzer: Analyzer,
  /** Registry facts for a `FROM` image under the cursor, when lookups are on; undefined leaves the hover to the language service. */
  imageHover?: (uri: string, position: Position) => Promise<Hover | undefined>,
): { configure(init: InitializeParams): void } {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setLogger({ log: (message) => connection.console.log(message) });
  const text = (uri: string) => documents.get(uri)?.getText();
  const logged = new Set<string>();
  /**
   * Runs a feature of the language service; when it throws (dockerfile-ast recurses without end on some
   * texts, such as an indented `ARG` that uses a variable), answers `fallback` and logs the error once,
   * instead of failing the request while the user types.
   */
  async function guard<T>(feature: string, fallback: T, compute: () => T | Promise<T>): Promise<T> {
    try {
      return await compute();
    } catch (error) {
      const message = `${(error as Error)?.message ?? String(error)}`;
      if (!logged.has(`${feature}\n${message}`)) {
        logged.add(`${feature}\n${message}`);
        connection.console.error(`${feature} failed and answered nothing: ${(error as Error)?.stack ?? message}`);
      }
      return fallback;
    }
  }

  connection.onCompletion(({ textDocument, position }) =>
    guard('Completion', [], async () => {
      const document = documents.get(textDocument.uri);
      if (!document) return [];
      const config = await settings.get(textDocument.uri);
      // Tag completion asks Docker Hub; that network call happens only when registry lookups are enabled.
      if (!config.registry.enabled) {
        const froms = analyzer.analyse(document, config).model.ast.getFROMs();
        if (inFromTag(froms, position.line, position.character)) return [];
      }
      return service.computeCompletionItems(document.getText(), position);
    }),
  );
  connection.onCompletionResolve((item) => guard('Completion resolve', item, () => service.resolveCompletionItem(item)));
  connection.onHover(({ textDocument, position }) =>
    guard('Hover', null, async () => {
      const image = await imageHover?.(textDocument.uri, position);
      if (image) return image;
      const content = text(textDocument.uri);
      return content === undefined ? null : service.computeHover(content, position);
    }),
  );
  connection.onDocumentFormatting(({ textDocument, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Formatting', [], () => service.format(content, options));
  });
  connection.onDocumentRangeFormatting(({ textDocument, range, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Range formatting', [], () => service.formatRange(content, range, options));
  });
  connection.onDocumentOnTypeFormatting(({ textDocument, position, ch, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('On-type formatting', [], () => service.formatOnType(content, position, ch, options));
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Document symbols', [], () => service.computeSymbols(textDocument, content));
  });
  connection.onFoldingRanges(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Folding ranges', [], () => service.computeFoldingRanges(content));
  });
  connection.onDocumentHighlight(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Highlights', [], () => service.computeHighlightRanges(content, position));
  });
  connection.onDefinition(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : guard('Definition', null, () => service.computeDefinition(textDocument, content, position));
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : guard('Prepare rename', null, () => service.prepareRename(content, position));
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : guard('Rename', null, () => ({ changes: { [textDocument.uri]: service.computeRename(textDocument, content, position, newName) } }));
  });
  connection.onDocumentLinks(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : guard('Document links', [], () => service.computeLinks(content));
  });
  connection.onDocumentLinkResolve((link) => guard('Link resolve', link, () => service.resolveLink(link)));
  connection.languages.semanticTokens.on(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? { data: [] } : guard('Semantic tokens', { data: [] }, () => service.computeSemanticTokens(content));
  });
  connection.onSignatureHelp(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : guard('Signature help', null, () => service.computeSignatureHelp(content, position));
  });
  return {
    configure(init) {
      const caps = init.capabilities.textDocument;
      service.setCapabilities({
        completion: { completionItem: caps?.completion?.completionItem },
        hover: { contentFormat: caps?.hover?.contentFormat },
        foldingRange: { lineFoldingOnly: caps?.foldingRange?.lineFoldingOnly, rangeLimit: caps?.foldingRange?.rangeLimit },
      });
    },
  };
}
