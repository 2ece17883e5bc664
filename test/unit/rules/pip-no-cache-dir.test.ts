import { testRule } from '../../helpers/rule-tester';

testRule('pip-no-cache-dir', {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    { name: 'ENV PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n' },
    { name: 'ENV in the stage it is built from', code: 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n' },
    { name: 'a cache mount', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n' },
    { name: 'builder stages may keep the cache', code: 'FROM python:3.12 AS build\nRUN pip wheel -r requirements.txt && pip install flask\nFROM python:3.12-slim\n' },
    { name: 'other pip subcommands', code: 'FROM python:3.12\nRUN pip download flask && pip freeze\n' },
    { name: 'uv pip is another tool', code: 'FROM python:3.12\nRUN uv pip install flask\n' },
    { name: 'our pragma', code: 'FROM python:3.12\n# dockerfile-optimizer ignore=pip-no-cache-dir\nRUN pip install flask\n' },
    { name: 'hadolint pragma', code: 'FROM python:3.12\n# hadolint ignore=DL3042\nRUN pip install flask\n' },
    { name: 'the variable in front of the command', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=on pip install flask\n' },
    { name: 'the variable exported earlier in the RUN', code: 'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=true && pip install flask\n' },
    { name: 'pip disables its cache for a false value too', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask\n' },
    { name: 'in an ONBUILD trigger, with the ENV of its stage', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: 'a variable in front of another command does not reach pip',
      code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask && pip install gunicorn\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask && pip install --no-cache-dir gunicorn\n',
    },
    {
      name: 'an ONBUILD trigger',
      code: 'FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n',
      lines: [2],
      output: 'FROM python:3.12\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      code: 'FROM python:3.12\nRUN pip install flask\n',
      lines: [2],
      message: /--no-cache-dir/,
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'ENV set after the RUN does not help',
      code: 'FROM python:3.12\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\nENV PIP_NO_CACHE_DIR=1\n',
    },
    {
      name: 'pip3, python -m pip, a path, options before the subcommand',
      code: 'FROM python:3.12\nRUN pip3 install -r requirements.txt && python3.12 -m pip install --upgrade pip && /venv/bin/pip --index-url https://pypi.example/simple install gunicorn\n',
      lines: [2, 2, 2],
      output:
        'FROM python:3.12\nRUN pip3 install --no-cache-dir -r requirements.txt && python3.12 -m pip install --no-cache-dir --upgrade pip && /venv/bin/pip --index-url https://pypi.example/simple install --no-cache-dir gunicorn\n',
    },
    {
      name: 'sudo and env',
      code: 'FROM python:3.12\nRUN sudo -H env PIP_DISABLE_PIP_VERSION_CHECK=1 pip install flask\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN sudo -H env PIP_DISABLE_PIP_VERSION_CHECK=1 pip install --no-cache-dir flask\n',
    },
    {
      name: 'line continuations, CRLF',
      code: 'FROM python:3.12\r\nRUN pip install \\\r\n    flask \\\r\n    gunicorn\r\n',
      lines: [2],
      output: 'FROM python:3.12\r\nRUN pip install --no-cache-dir \\\r\n    flask \\\r\n    gunicorn\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM python:3.12\nRUN pip install `\n    flask\n',
      lines: [3],
      output: '# escape=`\nFROM python:3.12\nRUN pip install --no-cache-dir `\n    flask\n',
    },
    {
      name: 'JSON form',
      code: 'FROM python:3.12\nRUN ["pip", "install", "flask"]\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN ["pip", "install", "--no-cache-dir", "flask"]\n',
    },
    {
      name: 'bash -c in JSON form',
      code: 'FROM python:3.12\nRUN ["/bin/bash", "-c", "pip install flask"]\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN ["/bin/bash", "-c", "pip install --no-cache-dir flask"]\n',
    },
    {
      name: 'sh -c in shell form',
      code: 'FROM python:3.12\nRUN sh -c "pip install flask"\n',
      lines: [2],
      output: 'FROM python:3.12\nRUN sh -c "pip install --no-cache-dir flask"\n',
    },
    {
      name: 'heredoc',
      code: 'FROM python:3.12\nRUN <<EOF\nset -e\npip install flask\nEOF\n',
      lines: [4],
      output: 'FROM python:3.12\nRUN <<EOF\nset -e\npip install --no-cache-dir flask\nEOF\n',
    },
  ],
});
