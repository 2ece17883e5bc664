import { describe, expect, it } from 'vitest';
import { looksSecret } from '../../../server/src/core/rules/secret-not-in-arg-or-env';
import { testRule } from '../../helpers/rule-tester';

testRule('secret-not-in-arg-or-env', {
  valid: [
    'FROM alpine\nARG VERSION\nENV MONKEY=1 KEYBOARD=2\n',
    { name: 'a global ARG', code: 'ARG GITHUB_TOKEN\nFROM alpine\n' },
    { name: 'not secret by name', code: 'FROM alpine\nENV PUBLIC_KEY= secret_File=x\nARG public_token AUTH_MODULE_VERSION\n' },
  ],
  invalid: [
    {
      name: 'BuildKit, with check comments above instructions',
      code: '# check=skip=InvalidDefinitionDescription\n\nFROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\nENV apikey=bar sunflower=foo\nENV git_key=\nENV PUBLIC_KEY=\nARG public_token\nARG SECRET_PASSPHRASE_FILE\nENV password_file=bar secret_File=baz\nARG AUTH_MODULE_VERSION\n# check=skip=SecretsUsedInArgOrEnv // allow secret in environment\nENV password=bar\n# check=skip=SecretsUsedInArgOrEnv // allow secret in arg\nARG password\n# check=skip=all // is local to only this instruction\nENV alternate_password=bar\n# check=skip=all // is local to only this instruction\nARG alternate_password\n',
      lines: [4, 5, 6, 6, 7, 7, 8, 9],
      message: /^`(ARG|ENV) \w+` looks like a secret, which would stay readable in the image$/,
    },
  ],
});

describe('looksSecret', () => {
  it('matches secret words between underscores, case-insensitively', () => {
    expect(['API_KEY', 'db_password', 'GITHUB_TOKEN', 'AUTH', 'aws_credentials'].filter(looksSecret)).toHaveLength(5);
    expect(['MONKEY', 'TOKENIZER', 'PUBLIC_KEY', 'KEY_FILE', 'TOKEN_VERSION'].filter(looksSecret)).toEqual([]);
  });
});
