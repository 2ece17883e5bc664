/** Finding a Gradle project's build and settings scripts. */
import type { ContextFiles } from '../types';

/** Gradle: the settings file (Groovy or Kotlin DSL) and whether the build has more than one project. */
export interface GradleBuild {
  settings?: string;
  build?: string;
  /** `include(...)` in the settings, `buildSrc/`, or an included build: more files than the build scripts are needed to resolve. */
  multiProject: boolean;
}

/** The build and settings scripts of the context folder `dir`, and whether the build spans several projects. */
export function readGradle(files: ContextFiles, dir = ''): GradleBuild {
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  const settings = ['settings.gradle', 'settings.gradle.kts'].find((f) => files.exists(at(f)));
  const build = ['build.gradle', 'build.gradle.kts'].find((f) => files.exists(at(f)));
  const text = settings ? (files.read(at(settings)) ?? '') : '';
  const multiProject = /^\s*(include|includeBuild|includeFlat)\b/m.test(text) || (files.list(at('buildSrc')) ?? []).length > 0;
  return { settings, build, multiProject };
}
