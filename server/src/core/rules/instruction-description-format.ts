import { defineRule } from '../define-rule';
import { argDefinitions, type Instr } from '../model';

/** Comments that are not descriptions: parser directives and linter pragmas. */
const NOT_DESCRIPTION = /^(?:[a-zA-Z][\w-]*\s*=|hadolint\s|dockerfile-optimizer\s)/;

/** The comment on the line right above an instruction, when it can be a description. */
function descriptionOf(lines: readonly string[], instr: Instr): string | undefined {
  const above = lines[instr.range.start.line - 1];
  const match = above === undefined ? null : /^\s*#(.*)$/.exec(above);
  const text = match?.[1].trim();
  return text && !NOT_DESCRIPTION.test(text) ? text : undefined;
}

export default defineRule({
  id: 'instruction-description-format',
  category: 'maintainability',
  severity: 'info',
  fixable: false,
  scope: 'file',
  aliases: ['InvalidDefinitionDescription'],
  docs: {
    description: 'A comment right above an `ARG` or a named `FROM` starts with the name it describes: `# VERSION the release to build`.',
    rationale:
      'BuildKit reads the comment right above a build argument or a named stage as its description and shows it in `docker buildx build --call=outline` and `--call=targets`, and in editors. That only works when the comment starts with the name. A comment that is not meant as a description should be separated from the instruction by an empty line. This is an experimental BuildKit check: like BuildKit, this rule reports only when the file enables it with `# check=experimental=InvalidDefinitionDescription` (or `experimental=all`).',
    bad: '# check=experimental=InvalidDefinitionDescription\n# the Go release\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n',
    good: '# check=experimental=InvalidDefinitionDescription\n# GO_VERSION the Go release\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n',
    references: ['https://docs.docker.com/reference/build-checks/invalid-definition-description/', 'https://docs.docker.com/build/checks/#experimental-checks'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      let names: string[];
      if (instr.keyword === 'ARG') names = argDefinitions(instr).map(([key]) => key);
      else if (instr.keyword === 'FROM' && instr.stage?.name) names = [instr.stage.name.toLowerCase()];
      else continue;
      const description = descriptionOf(model.lines, instr);
      if (!description || names.length === 0 || names.includes(description.split(' ')[0])) continue;
      const expected = names.length === 1 ? `\`${names[0]}\`` : `one of ${names.map((n) => `\`${n}\``).join(', ')}`;
      report({
        range: instr.node.getInstructionRange(),
        message: `The comment above \`${instr.keyword}\` should start with ${expected} to describe it`,
      });
    }
  },
});
