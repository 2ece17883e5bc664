/** Folders of the project that an application may read at run time, copied next to a compiled program. */
import { joinPath } from './paths';
import type { SplitContext } from './types';

/** Folders of the context that applications commonly read at run time (templates, static files…). */
const RUNTIME_FOLDERS = ['templates', 'static', 'public', 'views', 'assets', 'web', 'config', 'migrations'];

/**
 * Folders of the project that an application may read at run time (templates, static files,
 * migrations…), as `COPY --from=builder` lines to `/app/<folder>`; folders holding `sourceExt`
 * files are packages of the program, not data.
 * @param projectDir the project's context folder; `buildDir` where the builder has it.
 */
export function folderCopies(ctx: SplitContext, projectDir: string | undefined, buildDir: string | undefined, sourceExt: string): string[] {
  if (projectDir === undefined || buildDir === undefined) return [];
  return RUNTIME_FOLDERS.filter((f) => {
    const entries = ctx.files.list(projectDir ? `${projectDir}/${f}` : f) ?? [];
    return entries.length > 0 && !entries.some((e) => e.endsWith(sourceExt));
  }).map((f) => `COPY --from=builder ${joinPath(buildDir, f)} /app/${f}`);
}
