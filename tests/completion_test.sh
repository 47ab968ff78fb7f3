#!/bin/bash
# The bash completion against the real binary: options come from its --help, values from
# the fixed lists and `rules list`. Usage: completion_test.sh SCRIPT BINARY
set -u
source "$1"
bin=$2 status=0
expect() {  # expect "words..." -- "wanted"
  local want=$1; shift
  COMP_WORDS=("$bin" "$@"); COMP_CWORD=$(($# ))
  COMPREPLY=(); _patchtriage
  if [[ "${COMPREPLY[*]}" != "$want" ]]; then
    echo "completing '$*': got '${COMPREPLY[*]}', want '$want'"; status=1
  fi
}
expect "--format" --fo
expect "json jsonl" --format j
expect "check list" rules ""
expect "autosel" --rules au
expect "pre-receive pre-push" hook pre-
expect "--threads" inspect --thr
exit $status
