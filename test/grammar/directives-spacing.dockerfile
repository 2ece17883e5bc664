# SYNTAX TEST "source.dockerfile" "parser directives: case, spacing, check options"
#SYNTAX = docker/dockerfile:1.10
# <- meta.directive.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
#^^^^^^ keyword.other.directive.dockerfile-optimizer
#       ^ punctuation.separator.key-value.dockerfile-optimizer
#         ^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile-optimizer
#	Check = skip = all ; experimental=all; error = FALSE
# <- meta.directive.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer
# ^^^^^ keyword.other.directive.dockerfile-optimizer
#         ^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                ^^^ constant.language.all.dockerfile-optimizer
#                    ^ punctuation.separator.semicolon.dockerfile-optimizer
#                      ^^^^^^^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                                   ^^^ constant.language.all.dockerfile-optimizer
#                                      ^ punctuation.separator.semicolon.dockerfile-optimizer
#                                        ^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                                                ^^^^^ constant.language.boolean.dockerfile-optimizer
# escape=`
# ^^^^^^ keyword.other.directive.dockerfile-optimizer
#        ^ string.unquoted.directive-value.dockerfile-optimizer

FROM alpine:3.21
# <---- keyword.other.special-method.dockerfile
