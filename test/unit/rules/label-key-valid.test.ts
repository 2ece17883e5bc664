import { testRule } from '../../helpers/rule-tester';

testRule('label-key-valid', {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.4.2" maintainer=me@example.com\n',
    'FROM alpine:3.20\nLABEL com.example.build-2="x" a=b\n',
    { name: 'a key from a variable in scope', code: 'FROM alpine:3.20\nARG NS=com.example\nLABEL ${NS}.team=core\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nLABEL Version="1.4.2"\n',
      lines: [2],
      message: /Label key `Version` has upper-case letters/,
      output: 'FROM alpine:3.20\nLABEL version="1.4.2"\n',
    },
    {
      name: 'reserved namespaces',
      code: 'FROM alpine:3.20\nLABEL com.docker.extension="x" io.docker.y=1 org.dockerproject.z=2\n',
      lines: [2, 2, 2],
      message: /namespace `(com\.docker|io\.docker|org\.dockerproject)` that Docker reserves/,
    },
    {
      name: 'start, end, separators and characters',
      code: 'FROM alpine:3.20\nLABEL 2fa=on -x=1 x.=1 a..b=1 a--b=1 a_b=1\n',
      lines: [2, 2, 2, 2, 2, 2],
    },
    { name: 'a variable that is not set is taken as written', code: 'FROM alpine:3.20\nLABEL team$suffix=core\n', lines: [2], message: /characters other than/ },
    {
      name: 'a quoted key keeps its quotes when lowered',
      code: 'FROM alpine:3.20\nLABEL "Org.Example.Team"="core"\n',
      lines: [2],
      output: 'FROM alpine:3.20\nLABEL "org.example.team"="core"\n',
    },
  ],
});
