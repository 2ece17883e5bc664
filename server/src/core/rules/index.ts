/** Every rule, sorted by id. */
import type { Rule } from '../types';
import apkNoCache from './apk-no-cache';
import aptAssumeYes from './apt-assume-yes';
import aptGetNotApt from './apt-get-not-apt';
import aptListsRemoved from './apt-lists-removed';
import aptNoInstallRecommends from './apt-no-install-recommends';
import aptUpdateWithInstall from './apt-update-with-install';
import cmdExecForm from './cmd-exec-form';
import cmdNoPackageManager from './cmd-no-package-manager';
import contextDockerignore from './context-dockerignore';
import copyLocalFiles from './copy-local-files';
import copyManifestsFirst from './copy-manifests-first';
import fromDigestPinned from './from-digest-pinned';
import fromTagExplicit from './from-tag-explicit';
import pipNoCacheDir from './pip-no-cache-dir';
import runConsecutiveMerged from './run-consecutive-merged';
import stageMultiStage from './stage-multi-stage';
import userNonRoot from './user-non-root';

export const rules: readonly Rule[] = [
  apkNoCache,
  aptAssumeYes,
  aptGetNotApt,
  aptListsRemoved,
  aptNoInstallRecommends,
  aptUpdateWithInstall,
  cmdExecForm,
  cmdNoPackageManager,
  contextDockerignore,
  copyLocalFiles,
  copyManifestsFirst,
  fromDigestPinned,
  fromTagExplicit,
  pipNoCacheDir,
  runConsecutiveMerged,
  stageMultiStage,
  userNonRoot,
];
