/**
 * What the editor does with a registry, only when lookups are enabled: stale-pin checks in the
 * background, image facts on hover, and pinning every base image of a file.
 */
import type { Hover, Position } from 'vscode-languageserver';
import { imageHoverMarkdown, referencePlatform, type VariantFacts } from '../core/image-hover';
import { tagKey } from '../core/image-ref';
import { smallerVariants } from '../core/image-variants';
import type { DockerfileModel, Stage } from '../core/model';
import { isRegistryError, type RegistryClient } from '../core/registry-types';
import type { TagLookup } from '../core/types';
import type { NodeRegistryClient } from '../io/registry';
import { lookUpPinnedTags } from '../io/tag-lookups';
import { loadRegistryModule } from './registry-module';

export interface RegistrySettings {
  enabled: boolean;
  /** Hosts allowed over plain HTTP besides loopback. */
  insecureRegistries: string[];
  timeoutMs: number;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

function contains(range: Stage['imageRange'], position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

export class RegistryFeatures {
  private client?: NodeRegistryClient;
  private clientKey = '';
  private readonly tags = new Map<string, TagLookup>();
  private readonly pending = new Set<string>();
  /** Grows whenever new tag answers arrive, so cached analyses are redone. */
  version = 0;

  constructor(
    private readonly log: (message: string) => void,
    /** Called when background lookups have new answers for a document. */
    private readonly changed: (uri: string) => void,
  ) {}

  /**
   * The client for these settings; helper programs from the Docker config run only in trusted
   * workspaces. The HTTP client is loaded on first use, so a server with lookups off never loads it.
   */
  async clientFor(settings: RegistrySettings, trusted: boolean): Promise<RegistryClient | undefined> {
    if (!settings.enabled) return undefined;
    const key = JSON.stringify([settings.insecureRegistries, settings.timeoutMs, trusted]);
    if (!this.client || key !== this.clientKey) {
      const { createRegistryClient } = await loadRegistryModule();
      if (this.client && key === this.clientKey) return this.client;
      void this.client?.close();
      this.client = createRegistryClient({
        timeoutMs: settings.timeoutMs,
        insecureRegistries: [...LOOPBACK, ...(trusted ? settings.insecureRegistries : [])],
        allowCredentialHelpers: trusted,
        log: (line) => this.log(`[registry] ${line}`),
      });
      this.clientKey = key;
    }
    return this.client;
  }

  /** Known tag answers for a file's pins; missing ones are looked up in the background. */
  tagsFor(uri: string, model: DockerfileModel, client: RegistryClient | undefined): ReadonlyMap<string, TagLookup> | undefined {
    if (!client) return undefined;
    const missing = model.stages.filter((s) => s.image?.digest && s.image.tag && !this.tags.has(tagKey(s.image)) && !this.pending.has(tagKey(s.image)));
    if (missing.length) {
      for (const s of missing) this.pending.add(tagKey(s.image!));
      void lookUpPinnedTags(model, client).then(({ tags, failures }) => {
        for (const s of missing) this.pending.delete(tagKey(s.image!));
        for (const [key, value] of tags) this.tags.set(key, value);
        for (const failure of failures) this.log(failure.message);
        if (tags.size) {
          this.version++;
          this.changed(uri);
        }
      });
    }
    return this.tags;
  }

  /** Image facts and smaller variants for the `FROM` image under the cursor. */
  async hover(model: DockerfileModel, position: Position, client: RegistryClient | undefined, signal?: AbortSignal): Promise<Hover | undefined> {
    const stage = model.stages.find((s) => s.image && contains(s.imageRange, position));
    if (!client || !stage?.image) return undefined;
    try {
      const facts = await client.imageFacts(stage.image, { signal });
      const reference = referencePlatform(facts);
      const variants: VariantFacts[] = await Promise.all(
        smallerVariants(stage.image).map(async (ref) => {
          try {
            const other = await client.imageFacts(ref, { signal });
            const same = other.platforms.find((p) => p.os === reference?.os && p.architecture === reference?.architecture) ?? other.platforms[0];
            return { image: ref.text, size: same?.compressedSize };
          } catch (error) {
            return { image: ref.text, error: isRegistryError(error) ? error.kind.replace('-', ' ') : 'lookup failed' };
          }
        }),
      );
      return { contents: { kind: 'markdown', value: imageHoverMarkdown(stage.image.text, facts, variants) }, range: stage.imageRange };
    } catch (error) {
      const message = isRegistryError(error) ? error.message : `Could not look up \`${stage.image.text}\`: ${(error as Error).message}`;
      return { contents: { kind: 'markdown', value: message }, range: stage.imageRange };
    }
  }

  dispose(): void {
    void this.client?.close();
    this.client = undefined;
  }
}
