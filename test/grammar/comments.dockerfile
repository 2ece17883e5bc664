# SYNTAX TEST "source.dockerfile" "ordinary comments and pragma look-alikes keep the normal scopes"
FROM debian:bookworm-slim
# An ordinary comment
# <- source.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer
# hadolint says ignore=DL3008 is fine
# ^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                      ^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# dockerfile-optimizer ignore
# ^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# dockerfile-optimizer ignore=
#                      ^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# Hadolint ignore=DL3008
# ^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# hadolint ignore=DL3008 # the mirror is pinned
# ^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                 ^^^^^^ comment.line.number-sign.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# dockerfile-optimizer global=apt-lists-removed
#                      ^^^^^^ comment.line.number-sign.dockerfile - storage.modifier.global.dockerfile-optimizer comment.line.pragma.dockerfile-optimizer
# syntax=docker/dockerfile:1
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
RUN apt-get update && apt-get install -y curl # hadolint ignore=DL3008
# <--- keyword.other.special-method.dockerfile
#                                             ^ source.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
#                                               ^^^^^^^^ source.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                                                               ^^^^^^ source.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
RUN echo "# dockerfile-optimizer ignore=run-consecutive-merged"
#           ^^^^^^^^^^^^^^^^^^^^ string.quoted.double.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                                       ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
RUN echo \
    '# hadolint ignore=DL3008'
#      ^^^^^^^^ string.quoted.single.dockerfile - comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
USER nobody
