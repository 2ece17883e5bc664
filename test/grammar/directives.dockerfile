# SYNTAX TEST "source.dockerfile" "BuildKit parser directives at the top of the file"
# syntax=docker/dockerfile:1
# <- source.dockerfile meta.directive.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^^ meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer
#       ^ meta.directive.dockerfile-optimizer punctuation.separator.key-value.dockerfile-optimizer
#        ^^^^^^^^^^^^^^^^^^^ meta.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer
# <- - comment.line.number-sign.dockerfile
# escape=\
# <- meta.directive.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^^ meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer
#       ^ punctuation.separator.key-value.dockerfile-optimizer
#        ^ string.unquoted.directive-value.dockerfile-optimizer
# check=skip=JSONArgsRecommended,StageNameCasing;error=true
# <- meta.directive.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^ meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer
#      ^ punctuation.separator.key-value.dockerfile-optimizer
#       ^^^^ meta.directive.dockerfile-optimizer entity.other.attribute-name.option.dockerfile-optimizer
#           ^ punctuation.separator.key-value.dockerfile-optimizer
#            ^^^^^^^^^^^^^^^^^^^ meta.directive.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
#                               ^ punctuation.separator.comma.dockerfile-optimizer
#                                ^^^^^^^^^^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
#                                               ^ punctuation.separator.semicolon.dockerfile-optimizer
#                                                ^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                                                     ^ punctuation.separator.key-value.dockerfile-optimizer
#                                                      ^^^^ constant.language.boolean.dockerfile-optimizer
FROM alpine:3.21
# <---- keyword.other.special-method.dockerfile - meta.directive.dockerfile-optimizer
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# check=skip=all
# ^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
#            ^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
