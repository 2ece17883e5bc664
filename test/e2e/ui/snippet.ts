/** What typing a snippet's prefix should insert, read from the installed extension's snippet files. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SnippetTemplate {
  prefix: string;
  /** The first line of the body with each placeholder at its default (`${1:app}` → `app`, `${1|a,b|}` → `a`). */
  firstLine: string;
}

export function snippetTemplate(extensionPath: string, prefix: string): SnippetTemplate {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { contributes?: { snippets?: { path: string }[] } };
  for (const file of manifest.contributes?.snippets ?? []) {
    const snippets = JSON.parse(fs.readFileSync(path.join(extensionPath, file.path), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
    const snippet = Object.values(snippets).find((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).includes(prefix));
    if (!snippet) continue;
    const first = Array.isArray(snippet.body) ? snippet.body[0] : snippet.body.split('\n')[0];
    const firstLine = first
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\{?\d+\}?/g, '');
    return { prefix, firstLine };
  }
  throw new Error(`the installed extension contributes no snippet with the prefix ${prefix}`);
}
