/** Every rule, sorted by id. */
import type { Rule } from '../types';
import addLocalArchives from './add-local-archives';
import apkNoCache from './apk-no-cache';
import apkVersionPinned from './apk-version-pinned';
import aptAssumeYes from './apt-assume-yes';
import aptGetNotApt from './apt-get-not-apt';
import aptListsRemoved from './apt-lists-removed';
import aptNoInstallRecommends from './apt-no-install-recommends';
import aptUpdateWithInstall from './apt-update-with-install';
import aptVersionPinned from './apt-version-pinned';
import cmdExecForm from './cmd-exec-form';
import cmdNoPackageManager from './cmd-no-package-manager';
import contextDockerignore from './context-dockerignore';
import copyDestTrailingSlash from './copy-dest-trailing-slash';
import copyFromEarlierStage from './copy-from-earlier-stage';
import copyFromSelectedPaths from './copy-from-selected-paths';
import copyLocalFiles from './copy-local-files';
import copyManifestsFirst from './copy-manifests-first';
import copyRelativeAfterWorkdir from './copy-relative-after-workdir';
import copySourceNotIgnored from './copy-source-not-ignored';
import dnfAssumeYes from './dnf-assume-yes';
import dnfCleanAll from './dnf-clean-all';
import dnfVersionPinned from './dnf-version-pinned';
import envNoSelfReference from './env-no-self-reference';
import exposeContainerPort from './expose-container-port';
import exposeProtocolLowercase from './expose-protocol-lowercase';
import fromArgDeclared from './from-arg-declared';
import fromArgDefaultValid from './from-arg-default-valid';
import fromAsMatchingCase from './from-as-matching-case';
import fromDigestCurrent from './from-digest-current';
import fromDigestPinned from './from-digest-pinned';
import fromPlatformNotConstant from './from-platform-not-constant';
import fromPlatformNotRedundant from './from-platform-not-redundant';
import fromTagExplicit from './from-tag-explicit';
import fromTrustedRegistry from './from-trusted-registry';
import gemVersionPinned from './gem-version-pinned';
import goModuleVersionPinned from './go-module-version-pinned';
import healthcheckDefined from './healthcheck-defined';
import instructionConsistentCasing from './instruction-consistent-casing';
import instructionDescriptionFormat from './instruction-description-format';
import instructionKeyValueEquals from './instruction-key-value-equals';
import instructionNoEmptyContinuation from './instruction-no-empty-continuation';
import labelDateValid from './label-date-valid';
import labelEmailValid from './label-email-valid';
import labelGitHashValid from './label-git-hash-valid';
import labelInSchema from './label-in-schema';
import labelKeyValid from './label-key-valid';
import labelLicenseValid from './label-license-valid';
import labelNotEmpty from './label-not-empty';
import labelRequired from './label-required';
import labelSemverValid from './label-semver-valid';
import labelUrlValid from './label-url-valid';
import maintainerAsLabel from './maintainer-as-label';
import npmVersionPinned from './npm-version-pinned';
import onbuildTriggerAllowed from './onbuild-trigger-allowed';
import pipNoCacheDir from './pip-no-cache-dir';
import pipVersionPinned from './pip-version-pinned';
import runConsecutiveMerged from './run-consecutive-merged';
import runNoPointlessCommands from './run-no-pointless-commands';
import runNoSudo from './run-no-sudo';
import secretNotInArgOrEnv from './secret-not-in-arg-or-env';
import shellChangedWithInstruction from './shell-changed-with-instruction';
import shellPipefail from './shell-pipefail';
import stageMultiStage from './stage-multi-stage';
import stageNameLowercase from './stage-name-lowercase';
import stageNameNotReserved from './stage-name-not-reserved';
import stageNameUnique from './stage-name-unique';
import stageSingleDownloadTool from './stage-single-download-tool';
import userHighUidNoLogInit from './user-high-uid-no-log-init';
import userNonRoot from './user-non-root';
import userNumericId from './user-numeric-id';
import varDeclared from './var-declared';
import wgetProgressDot from './wget-progress-dot';
import workdirAbsolute from './workdir-absolute';
import workdirNotCd from './workdir-not-cd';
import yarnCacheClean from './yarn-cache-clean';
import yumAssumeYes from './yum-assume-yes';
import yumCleanAll from './yum-clean-all';
import yumVersionPinned from './yum-version-pinned';
import zypperClean from './zypper-clean';
import zypperNoDistUpgrade from './zypper-no-dist-upgrade';
import zypperNonInteractive from './zypper-non-interactive';
import zypperVersionPinned from './zypper-version-pinned';

export const rules: readonly Rule[] = [
  addLocalArchives,
  apkNoCache,
  apkVersionPinned,
  aptAssumeYes,
  aptGetNotApt,
  aptListsRemoved,
  aptNoInstallRecommends,
  aptUpdateWithInstall,
  aptVersionPinned,
  cmdExecForm,
  cmdNoPackageManager,
  contextDockerignore,
  copyDestTrailingSlash,
  copyFromEarlierStage,
  copyFromSelectedPaths,
  copyLocalFiles,
  copyManifestsFirst,
  copyRelativeAfterWorkdir,
  copySourceNotIgnored,
  dnfAssumeYes,
  dnfCleanAll,
  dnfVersionPinned,
  envNoSelfReference,
  exposeContainerPort,
  exposeProtocolLowercase,
  fromArgDeclared,
  fromArgDefaultValid,
  fromAsMatchingCase,
  fromDigestCurrent,
  fromDigestPinned,
  fromPlatformNotConstant,
  fromPlatformNotRedundant,
  fromTagExplicit,
  fromTrustedRegistry,
  gemVersionPinned,
  goModuleVersionPinned,
  healthcheckDefined,
  instructionConsistentCasing,
  instructionDescriptionFormat,
  instructionKeyValueEquals,
  instructionNoEmptyContinuation,
  labelDateValid,
  labelEmailValid,
  labelGitHashValid,
  labelInSchema,
  labelKeyValid,
  labelLicenseValid,
  labelNotEmpty,
  labelRequired,
  labelSemverValid,
  labelUrlValid,
  maintainerAsLabel,
  npmVersionPinned,
  onbuildTriggerAllowed,
  pipNoCacheDir,
  pipVersionPinned,
  runConsecutiveMerged,
  runNoPointlessCommands,
  runNoSudo,
  secretNotInArgOrEnv,
  shellChangedWithInstruction,
  shellPipefail,
  stageMultiStage,
  stageNameLowercase,
  stageNameNotReserved,
  stageNameUnique,
  stageSingleDownloadTool,
  userHighUidNoLogInit,
  userNonRoot,
  userNumericId,
  varDeclared,
  wgetProgressDot,
  workdirAbsolute,
  workdirNotCd,
  yarnCacheClean,
  yumAssumeYes,
  yumCleanAll,
  yumVersionPinned,
  zypperClean,
  zypperNoDistUpgrade,
  zypperNonInteractive,
  zypperVersionPinned,
];
