import { defineRule } from '../define-rule';
import { gemInstallOperands, gemSpec, unpinnedMessage, unpinnedPackages } from '../package-pins';

export default defineRule({
  id: 'gem-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3028'],
  docs: {
    description: 'Gems that `gem install` names have a version (`bundler:2.5.22`, or `-v 2.5.22`).',
    rationale:
      'An unpinned `gem install bundler` installs the newest release on the day of the build: a new major version can break the image, and two builds of one commit can differ. Pin the version; gems that `bundle install` takes from a `Gemfile.lock` are already pinned.',
    bad: 'FROM ruby:3.3-slim\nRUN gem install bundler\n',
    good: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3028', 'https://guides.rubygems.org/command-reference/#gem-install'],
    differences:
      'A version from a variable counts only when the variable is set in the stage. Local `.gem` files are not reported.',
  },
  check({ model, report }) {
    for (const p of unpinnedPackages(model, 'all-stages', gemInstallOperands, gemSpec)) {
      report({ range: p.word.range, message: unpinnedMessage(p, `${p.name}:<version>`) });
    }
  },
});
