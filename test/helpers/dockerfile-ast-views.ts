/** What a dockerfile-ast parse gives, as plain data, for comparing two parses of the same text. */
import type { Dockerfile, Heredoc, Instruction } from 'dockerfile-ast';

export function argumentsOf(args: ReturnType<Instruction['getArguments']>) {
  return args.map((a) => [a.getValue(), a.getRange()]);
}

type ImageComments = { getComments(): Array<{ getRange(): unknown }> };

/** The comments of each image (the instructions before the first `FROM`, then each stage), as placed after parsing. */
function commentsByImage(dockerfile: Dockerfile) {
  const images = dockerfile as unknown as { initialInstructions: ImageComments; buildStages: ImageComments[] };
  return [images.initialInstructions, ...images.buildStages].map((image) => image.getComments().map((c) => c.getRange()));
}

type Flagged = { getFlags(): { getName(): string; getValue(): string | null; getRange(): unknown }[] };
type Propertied = { getProperties(): { getName(): string; getValue(): string | null; getUnescapedValue(): string | null; getValueRange(): unknown; getRange(): unknown }[] };

/**
 * Arguments, flags, properties, variables (and what they resolve to), heredocs, comments and
 * directives of every instruction: what our patches may touch.
 */
export function everything(dockerfile: Dockerfile) {
  return [
    commentsByImage(dockerfile),
    dockerfile.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange()]),
    ...dockerfile.getInstructions().map((i) => ({
      keyword: i.getKeyword(),
      range: i.getRange(),
      args: argumentsOf(i.getArguments()),
      expanded: argumentsOf(i.getExpandedArguments()),
      content: i.getArgumentsContent(),
      raw: i.getRawArgumentsContent(),
      // Asked of variables of their own: the answers are worked out on first use, so each question comes first once.
      environment: i.getVariables().map((v) => v.isEnvironmentVariable()),
      variables: i.getVariables().map((v) => [v.getName(), v.getNameRange(), v.getModifier(), v.getSubstitutionParameter(), v.isDefined(), v.isBuildVariable()]),
      flags: 'getFlags' in i ? (i as unknown as Flagged).getFlags().map((f) => [f.getName(), f.getValue(), f.getRange()]) : [],
      properties: 'getProperties' in i ? (i as unknown as Propertied).getProperties().map((p) => [p.getName(), p.getValue(), p.getUnescapedValue(), p.getValueRange(), p.getRange()]) : [],
      heredocs: 'getHeredocs' in i ? (i as unknown as { getHeredocs(): Heredoc[] }).getHeredocs().map((h) => [h.getName(), h.getContentRange()]) : [],
    })),
  ];
}

/** Flags, continuations and an embedded comment in one RUN; a named stage; quoted ENV values. */
export const SAMPLE = 'FROM node:20 AS build\nRUN --mount=type=cache,target=/root/.npm npm ci \\\n  # comment\n  && echo "a b" \\\n  c\nCOPY --from=build /a /b\nENV A=1 B="2 3"\n';

/** Heredocs: plain, tabbed, several, split by a continuation, in a trigger, Windows line ends. */
export const HEREDOCS = [
  'FROM alpine\nRUN <<EOF\necho hi\nEOF\nRUN echo after\n',
  'FROM alpine\nRUN <<-EOT sh\n\techo tabbed\n\tEOT\nCOPY <<a.txt <<b.txt /dst/\nA\na.txt\nB\nb.txt\n',
  'FROM alpine\nRUN <\\\n<EOF\necho split by a continuation\nEOF\nRUN echo x < /etc/hosts\n',
  'FROM alpine\nONBUILD RUN <<EOF\necho trigger\nEOF\n# comment <<EOF\nRUN cat <<"EOF" > /f\nquoted\nEOF\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN <<EOF\r\necho win\r\nEOF\r\nRUN dir `\r\n  c:\\\r\n',
];

/** Samples for what parsing gives (see `everything`). */
export const SAMPLES = [
  SAMPLE,
  ...HEREDOCS,
  'FROM alpine\nRUN echo \\$HOME "a\\"b" \'c d\' e\\ f \\\n   # comment inside\n   g${X:-y}h\nENV A="x y" B=z\\ w C=${A}\n',
  'FROM alpine\nRUN a \\ \n  b \\\t\n  c\\\n\n  d\nCOPY --chown=1:1 --from=x a\\ b /c\nLABEL "k"="v" k2=\'v 2\'\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\r\n  c:\\ `\r\n  && echo `$x\r\nSHELL ["powershell", "-Command"]\n',
  '# top\nARG A=1\n# above FROM\nFROM alpine AS a\n# in a\nRUN a\n\n# between\n\nFROM a\n# in b\nRUN b # not a comment\n# last\n',
  // Variables resolved across stages: global ARGs, stage ARGs and ENVs, a comment between stages.
  '  ARG BASE=alpine\nARG V=1\nFROM ${BASE} AS a\nARG V\nENV E=$V\nRUN echo $V $E ${BASE} $UNDEF\n\n# between\nFROM a\nRUN echo $E ${V:-x} $BASE\nARG V=2\nRUN echo $V\n',
  'FROM alpine\nCMD ["a", "b\\"c"]\nENTRYPOINT [ "x" ]\nHEALTHCHECK --interval=5s CMD curl -f http://x || exit 1\nARG A=1 B\n',
];
