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

  connection.onCompletion(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const config = await settings.get(textDocument.uri);
    // Tag completion asks Docker Hub; that network call happens only when registry lookups are enabled.
    if (!config.registry.enabled) {
      const froms = analyzer.analyse(document, config).model.ast.getFROMs();
      if (inFromTag(froms, position.line, position.character)) return [];
    }
    return service.computeCompletionItems(document.getText(), position);
  });
  connection.onCompletionResolve((item) => service.resolveCompletionItem(item));
  connection.onHover(async ({ textDocument, position }) => {
    const image = await imageHover?.(textDocument.uri, position);
    if (image) return image;
    const content = text(textDocument.uri);
    return content === undefined ? null : service.computeHover(content, position);
  });
  connection.onDocumentFormatting(({ textDocument, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.format(content, options);
  });
  connection.onDocumentRangeFormatting(({ textDocument, range, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.formatRange(content, range, options);
  });
  connection.onDocumentOnTypeFormatting(({ textDocument, position, ch, options }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.formatOnType(content, position, ch, options);
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.computeSymbols(textDocument, content);
  });
  connection.onFoldingRanges(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.computeFoldingRanges(content);
  });
  connection.onDocumentHighlight(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.computeHighlightRanges(content, position);
  });
  connection.onDefinition(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : service.computeDefinition(textDocument, content, position);
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : service.prepareRename(content, position);
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : { changes: { [textDocument.uri]: service.computeRename(textDocument, content, position, newName) } };
  });
  connection.onDocumentLinks(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? [] : service.computeLinks(content);
  });
  connection.onDocumentLinkResolve((link) => service.resolveLink(link));
  connection.languages.semanticTokens.on(({ textDocument }) => {
    const content = text(textDocument.uri);
    return content === undefined ? { data: [] } : service.computeSemanticTokens(content);
  });
  connection.onSignatureHelp(({ textDocument, position }) => {
    const content = text(textDocument.uri);
    return content === undefined ? null : service.computeSignatureHelp(content, position);
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
