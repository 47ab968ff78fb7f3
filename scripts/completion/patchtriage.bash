# bash completion for patchtriage (installed by cmake --install into
# share/bash-completion/completions/patchtriage). Options are read from the binary's own
# --help, so they stay true to the version installed.
_patchtriage() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local bin=${COMP_WORDS[0]} sub="" sub2="" w i
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ -z $sub ]]; then
      case $w in inspect|rules|batch|summary|hook) sub=$w ;; esac
    elif [[ -z $sub2 && $w != -* ]]; then
      sub2=$w
    fi
  done
  case $prev in
    --format) COMPREPLY=($(compgen -W "card summary json jsonl b4" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --quoted-cr) COMPREPLY=($(compgen -W "nowarn warn strip" -- "$cur")); return ;;
    --type) COMPREPLY=($(compgen -W "pre-receive pre-push post-commit" -- "$cur")); return ;;
    --rules)
      COMPREPLY=($(compgen -W "$("$bin" rules list 2>/dev/null | awk '/^[a-z]/ {print $1}')" -- "$cur")
                 $(compgen -f -- "$cur"))
      return ;;
    -C|--repo|--kernel) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -b|--branch|--mainline)
      COMPREPLY=($(compgen -W "$(git for-each-ref --format='%(refname:short)' refs/heads refs/remotes 2>/dev/null)" -- "$cur"))
      return ;;
  esac
  if [[ $cur == -* ]]; then
    local help
    if [[ -n $sub2 && ($sub == rules || $sub == hook) ]]; then help=$("$bin" $sub $sub2 --help 2>/dev/null)
    else help=$("$bin" $sub --help 2>/dev/null); fi
    COMPREPLY=($(compgen -W "$(grep -oE -- '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' <<<"$help" | tr -d ' ,' | sort -u)" -- "$cur"))
    return
  fi
  case $sub in
    "") COMPREPLY=($(compgen -W "inspect rules batch summary hook" -- "$cur") $(compgen -f -- "$cur")) ;;
    rules) if [[ -z $sub2 ]]; then COMPREPLY=($(compgen -W "check list" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
    hook) if [[ -z $sub2 ]]; then COMPREPLY=($(compgen -W "pre-receive pre-push post-commit install uninstall" -- "$cur")); fi ;;
    *) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -o filenames -F _patchtriage patchtriage
