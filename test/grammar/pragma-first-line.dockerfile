# SYNTAX TEST "source.dockerfile" "a pragma on the first line is a pragma, not a directive"
# dockerfile-optimizer global ignore=from-digest-pinned,user-non-root
# <- comment.line.pragma.dockerfile-optimizer punctuation.definition.comment.dockerfile-optimizer - meta.directive.dockerfile-optimizer comment.line.number-sign.dockerfile
# ^^^^^^^^^^^^^^^^^^^^ comment.line.pragma.dockerfile-optimizer keyword.other.pragma.dockerfile-optimizer - meta.directive.dockerfile-optimizer
#                      ^^^^^^ storage.modifier.global.dockerfile-optimizer
#                             ^^^^^^ entity.other.attribute-name.option.dockerfile-optimizer
#                                    ^^^^^^^^^^^^^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
#                                                      ^ punctuation.separator.comma.dockerfile-optimizer
#                                                       ^^^^^^^^^^^^^ variable.parameter.rule-id.dockerfile-optimizer
FROM alpine:3.21
# <---- keyword.other.special-method.dockerfile
