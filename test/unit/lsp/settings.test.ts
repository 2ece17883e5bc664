import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../../server/src/lsp/settings';

describe('normaliseSettings', () => {
  it('reads hadolintConfig, true unless set to false', () => {
    expect(DEFAULT_SETTINGS.hadolintConfig).toBe(true);
    expect(normaliseSettings({}).hadolintConfig).toBe(true);
    expect(normaliseSettings({ hadolintConfig: 'no' }).hadolintConfig).toBe(true);
    expect(normaliseSettings({ hadolintConfig: false }).hadolintConfig).toBe(false);
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
