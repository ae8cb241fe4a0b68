# fish completion for recall-index(1); installed as share/fish/vendor_completions.d/recall-index.fish.

complete -c recall-index -f
# The vault, as an argument.
complete -c recall-index -n 'not string match -q -- "-*" (commandline -ct)' -a '(__fish_complete_directories)'
complete -c recall-index -s h -l help -d 'Print a short help and exit'
complete -c recall-index -s V -l version -d 'Print the version and exit'
complete -c recall-index -l vault -x -a '(__fish_complete_directories)' -d 'Vault folder to index'
complete -c recall-index -l index -x -a '(__fish_complete_directories)' -d 'Index folder'
complete -c recall-index -l config -r -F -d 'Config file'
complete -c recall-index -l exclude -x -d 'Skip files and folders matching this glob'
complete -c recall-index -l full -d 'Rebuild from scratch, then switch atomically'
complete -c recall-index -l dry-run -d 'List what would change; write nothing'
complete -c recall-index -s q -l quiet -d 'Print nothing but warnings and errors'
complete -c recall-index -s v -l verbose -d 'List every note added, changed or deleted'
complete -c recall-index -l stats -d 'Describe the index and exit'
complete -c recall-index -l threads -x -d 'Parser threads'
complete -c recall-index -l allow-deletions -d 'Delete however many notes are gone from the vault'
complete -c recall-index -l max-delete-percent -x -d 'Refuse a run deleting more than this share of the index'
