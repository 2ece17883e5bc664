/** Reading .NET project files (`.csproj`, `.fsproj`, `.vbproj`). */
import type { ContextFiles } from '../types';
import { basename, contextPath, dirname } from './paths';

/** A .NET project file (`.csproj`, `.fsproj`, `.vbproj`). */
export interface DotnetProject {
  path: string;
  sdk?: string;
  assemblyName: string;
  targetFramework?: string;
  /** `<TargetFrameworks>` (several): the runtime cannot be chosen. */
  multiTarget: boolean;
  /** References `Microsoft.AspNetCore.App` (Web SDK or a framework reference). */
  aspnet: boolean;
  /** `PublishAot`, `PublishSingleFile`, `SelfContained` or `PublishTrimmed`: the output is not a framework-dependent dll. */
  native?: string;
  /** `<ProjectReference Include="…">`, as context-relative paths. */
  references: string[];
}

/** Reads the project file at the context-relative `path`. */
export function readDotnetProject(path: string, text: string): DotnetProject {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const prop = (name: string) => new RegExp(`<${name}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</${name}>`, 'i').exec(xml)?.[1];
  const sdk = /<Project\s[^>]*Sdk\s*=\s*"([^"]+)"/i.exec(xml)?.[1] ?? /<Sdk\s+Name\s*=\s*"([^"]+)"/i.exec(xml)?.[1];
  const file = basename(path);
  const dir = dirname(path);
  const references = [...xml.matchAll(/<ProjectReference\s[^>]*Include\s*=\s*"([^"]+)"/gi)]
    .map((m) => contextPath(`${dir ? `${dir}/` : ''}${m[1].replace(/\\/g, '/')}`))
    .filter((p): p is string => p !== undefined);
  const native = ['PublishAot', 'PublishSingleFile', 'SelfContained', 'PublishTrimmed'].find((p) => /^true$/i.test(prop(p) ?? ''));
  return {
    path,
    sdk,
    assemblyName: prop('AssemblyName') ?? file.replace(/\.(cs|fs|vb)proj$/, ''),
    targetFramework: prop('TargetFramework'),
    multiTarget: prop('TargetFrameworks') !== undefined,
    aspnet: /^Microsoft\.NET\.Sdk\.Web$/i.test(sdk ?? '') || /<FrameworkReference\s[^>]*Include\s*=\s*"Microsoft\.AspNetCore\.App"/i.test(xml),
    native,
    references,
  };
}

/** The .NET project files of a context folder. */
export function dotnetProjectFiles(files: ContextFiles, dir: string): string[] {
  return (files.list(dir) ?? []).filter((f) => /\.(cs|fs|vb)proj$/.test(f)).map((f) => (dir ? `${dir}/${f}` : f));
}
