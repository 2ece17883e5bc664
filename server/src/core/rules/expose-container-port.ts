import { defineRule } from '../define-rule';

/** `[ip:]host:container[/proto]` split as Docker does; `ip` may be `[::1]`. */
function splitPort(port: string): { mapped: boolean; container: string } {
  const slash = port.lastIndexOf('/');
  const spec = slash >= 0 ? port.slice(0, slash) : port;
  const proto = slash >= 0 ? port.slice(slash) : '';
  const parts = spec.split(':');
  return { mapped: parts.length > 1, container: parts[parts.length - 1] + proto };
}

export default defineRule({
  id: 'expose-container-port',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['ExposeInvalidFormat'],
  docs: {
    description: '`EXPOSE` lists container ports only, without an IP address or a host port.',
    rationale:
      '`EXPOSE` documents the ports the container listens on; it publishes nothing. An IP address or host port (`8080:80`, `127.0.0.1:80:80`) is accepted for backward compatibility but ignored: only the container port is recorded, and Docker has announced that this will become an error. Publish ports with `docker run -p` or Compose. The fix keeps the container port, which is what the image records anyway.',
    bad: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
    good: 'FROM nginx:1.27\nEXPOSE 80\n',
    references: ['https://docs.docker.com/reference/build-checks/expose-invalid-format/', 'https://docs.docker.com/reference/dockerfile/#expose'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.node.getArguments()) {
        const port = arg.getValue();
        if (port.includes('$')) continue;
        const { mapped, container } = splitPort(port);
        if (!mapped) continue;
        const range = arg.getRange();
        report({
          range,
          message: `\`EXPOSE ${port}\` holds an IP address or host port, which \`EXPOSE\` ignores`,
          fix: container ? { title: `Keep the container port \`${container}\``, safety: 'safe', edits: () => [{ range, newText: container }] } : undefined,
        });
      }
    }
  },
});
