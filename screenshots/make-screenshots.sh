#!/usr/bin/env bash
# Regenerates the PNG screenshots in this folder: the real pca-tui in a real terminal (tmux) on the demo
# emulator, captured with its colours and drawn into PNGs.
# Needs: tmux, python3-pil, fonts-dejavu-core, fonts-wqy-zenhei (Debian packages). Run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
swift build --product pca-tui >/dev/null
binary="$root/.build/debug/pca-tui"
work=$(mktemp -d)
trap 'tmux kill-session -t pca-shots 2>/dev/null || true; rm -rf "$work"' EXIT

# shot NAME COLUMNS ROWS ENV COMMAND KEYS...: starts the program, types each key (a pause after each),
# captures the screen and renders it.
shot() {
    local name=$1 columns=$2 rows=$3 env=$4 args=$5
    shift 5
    tmux kill-session -t pca-shots 2>/dev/null || true
    tmux new-session -d -s pca-shots -x "$columns" -y "$rows" \
        "env HOME=$work TERM=tmux-256color $env $binary $args; sleep 60"
    sleep 1.5
    for key in "$@"; do
        tmux send-keys -t pca-shots "$key"
        sleep 0.4
    done
    tmux capture-pane -e -p -t pca-shots > "$work/$name.txt"
    /usr/bin/python3 "$here/render_ansi.py" "$work/$name.txt" "$here/$name.png" "$columns" "$rows"
    echo "screenshots/$name.png"
}

utf8="LANG=C.UTF-8"
shot ca-list 120 32 "$utf8" "--demo --demo-state $work/list.json"
shot ca-detail 120 40 "$utf8" "--demo --demo-state $work/detail.json" / W e b Enter Enter
shot dialog-before-save 110 34 "$utf8" "--demo --demo-state $work/dialog.json" / I n t e r n a l Enter p Space Tab
shot dialog-after-save 110 34 "$utf8" "--demo --demo-state $work/dialog2.json" / I n t e r n a l Enter p Space Tab Enter
shot access-denied-issuer 110 34 "$utf8" "--demo --demo-user issuer --demo-state $work/issuer.json" / I n t e r n a l Enter p Space Tab Enter
shot help 110 44 "$utf8" "--demo --demo-state $work/help.json" '?'
shot ascii-monochrome-80x24 80 24 "LANG=C NO_COLOR=1" "--demo --ascii --demo-state $work/ascii.json" j j
