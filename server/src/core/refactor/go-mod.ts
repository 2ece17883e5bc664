/** Reading a Go project's `go.mod`. */

/** `go.mod`: the module path, and whether it needs anything but itself to resolve. */
export interface GoMod {
  module?: string;
  /** `replace … => ./local` directives: `go mod download` then needs those folders too. */
  localReplace: boolean;
}

/** Reads the `module` line and looks for local `replace` directives. */
export function readGoMod(text: string): GoMod {
  const clean = text.replace(/\/\/.*$/gm, '');
  const module = /^\s*module\s+"?([^\s"]+)"?/m.exec(clean)?.[1];
  return { module, localReplace: /=>\s*\.{1,2}\//.test(clean) };
}
