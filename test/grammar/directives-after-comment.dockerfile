# SYNTAX TEST "source.dockerfile" "a comment ends the parser directives"
# Build the app image
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# escape=`
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
FROM alpine:3.21
