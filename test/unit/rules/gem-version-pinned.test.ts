import { testRule } from '../../helpers/rule-tester';

testRule('gem-version-pinned', {
  valid: [
    'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22 rake:13.2.1\n',
    { name: 'a -v option', code: 'FROM ruby:3.3-slim\nRUN gem install rails -v 7.2.1 --no-document\n' },
    { name: 'build options after --', code: 'FROM ruby:3.3-slim\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries\n' },
    { name: 'local .gem files', code: 'FROM ruby:3.3-slim\nRUN gem install ./pkg/tool-1.0.0.gem\n' },
    'FROM ruby:3.3-slim\nRUN bundle install && gem update --system 3.5.22\n',
  ],
  invalid: [
    { code: 'FROM ruby:3.3-slim\nRUN gem install bundler\n', lines: [2], message: /^Package `bundler` is not pinned to a version: use `bundler:<version>`$/ },
    { name: 'gem i, one of two unpinned', code: 'FROM ruby:3.3-slim\nRUN gem i rake:13.2.1 rubocop --no-document\n', lines: [2], message: /`rubocop`/ },
  ],
});
