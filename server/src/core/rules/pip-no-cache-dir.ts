import { defineRule } from '../define-rule';
import { pipInstall } from '../package-managers';
import { commandsIn, envNames, hasCacheMount, insertAfterWord } from '../query';
import { hasFlag } from '../shell';

export default defineRule({
  id: 'pip-no-cache-dir',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3042'],
  docs: {
    description: '`pip install` in a shipped stage uses `--no-cache-dir`.',
    rationale:
      'pip keeps every downloaded wheel in `~/.cache/pip`. In an image that cache is never reused but ships in the layer, often adding tens of megabytes.',
    bad: 'FROM python:3.12-slim\nRUN pip install flask\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3042', 'https://pip.pypa.io/en/stable/topics/caching/'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones. `PIP_NO_CACHE_DIR` set by `ENV`, in front of the command or by `export` earlier in the `RUN`, or a cache mount on the pip cache also satisfies it. hadolint reports `PIP_NO_CACHE_DIR=0` (`false`, `no`, `off`) as not disabling the cache, but pip disables its cache for every valid value of the variable, false ones included (for backwards compatibility, see `_handle_no_cache_dir` in pip\'s `cmdoptions.py`), so those are not reported here.',
  },
  check({ model, report }) {
    for (const { instr, command } of commandsIn(model, 'shipped-stages')) {
      const install = pipInstall(command);
      if (!install || hasFlag(command, '--no-cache-dir')) continue;
      if (instr.stage && envNames(instr.stage, instr.onbuild ?? instr).has('PIP_NO_CACHE_DIR')) continue;
      // `PIP_NO_CACHE_DIR=1 pip install …` and an earlier `export PIP_NO_CACHE_DIR=…` in the same RUN.
      if (/(^|\s)PIP_NO_CACHE_DIR=/.test(model.text.slice(command.start, command.words[0].start))) continue;
      if (/(^|[\s;&|(])export\s+PIP_NO_CACHE_DIR=/.test(model.text.slice(model.offsetAt(instr.range.start), command.start))) continue;
      if (hasCacheMount(instr, /\/\.cache(\/pip)?$/)) continue;
      report({
        range: command.range,
        message: '`pip install` without `--no-cache-dir` keeps the download cache in the layer',
        fix: { title: 'Add `--no-cache-dir`', safety: 'safe', edits: () => [insertAfterWord(model, install, ' --no-cache-dir')] },
      });
    }
  },
});
