/** BuildKit's build checks (`docker build --check`) and how this project covers them. */

/** Every BuildKit check, by name (https://docs.docker.com/reference/build-checks/). */
export const BUILDKIT_CHECKS: readonly string[] = [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidBaseImagePlatform',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath',
];

/**
 * Experimental checks: BuildKit runs them only when the check options name them
 * (`# check=experimental=InvalidDefinitionDescription` or `experimental=all`), and `skip` does not apply to them.
 */
export const EXPERIMENTAL_CHECKS: readonly string[] = ['InvalidDefinitionDescription'];

/** Checks with no rule here, and why. */
export const UNSUPPORTED_CHECKS: Readonly<Record<string, string>> = {
  InvalidBaseImagePlatform:
    'compares the platform of the base image BuildKit pulled with the platform of the build; neither is in the Dockerfile, so it cannot be checked offline',
};
