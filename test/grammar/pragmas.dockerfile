# SYNTAX TEST "source.dockerfile" "dockerfile-optimizer and hadolint pragmas"
FROM debian:bookworm-slim
# <---- source.dockerfile keyword.other.special-method.dockerfile
# dockerfile-optimizer ignore=apt-lists-removed,apt-no-install-recommends
# <- source.dockerfile comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^^^^^^^^^^^^^^^^ comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer
#                      ^^^^^^ comment.line.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer
#                            ^ comment.line.pragma.dockerfile-optimizer punctuation.separator.key-value.dockerfile-optimizer
#                             ^^^^^^^^^^^^^^^^^ comment.line.pragma.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                                              ^ comment.line.pragma.dockerfile-optimizer punctuation.separator.comma.dockerfile-optimizer
#                                               ^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.pragma.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# <- - comment.line.number-sign.dockerfile
RUN apt-get update && apt-get install -y curl
# <--- keyword.other.special-method.dockerfile - comment.line.pragma.dockerfile-optimizer
# dockerfile-optimizer global ignore=from-digest-pinned
# ^^^^^^^^^^^^^^^^^^^^ keyword.other.pragma.dockerfile-optimizer
#                      ^^^^^^ comment.line.pragma.dockerfile-optimizer storage.modifier.global.dockerfile-optimizer
#                             ^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                                   ^ punctuation.separator.key-value.dockerfile-optimizer
#                                    ^^^^^^^^^^^^^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
# hadolint ignore=DL3008,SC2086
# <- comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^^^^ comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer
#          ^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                ^ punctuation.separator.key-value.dockerfile-optimizer
#                 ^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
#                       ^ punctuation.separator.comma.dockerfile-optimizer
#                        ^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
RUN apt-get install -y --no-install-recommends curl
# hadolint global ignore=DL3008, DL3015
# ^^^^^^^^ keyword.other.pragma.dockerfile-optimizer
#          ^^^^^^ storage.modifier.global.dockerfile-optimizer
#                 ^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                        ^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
#                              ^ punctuation.separator.comma.dockerfile-optimizer
#                                ^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
  # hadolint ignore = DL3059  
# <-- comment.line.pragma.dockerfile-optimizer punctuation.whitespace.comment.leading.dockerfile-optimizer
# ^ punctuation.definition.comment.dockerfile-optimizer
#   ^^^^^^^^ keyword.other.pragma.dockerfile-optimizer
#            ^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                   ^ punctuation.separator.key-value.dockerfile-optimizer
#                     ^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
#dockerfile-optimizer ignore=user-non-root
# <- comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
#^^^^^^^^^^^^^^^^^^^^ keyword.other.pragma.dockerfile-optimizer
#                            ^^^^^^^^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
USER nobody
# <---- keyword.other.special-method.dockerfile
