import { beforeAll, describe, expect, it } from 'vitest';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { splitTester } from '../../helpers/split-invariants';

beforeAll(() => loadShellParser());

const PROJECT = { 'requirements.txt': 'flask==3.0.3\n', 'app.py': 'print("hi")\n' };
const POETRY = { 'pyproject.toml': '[tool.poetry]\nname = "app"\n', 'poetry.lock': '', 'app.py': 'print("hi")\n' };
const SIMPLE = 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nEXPOSE 8000\nCMD ["python", "app.py"]\n';

const { split, good, reason } = splitTester('python', PROJECT);

describe('Python split', () => {
  it('builds a virtual environment and copies it with the application into the slim image', () => {
    expect(good(SIMPLE).text).toBe(
      'FROM python:3.12 AS builder\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n\n' +
        'FROM python:3.12-slim\nWORKDIR /app\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nENV PATH="/opt/venv/bin:$PATH"\n' +
        'RUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\n' +
        'COPY --from=builder /opt/venv /opt/venv\nCOPY --from=builder /app /app\nEXPOSE 8000\nUSER 10001:10001\nCMD ["python", "app.py"]\n',
    );
  });

  it('copies requirements.txt before the sources when the original copies everything first', () => {
    const { text } = good('FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    expect(text).toContain('WORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n');
  });

  it('keeps build packages in the builder and installs the libraries their headers are for', () => {
    const { text, runtime, notes } = good(
      'FROM python:3.12-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev libffi-dev && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    );
    expect(text).toContain('apt-get install -y --no-install-recommends gcc libpq-dev libffi-dev');
    expect(runtime).toContain(
      'FROM python:3.12-slim-bookworm\nWORKDIR /app\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nENV PATH="/opt/venv/bin:$PATH"\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends libpq5 && \\\n    rm -rf /var/lib/apt/lists/* && \\\n    groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\n',
    );
    expect(runtime).not.toMatch(/gcc|-dev\b/);
    expect(notes.join('\n')).toMatch(/`libpq5`/);
  });

  it('stays on Alpine', () => {
    const { runtime } = good('FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev postgresql-dev\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    expect(runtime).toContain('FROM python:3.12-alpine\n');
    expect(runtime).toContain('RUN apk add --no-cache libpq && \\\n    addgroup -S -g 10001 app && \\\n    adduser -S -u 10001 -G app -H -D app\n');
  });

  it.each([
    ['python:3.12.4', 'python:3.12.4-slim'],
    ['python:3', 'python:3-slim'],
    ['python', 'python:slim'],
    ['python:bookworm', 'python:slim-bookworm'],
    ['python:3.11-slim-bookworm', 'python:3.11-slim-bookworm'],
    [`python:3.12@sha256:${'b'.repeat(64)}`, 'python:3.12-slim'],
    [`python:3.12-slim@sha256:${'b'.repeat(64)}`, `python:3.12-slim@sha256:${'b'.repeat(64)}`],
  ])('%s runs on %s', (image, runtime) => {
    const { text } = good(SIMPLE.replace('python:3.12', image));
    expect(text).toContain(`FROM ${image} AS builder\n`);
    expect(text).toContain(`\nFROM ${runtime}\n`);
  });

  it('keeps a version ARG in the runtime image', () => {
    expect(good(`ARG PYTHON_VERSION=3.12\n${SIMPLE.replace('python:3.12', 'python:${PYTHON_VERSION}')}`).text).toContain('\nFROM python:${PYTHON_VERSION}-slim\n');
  });

  it('installs a Poetry project into the environment', () => {
    const { text } = good(
      'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN pip install poetry && poetry config virtualenvs.create false && poetry install --no-root --only main\nCOPY . .\nCMD ["python", "app.py"]\n',
      POETRY,
    );
    expect(text).toContain('FROM python:3.12 AS builder\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n');
    expect(text).toContain('COPY --from=builder /opt/venv /opt/venv\nCOPY --from=builder /app /app\n');
  });

  it('uses the virtual environment the original creates', () => {
    const { text, runtime } = good('FROM python:3.12\nRUN python -m venv /venv\nENV PATH="/venv/bin:$PATH"\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    expect(text).not.toContain('/opt/venv');
    expect(runtime).toContain('ENV PATH="/venv/bin:$PATH"\n');
    expect(runtime).toContain('COPY --from=builder /venv /venv\nCOPY --from=builder /app /app\n');
  });

  it('keeps the original non-root user, created again with a fixed UID', () => {
    const { runtime, notes } = good('FROM python:3.12\nRUN useradd -m appuser\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nUSER appuser\nCMD ["python", "app.py"]\n');
    expect(runtime).toContain('RUN useradd --uid 10001 -m appuser\n');
    expect(runtime).toContain('USER 10001\n');
    expect(notes.join('\n')).toMatch(/`appuser` is created with UID 10001/);
    expect(good('FROM python:3.12\nRUN useradd -u 1500 -m appuser\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nUSER appuser\nCMD ["python", "app.py"]\n').runtime).toContain('USER 1500\n');
  });

  it('keeps a system user by its UID, and a user of another name by name', () => {
    const as = (user: string) => good(SIMPLE.replace('CMD', `USER ${user}\nCMD`)).runtime;
    expect(as('www-data')).toContain('USER 33\n');
    // Not a member of Object.prototype.
    expect(as('constructor')).toContain('USER constructor\n');
  });

  it('copies files the original puts outside the working folder, and what the health check needs', () => {
    const { runtime } = good(
      'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nCOPY config.ini /etc/app/config.ini\nCOPY . .\nHEALTHCHECK CMD curl -fsS http://localhost:8000/ || exit 1\nCMD python app.py\n',
      { ...PROJECT, 'config.ini': '' },
    );
    expect(runtime).toContain('apt-get install -y --no-install-recommends curl');
    expect(runtime).toContain('COPY --from=builder /opt/venv /opt/venv\nCOPY --from=builder /etc/app/config.ini /etc/app/config.ini\nCOPY --from=builder /app /app\n');
    expect(runtime).toContain('HEALTHCHECK CMD curl -fsS http://localhost:8000/ || exit 1\nUSER 10001:10001\nCMD python app.py\n');
  });

  it('keeps a shell-form CMD that expands variables', () => {
    expect(good(SIMPLE.replace('CMD ["python", "app.py"]', 'CMD gunicorn -b 0.0.0.0:${PORT:-8000} app:app')).runtime).toContain('USER 10001:10001\nCMD gunicorn -b 0.0.0.0:${PORT:-8000} app:app\n');
  });

  it('needs nothing more for a health check in Python', () => {
    const { runtime } = good(SIMPLE.replace('EXPOSE 8000', 'EXPOSE 8000\nHEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/\')" || exit 1'));
    expect(runtime).not.toContain('apt-get');
    expect(runtime).toContain('HEALTHCHECK CMD python -c');
  });

  it('keeps the environment the original sets, without the installers\' variables', () => {
    const { runtime } = good('FROM python:3.12\nENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1\nENV PIP_DISABLE_PIP_VERSION_CHECK=1\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    expect(runtime).toContain('ENV PYTHONDONTWRITEBYTECODE=1\nENV PATH="/opt/venv/bin:$PATH"\nENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1\nRUN');
    expect(runtime).not.toContain('PIP_DISABLE_PIP_VERSION_CHECK');
  });

  it('is offered by stage-multi-stage when the image installs a compiler', () => {
    const dockerfile = 'FROM python:3.12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
    const finding = lint(dockerfile, { files: memoryContext(PROJECT) }).findings.find((f) => f.ruleId === 'stage-multi-stage');
    expect(finding?.fix?.title).toBe('Split into builder and runtime stages');
  });

  describe('refuses, saying why', () => {
    it.each([
      ['another base image', 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nWORKDIR /app\nCOPY . .\nRUN pip3 install -r requirements.txt\nCMD ["python3", "app.py"]\n', PROJECT, /^the base image is not an official Linux `python` image, so the runtime image cannot be chosen$/],
      ['nothing to install', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n', PROJECT, /^no `pip install` or `poetry install` was found, so there is nothing to build$/],
      ['--user installs', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --user -r requirements.txt\nCMD ["python", "app.py"]\n', PROJECT, /^`pip install --user` installs outside the virtual environment$/],
      ['poetry run at start', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install poetry && poetry install --no-root\nCMD ["poetry", "run", "python", "app.py"]\n', POETRY, /^`CMD` runs `poetry`, which stays in the builder/],
      ['the system Python by its path', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["/usr/local/bin/python", "app.py"]\n', PROJECT, /bypasses the virtual environment$/],
      ['headers of an unknown library', 'FROM python:3.12\nRUN apt-get update && apt-get install -y libgdal-dev\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n', PROJECT, /^the build installs `libgdal-dev`, and the runtime library it is needed for is not known$/],
      ['sources copied to /', 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n', PROJECT, /copied to `\/`/],
      ['a RUN whose role is unclear', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && curl -o model.bin https://example.com/model.bin\nCMD ["python", "app.py"]\n', PROJECT, /may be needed at run time$/],
      ['a HEALTHCHECK tool the runtime lacks', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nHEALTHCHECK CMD nc -z localhost 8000\nCMD ["python", "app.py"]\n', PROJECT, /^the `HEALTHCHECK` runs `nc`, which the runtime image may not have$/],
      ['installing as another user', 'FROM python:3.12\nRUN useradd -m dev\nUSER dev\nWORKDIR /home/dev/app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n', PROJECT, /^the dependencies are installed as `dev`, who cannot write to the virtual environment that the builder creates as root$/],
      ['no CMD', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n', PROJECT, /^the Dockerfile has no `CMD` or `ENTRYPOINT`, so it may be a base image for others$/],
    ])('%s', (_name, dockerfile, files, expected) => {
      expect(reason(dockerfile, files)).toMatch(expected);
    });

    it('still reads requirements through an unknown context', () => {
      expect(split(SIMPLE, NO_FILES).ok).toBe(true);
    });
  });
});
