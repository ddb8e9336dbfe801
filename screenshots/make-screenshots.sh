#!/usr/bin/env bash
# Regenerates the PNG screenshots in this folder: the real pca-tui in a real terminal (tmux) on the demo
# emulator, captured with its colours and drawn into PNGs.
# Needs: tmux, python3-pil, fonts-dejavu-core, fonts-wqy-zenhei (Debian packages). Run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
swift build --product pca-tui >/dev/null
swift build --product pca-local >/dev/null
binary="$root/.build/debug/pca-tui"
work=$(mktemp -d)
local_pid=""
# A private tmux server: another server's global environment (NO_COLOR=1, say) must not leak into the shots.
tmux() { command tmux -L pca-screenshots -f /dev/null "$@"; }
trap 'tmux kill-server 2>/dev/null || true; [ -n "$local_pid" ] && kill "$local_pid"; rm -rf "$work"' EXIT

# shot NAME COLUMNS ROWS ENV COMMAND KEYS...: starts the program, types each key (a pause after each),
# captures the screen and renders it.
shot() {
    local name=$1 columns=$2 rows=$3 env=$4 args=$5
    shift 5
    tmux kill-session -t pca-shots 2>/dev/null || true
    tmux new-session -d -s pca-shots -x "$columns" -y "$rows" -c "$work" \
        "env -u NO_COLOR HOME=$work TERM=tmux-256color $env $binary $args; sleep 60"
    sleep 1.5
    for key in "$@"; do
        # WAIT: give the program time to answer (an issuance waits for its certificate).
        if [ "$key" = WAIT ]; then sleep 3; continue; fi
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
shot acm-certificates 130 50 "$utf8" "--demo --demo-state $work/acm.json" / I n t e r n a l Enter Enter
shot revoke-blast-radius 120 40 "$utf8" "--demo --demo-state $work/revoke.json" / R o o t Enter p Space Enter
shot bulk-dialog 120 34 "$utf8" "--demo --demo-state $work/bulk.json" / a c m : o f f Enter '*' p
shot bulk-dialog-done 120 34 "$utf8" "--demo --demo-state $work/bulk2.json" / a c m : o f f Enter '*' p Enter
# Issue a certificate from a CSR: the dialog filled in, then the issued certificate's details.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/app.key" -out "$work/app.csr" \
    -subj "/CN=app.example.com" -addext "subjectAltName=DNS:app.example.com" 2>/dev/null
csr_keys="a p p . c s r"
# shellcheck disable=SC2086
shot issue-dialog 120 40 "$utf8" "--demo --demo-state $work/issue.json" / I n t e r n a l Enter i $csr_keys Down
# shellcheck disable=SC2086
shot issue-dialog-issued 120 44 "$utf8" "--demo --demo-state $work/issue2.json" / I n t e r n a l Enter i $csr_keys Down Down Down Down Down Enter WAIT
shot sharing-dialog 120 40 "$utf8" "--demo --demo-state $work/share.json" / I n t e r n a l Enter Enter o 5 5 5 5 6 6 6 6 7 7 7 7 Down Space
# An organization in one list, then who removed the Payments CA's grant (CloudTrail, in its History section).
shot estate-list 170 34 "$utf8" "--demo --organization --demo-state $work/estate.json"
shot ca-history 120 46 "$utf8" "--demo --demo-state $work/history.json" / P a y m e n t s Space I Enter Enter WAIT WAIT G
shot ascii-monochrome-80x24 80 24 "LANG=C NO_COLOR=1" "--demo --ascii --demo-state $work/ascii.json" j j

# The MFA prompt of a role profile: pca-local on loopback, a profile that assumes its MFA-protected demo role.
"$root/.build/debug/pca-local" --port 0 > "$work/local.out" &
local_pid=$!
for _ in $(seq 50); do grep -q listening "$work/local.out" 2>/dev/null && break; sleep 0.1; done
endpoint=$(sed 's/pca-local listening on //' "$work/local.out")
cat > "$work/config" <<CONFIG
[profile base]
region = us-east-1
endpoint_url = $endpoint
[profile prod-admin]
role_arn = arn:aws:iam::111122223333:role/ca-admin-role
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/ca-admin
region = us-east-1
endpoint_url = $endpoint
CONFIG
printf '[base]\naws_access_key_id = AKIDLOCALADMIN\naws_secret_access_key = local-admin-secret\n' > "$work/credentials"
shot mfa-prompt 110 30 "$utf8 AWS_CONFIG_FILE=$work/config AWS_SHARED_CREDENTIALS_FILE=$work/credentials" \
    "--profile prod-admin" 1 2 3
