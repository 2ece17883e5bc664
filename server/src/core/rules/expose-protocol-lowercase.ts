import { defineRule } from '../define-rule';

export default defineRule({
  id: 'expose-protocol-lowercase',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['ExposeProtoCasing'],
  docs: {
    description: 'The protocol of an `EXPOSE` port is lowercase: `80/tcp`, `53/udp`.',
    rationale:
      'The image configuration records exposed ports as `80/tcp`; Docker lowercases other spellings, and tools that read the Dockerfile or compare port lists may not. Writing the protocol in lowercase keeps them in agreement. The fix lowercases it.',
    bad: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
    good: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
    references: ['https://docs.docker.com/reference/build-checks/expose-proto-casing/', 'https://docs.docker.com/reference/dockerfile/#expose'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.node.getArguments()) {
        const port = arg.getValue();
        const slash = port.lastIndexOf('/');
        if (slash < 0 || port.includes('$')) continue;
        const protocol = port.slice(slash + 1);
        if (protocol === protocol.toLowerCase()) continue;
        const range = arg.getRange();
        report({
          range,
          message: `Protocol \`${protocol}\` of \`${port}\` is not lowercase`,
          fix: { title: `Write \`${port.slice(0, slash + 1)}${protocol.toLowerCase()}\``, safety: 'safe', edits: () => [{ range, newText: port.slice(0, slash + 1) + protocol.toLowerCase() }] },
        });
      }
    }
  },
});
