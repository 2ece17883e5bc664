/** Per-resource settings (`workspace/configuration`, section `dockerfileOptimizer`). */
import type { Connection } from 'vscode-languageserver';
import type { Severity } from '../core/types';
import type { RegistrySettings } from './registry-features';

export interface Settings {
  enable: boolean;
  rules: Record<string, Severity | 'off'>;
  registry: RegistrySettings;
  /** Read `.hadolint.yaml` (ignored rules, severities, trusted registries, label schema) for each Dockerfile. */
  hadolintConfig: boolean;
  split: { goRuntime: 'distroless' | 'scratch' };
  /** Run ShellCheck on RUN scripts when it is installed (never in an untrusted workspace). */
  shellcheck: { enabled: boolean };
}

export const DEFAULT_REGISTRY: RegistrySettings = { enabled: false, insecureRegistries: [], timeoutMs: 10_000 };
export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, registry: DEFAULT_REGISTRY, hadolintConfig: true, split: { goRuntime: 'distroless' }, shellcheck: { enabled: true } };

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Keeps only well-formed values: settings come from user files and may hold anything. */
export function normaliseSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const rules: Settings['rules'] = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as Severity | 'off';
    }
  }
  const registry = (value.registry ?? {}) as { enabled?: unknown; insecureRegistries?: unknown; timeoutMs?: unknown };
  const insecure = Array.isArray(registry.insecureRegistries) ? registry.insecureRegistries.filter((h): h is string => typeof h === 'string' && /^[\w.[\]:-]+$/.test(h)) : [];
  const timeout = typeof registry.timeoutMs === 'number' && registry.timeoutMs >= 100 && registry.timeoutMs <= 120_000 ? registry.timeoutMs : DEFAULT_REGISTRY.timeoutMs;
  return {
    enable: value.enable !== false,
    rules,
    registry: { enabled: registry.enabled === true, insecureRegistries: insecure, timeoutMs: timeout },
    hadolintConfig: value.hadolintConfig !== false,
    shellcheck: { enabled: (value.shellcheck as { enabled?: unknown } | undefined)?.enabled !== false },
    split: { goRuntime: (value.split as { goRuntime?: unknown } | undefined)?.goRuntime === 'scratch' ? 'scratch' : 'distroless' },
  };
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly supported: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported()) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'dockerfileOptimizer' })
        .then(normaliseSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
