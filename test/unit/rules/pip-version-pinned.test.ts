import { testRule } from '../../helpers/rule-tester';

testRule('pip-version-pinned', {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 "gunicorn>=22,<23" uvicorn~=0.30\n',
    { name: 'requirements and constraints files pin', code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt && pip install httpx -c constraints.txt\n' },
    { name: 'local projects, wheels and archives', code: 'FROM python:3.12-slim\nRUN pip install . ./libs/core dist/app-1.0-py3-none-any.whl vendor.tar.gz\n' },
    { name: 'VCS URLs with a revision', code: 'FROM python:3.12-slim\nRUN pip install "git+https://github.com/acme/tool.git@v1.4.0#egg=tool"\n' },
    { name: 'option values are not packages', code: 'FROM python:3.12-slim\nRUN pip install --index-url https://pypi.example.com/simple --target /deps --root-user-action ignore httpx==0.27.0\n' },
    { name: 'python -m pip', code: 'FROM python:3.12-slim\nRUN python3 -m pip install --user poetry==1.8.3\n' },
    { name: 'a version from an ARG of the stage', code: 'FROM python:3.12-slim\nARG POETRY_VERSION=1.8.3\nRUN pip install "poetry==${POETRY_VERSION}"\n' },
    { name: 'pipenv is not pip', code: 'FROM python:3.12-slim\nRUN pipenv install requests\n' },
    'FROM python:3.12-slim\nRUN pip uninstall -y setuptools\n',
  ],
  invalid: [
    { code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n', lines: [2], message: /^Package `flask` is not pinned to a version: use `flask==<version>`$/ },
    { name: 'upgrading pip itself', code: 'FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools==70.0.0 wheel\n', lines: [2, 2], message: /`(pip|wheel)`/ },
    { name: 'extras need a version too', code: 'FROM python:3.12-slim\nRUN pip3 install "uvicorn[standard]"\n', lines: [2], message: /`uvicorn`/ },
    {
      name: 'VCS URL without a revision',
      code: 'FROM python:3.12-slim\nRUN pip install git+https://github.com/acme/tool.git#egg=tool\n',
      lines: [2],
      message: /use `git\+https:\/\/github\.com\/acme\/tool\.git@<revision>#egg=tool`$/,
    },
    { name: 'pipx', code: 'FROM python:3.12-slim\nRUN pipx install poetry\n', lines: [2] },
    { name: 'builder stages count: their packages are copied on', code: 'FROM python:3.12 AS build\nRUN pip install --prefix=/install flask\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n', lines: [2] },
  ],
});
