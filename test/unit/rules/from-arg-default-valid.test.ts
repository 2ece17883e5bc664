import { testRule } from '../../helpers/rule-tester';

testRule('from-arg-default-valid', {
  valid: [
    '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n',
    { name: 'an empty default', code: '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n' },
    { name: 'no default appends nothing', code: '\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t' },
    { name: 'defaults in the reference', code: '\nARG DEBUG\nFROM scra${DEBUG:-tch}\n' },
    { name: '- applies to unset only', code: '\nARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\n' },
    { name: 'a stage name', code: 'ARG BASE=build\nFROM alpine:3.20 AS build\nFROM ${BASE}\n' },
    { name: 'no variables', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    { name: 'BuildKit: an empty tag', code: '\nARG VERSION\nFROM busybox:$VERSION\n', lines: [3], message: /^With the `ARG` defaults, `busybox:\$VERSION` is `busybox:`, which is not a valid image name$/ },
    { name: 'BuildKit: empty', code: '\nARG IMAGE\nFROM $IMAGE\n', lines: [3], message: /is empty$/ },
    { name: 'BuildKit: a quoted default', code: '\nARG SFX="box:"\nFROM busy${SFX}\n', lines: [3] },
    { name: 'uppercase', code: 'ARG NAME=Alpine\nFROM ${NAME}:3.20\n', lines: [2] },
  ],
});
