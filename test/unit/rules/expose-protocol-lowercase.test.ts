import { testRule } from '../../helpers/rule-tester';

testRule('expose-protocol-lowercase', {
  valid: ['FROM scratch\nEXPOSE 80 443/tcp 53/udp\n', { name: 'variables', code: 'FROM scratch\nEXPOSE $PORT/TCP\n' }],
  invalid: [
    {
      name: 'BuildKit',
      code: '\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n',
      lines: [3, 3],
      message: /^Protocol `(TcP|TCP)` of `\d+\/\w+` is not lowercase$/,
      output: '\nFROM scratch\nEXPOSE 80/tcp 8080/tcp 8080/udp\n',
    },
  ],
});
