# Bash completion for casim: its commands, their subcommands, every option of each, and the values,
# files or folders an option or argument takes. CMake installs it as
# share/bash-completion/completions/casim (bash-completion loads it on first use); or source it from
# ~/.bashrc. tests/cli/test_completion.cpp checks it against every command's --help.

_casim_commands="run merge lint diff serve probe calendar bench csr ca chain"

# The subcommands of a command that has them.
_casim_subcommands() {
  case $1 in
    calendar) echo "add-business-days business-days is-business-day list" ;;
    bench) echo "kernel issue pipeline" ;;
    csr) echo "check generate" ;;
    ca) echo "init issue revoke crl" ;;
    chain) echo "check" ;;
    probe) echo "dns file caa order" ;;
  esac
}

# The options of one command path ("run", "calendar list", ...).
_casim_options() {
  local calendar="--calendar --calendar-dir"
  local probe="--resolver --timeout --http-timeout --max-body --allow-private --http-port --https-port --json
               --emit-scenario"
  case $1 in
    run) echo "--seed --runs --jobs --out --format --shard --ca --trace --run --trace-failed --max-traces --keep-going
               --baseline --max-shift --no-certs --agent --agent-timeout --max-orders --max-runs
               --max-order-runs --max-events --max-horizon" ;;
    merge) echo "--out --format --max-traces" ;;
    lint) echo "" ;;
    diff) echo "--max-shift --format --out" ;;
    serve) echo "--listen --clock --speed --out --credentials --seed --ca --read-timeout" ;;
    "calendar add-business-days") echo "$calendar --from --days" ;;
    "calendar business-days") echo "$calendar --from --to" ;;
    "calendar is-business-day") echo "$calendar --date" ;;
    "calendar list") echo "$calendar --year" ;;
    "bench kernel") echo "--pending --events --seed --json" ;;
    "bench issue") echo "--ca-key --subscriber-key --count --dir --json" ;;
    "bench pipeline") echo "--orders --jobs --no-certs --agent --json" ;;
    "csr check") echo "--json --max-names --allow-p521 --blocked-keys --blocked-names" ;;
    "csr generate") echo "--algorithm --key-size --curve --cn --san --org --org-unit --locality --state --country
                          --password-file --out --force" ;;
    "ca init") echo "--dir --key --brand" ;;
    "ca issue") echo "--dir --csr --type --brand --subject-file --not-before --days --client-auth --out" ;;
    "ca revoke") echo "--dir --serial --reason --at" ;;
    "ca crl") echo "--dir --next-update --at" ;;
    "chain check") echo "--key --roots --at --json" ;;
    "probe dns") echo "--value --method $probe" ;;
    "probe file") echo "--value --scheme $probe" ;;
    "probe caa") echo "--ca-id --wildcard $probe" ;;
    "probe order") echo "$probe" ;;
    *) return ;;
  esac
  echo "--help"
}

# Completes the value of option $2 of command path $1 into COMPREPLY; fails for a switch.
_casim_option_value() {
  local path=$1 option=$2 cur=$3
  case "$path $option" in
    "ca init --key" | "bench issue --ca-key" | "bench issue --subscriber-key")
      COMPREPLY=($(compgen -W "ecdsa rsa" -- "$cur")) ;;
    "ca issue --type") COMPREPLY=($(compgen -W "DV OV EV" -- "$cur")) ;;
    "ca revoke --reason")
      COMPREPLY=($(compgen -W "unspecified keyCompromise affiliationChanged superseded cessationOfOperation
                                privilegeWithdrawn" -- "$cur")) ;;
    "csr generate --algorithm") COMPREPLY=($(compgen -W "rsa ecc" -- "$cur")) ;;
    "probe dns --method") COMPREPLY=($(compgen -W "DNS DNS_AUTO CNAME" -- "$cur")) ;;
    "probe file --scheme") COMPREPLY=($(compgen -W "http https both" -- "$cur")) ;;
    "probe "*" --emit-scenario") COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur")) ;;
    "csr generate --key-size") COMPREPLY=($(compgen -W "2048 3072 4096" -- "$cur")) ;;
    "csr generate --curve") COMPREPLY=($(compgen -W "P-256 P-384" -- "$cur")) ;;
    "serve --clock") COMPREPLY=($(compgen -W "manual scaled realtime" -- "$cur")) ;;
    "run --agent" | "bench pipeline --agent") COMPREPLY=($(compgen -W "builtin" -- "$cur") $(compgen -c -- "$cur")) ;;
    "run --format" | "merge --format") _casim_list "$cur" "text json junit csv html" ;;
    "diff --format") _casim_list "$cur" "text json markdown" ;;
    "calendar "*" --calendar") COMPREPLY=($(compgen -W "CN CN-provisional US none CN+US" -- "$cur")) ;;
    *" --out" | *" --ca" | *" --baseline" | *" --dir" | *" --calendar-dir")
      COMPREPLY=($(compgen -d -- "$cur")) ;;
    *" --credentials" | *" --csr" | *" --subject-file" | *" --blocked-keys" | *" --blocked-names" | \
      *" --password-file" | *" --key" | *" --roots")
      COMPREPLY=($(compgen -f -- "$cur")) ;;
    *)
      # Any other option that takes a value takes a number, a name or a time: nothing to offer.
      case " $(_casim_switches) " in *" $option "*) return 1 ;; esac
      COMPREPLY=() ;;
  esac
  return 0
}

# The options that take no value, in every command.
_casim_switches() {
  echo "--help --no-certs --json --allow-p521 --force --client-auth --trace-failed --keep-going --allow-private
        --wildcard"
}

# Completes a comma-separated list: the word after the last comma from `choices`.
_casim_list() {
  local cur=$1 done_part=""
  [[ $cur == *,* ]] && done_part=${cur%,*},
  COMPREPLY=($(compgen -P "$done_part" -W "$2" -- "${cur##*,}"))
  compopt -o nospace 2>/dev/null
}

# Completes a positional argument of command path $1.
_casim_argument() {
  local path=$1 cur=$2
  case $path in
    run | lint | serve) COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur")
                              $(compgen -f -X '!*.yml' -- "$cur")) ;;
    merge) COMPREPLY=($(compgen -d -- "$cur")) ;;
    diff) COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.json' -- "$cur")) ;;
    "csr check" | "chain check") COMPREPLY=($(compgen -f -- "$cur")) ;;
    "probe order") COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.json' -- "$cur")) ;;
  esac
  return 0
}

_casim() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local path="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    if [[ -z $path ]]; then
      path=$word
    elif [[ $path != *" "* && -n $(_casim_subcommands "$path") ]]; then
      path="$path $word"
      break
    else
      break
    fi
  done
  if [[ -z $path ]]; then
    COMPREPLY=($(compgen -W "$_casim_commands --help --version" -- "$cur"))
    return
  fi
  local subcommands
  subcommands=$(_casim_subcommands "$path")
  if [[ -n $subcommands && $path != *" "* ]]; then
    COMPREPLY=($(compgen -W "$subcommands --help" -- "$cur"))
    return
  fi
  if [[ $prev == --* ]] && _casim_option_value "$path" "$prev" "$cur"; then
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_casim_options "$path")" -- "$cur"))
  else
    _casim_argument "$path" "$cur"
  fi
  return 0
}

complete -o filenames -F _casim casim
