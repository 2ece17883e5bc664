# SYNTAX TEST "source.dockerfile" "an unknown directive ends the parser directives"
# foo=bar
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# ^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
# check=error=true
# ^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile-optimizer keyword.other.directive.dockerfile-optimizer string.unquoted.directive-value.dockerfile-optimizer variable.parameter.rule-id.dockerfile-optimizer constant.language.all.dockerfile-optimizer
#             ^^^^ comment.line.number-sign.dockerfile - constant.language.boolean.dockerfile-optimizer
FROM alpine:3.21
