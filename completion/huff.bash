# bash completion for huff, unhuff and hufcat         -*- shell-script -*-
#
# Installed as share/bash-completion/completions/huff (make install); the
# links unhuff and hufcat load it through the "complete" lines at the end.
# Stands alone: it uses bash-completion's _filedir when loaded by it, and
# compgen otherwise.

_huff_files()
{
        # $1: a glob of names to offer besides directories, or empty for all.
        local IFS=$'\n' cur=${COMP_WORDS[COMP_CWORD]}
        if [[ -z $1 ]]; then
                COMPREPLY+=($(compgen -f -- "$cur"))
        else
                COMPREPLY+=($(compgen -d -- "$cur"))
                COMPREPLY+=($(compgen -f -X "!$1" -- "$cur"))
        fi
        compopt -o filenames 2>/dev/null
}

_huff()
{
        local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
        local cmd=${COMP_WORDS[0]##*/} sub="" i decompress=""
        COMPREPLY=()

        [[ $cmd == unhuff || $cmd == hufcat ]] && decompress=1
        if [[ $cmd == huff && $COMP_CWORD -gt 1 ]]; then
                case ${COMP_WORDS[1]} in report|train|bench) sub=${COMP_WORDS[1]} ;; esac
        fi

        # The value of the option before.
        case $sub:$prev in
        :-o|:--output|:-M|:--model|:--output-dir-flat|train:-o|train:--output|report:--model|\
        bench:--train|bench:--save|bench:--plot)
                _huff_files ""
                return ;;
        :-B|:--block-size)
                COMPREPLY=($(compgen -W "256 4K 32K 64K 128K 256K 512K 1M" -- "$cur"))
                return ;;
        :-T|:--threads)
                COMPREPLY=($(compgen -W "0 1 2 4 8" -- "$cur"))
                return ;;
        :-S|:--suffix|report:--p|report:--q|report:--smooth|train:--smooth|\
        train:--max-len|bench:--smooth|bench:--max-len|bench:-r|bench:--runs|\
        bench:--min-time|bench:--pieces)
                return ;;
        report:--unit)
                COMPREPLY=($(compgen -W "bits nats" -- "$cur"))
                return ;;
        report:--format|bench:--format)
                COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
                return ;;
        esac

        # Short and long options, as each --help lists them
        # (tests/cli/test_documented_options.sh checks that they agree).
        if [[ $cur == -* ]]; then
                case $sub in
                report) COMPREPLY=($(compgen -W "--model --q --smooth --p
                        -1 -2 -3 -4 -5 -6 -7 -8 -9 --symbols --unit --format
                        --json --csv -h --help" -- "$cur")) ;;
                train) COMPREPLY=($(compgen -W "-o --output --smooth --max-len
                        -f --force -v --verbose -h --help" -- "$cur")) ;;
                bench) COMPREPLY=($(compgen -W "--speed --matrix --sweep --small
                        -1 -2 -3 -4 -5 -6 -7 -8 -9 -r --runs --min-time --smooth
                        --max-len --train --pieces --format --json --csv --save
                        --plot -q --quiet -h --help" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "-z --compress -d --decompress
                        --uncompress -c --stdout --to-stdout -o --output -k --keep
                        --rm -n --no-name -N --name -f --force -t --test -l --list
                        -r --recursive --output-dir-flat -S --suffix -B --block-size -1 -2 -3 -4 -5 -6 -7 -8 -9
                        --fast --best -M --model -T --threads --no-check
                        -v --verbose -q --quiet -h --help -V --version" -- "$cur")) ;;
                esac
                return
        fi

        if [[ $cmd == huff && $COMP_CWORD -eq 1 ]]; then
                COMPREPLY=($(compgen -W "report train bench" -- "$cur"))
        fi
        # Decompressing, testing or listing: offer compressed files.
        if [[ -z $sub ]]; then
                for ((i = 1; i < COMP_CWORD; i++)); do
                        case ${COMP_WORDS[i]} in
                        --) break ;;
                        --decompress|--uncompress|--test|--list) decompress=1 ;;
                        --*) ;;
                        -*[dtl]*) decompress=1 ;;
                        esac
                done
        fi
        if [[ -n $decompress ]]; then
                _huff_files "*.huf"
        else
                _huff_files ""
        fi
}

complete -F _huff huff unhuff hufcat
