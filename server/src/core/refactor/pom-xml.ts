/** Reading a Maven project's `pom.xml`. */

/** `pom.xml`: what names the jar (`target/<finalName>.jar`). */
export interface Pom {
  artifactId?: string;
  version?: string;
  packaging: string;
  /** `<build><finalName>` or `<artifactId>-<version>`, properties resolved; undefined when not resolvable. */
  finalName?: string;
  modules: string[];
}

function xmlBlock(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
}

function xmlText(xml: string | undefined, tag: string): string | undefined {
  if (xml === undefined) return undefined;
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(xml)?.[1];
}

/** Reads the project's own coordinates, packaging, jar name (`${…}` properties resolved) and modules. */
export function readPom(text: string): Pom {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const parent = xmlBlock(xml, 'parent');
  const propertiesXml = xmlBlock(xml, 'properties') ?? '';
  const modules = [...(xmlBlock(xml, 'modules') ?? '').matchAll(/<module>\s*([^<]+?)\s*<\/module>/g)].map((m) => m[1]);
  // The project's own elements: drop the nested blocks that have their own artifactId/version.
  let own = xml;
  for (const tag of ['parent', 'dependencies', 'dependencyManagement', 'plugins', 'pluginManagement', 'profiles', 'reporting', 'extensions', 'properties', 'modules', 'distributionManagement', 'repositories', 'pluginRepositories']) {
    own = own.replace(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'), '');
  }
  const properties = new Map<string, string>();
  for (const m of propertiesXml.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties.set(m[1], m[2]);
  const artifactId = xmlText(own, 'artifactId');
  const version = xmlText(own, 'version') ?? xmlText(parent, 'version');
  properties.set('project.artifactId', artifactId ?? '');
  properties.set('project.version', version ?? '');
  properties.set('pom.artifactId', artifactId ?? '');
  properties.set('pom.version', version ?? '');
  const resolve = (value: string | undefined, depth = 0): string | undefined => {
    if (value === undefined) return undefined;
    const out = value.replace(/\$\{([^}]+)\}/g, (m, name: string) => properties.get(name) ?? m);
    if (!out.includes('${')) return out;
    return depth < 3 && out !== value ? resolve(out, depth + 1) : undefined;
  };
  const finalNameText = xmlText(xmlBlock(own, 'build'), 'finalName');
  const resolvedVersion = resolve(version);
  const finalName = finalNameText !== undefined ? resolve(finalNameText) : artifactId && resolvedVersion ? `${resolve(artifactId)}-${resolvedVersion}` : undefined;
  return {
    artifactId,
    version: resolvedVersion,
    packaging: xmlText(own, 'packaging') ?? 'jar',
    finalName: finalName || undefined,
    modules,
  };
}
