import { testRule } from '../../helpers/rule-tester';

testRule('expose-container-port', {
  valid: ['FROM scratch\nEXPOSE 80 8000-8010/udp\n', { name: 'variables', code: 'FROM scratch\nEXPOSE ${HOST}:80\n' }],
  invalid: [
    {
      name: 'BuildKit',
      code: '\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n',
      lines: [3, 3, 3],
      message: /^`EXPOSE \S+` holds an IP address or host port, which `EXPOSE` ignores$/,
      output: '\nFROM scratch\nEXPOSE 80 8080 5000 8000\n',
    },
    { name: 'the protocol is kept', code: 'FROM scratch\nEXPOSE 5353:53/udp\n', lines: [2], output: 'FROM scratch\nEXPOSE 53/udp\n' },
  ],
});
