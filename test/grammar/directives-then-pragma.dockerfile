# SYNTAX TEST "source.dockerfile" "a pragma line ends the parser directives but is still a pragma"
# syntax=docker/dockerfile:1
# ^^^^^^ meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer
# hadolint global ignore=DL3008
# <- comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer - meta.directive.dockerfile-optimizer
# ^^^^^^^^ comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer - meta.directive.dockerfile-optimizer
#          ^^^^^^ storage.modifier.global.dockerfile-optimizer
#                        ^^^^^^ comment.line.pragma.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer
# escape=`
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
FROM alpine:3.21
# <---- keyword.other.special-method.dockerfile
