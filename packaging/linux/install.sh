#!/bin/sh
# Per-user install of the BadBatch Studio bundle on Linux: no root, no pip, no network.
#
#   ./install.sh              copy this folder to ~/.local/opt/badbatch-studio, add the menu entry and icon,
#                             and put badbatch-gui / badbatch in ~/.local/bin
#   ./install.sh --here       the same, but run the app from this folder (no copy)
#   ./install.sh --uninstall  remove the program, menu entry and icons (your settings, runs and exports stay)
#
# Shipped inside the bundle (packaging/linux/install.sh -> dist/badbatch-studio/install.sh).
set -eu

APP_ID=io.github.badbatch.Studio
DESKTOP=badbatch-studio.desktop
SRC=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
TARGET=$HOME/.local/opt/badbatch-studio

say() { printf '%s\n' "$*"; }

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

uninstall() {
    rm -f "$DATA/applications/$DESKTOP" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -type f -delete 2>/dev/null || true
    for exe in badbatch-gui badbatch; do
        # only our own links
        if [ -L "$BIN/$exe" ] && readlink "$BIN/$exe" | grep -q 'badbatch-studio'; then rm -f "$BIN/$exe"; fi
    done
    if [ -f "$TARGET/VERSION" ] && [ -x "$TARGET/badbatch-gui" ]; then rm -rf "$TARGET"; fi
    refresh_caches
    say "BadBatch Studio removed. Settings, runs and exports are kept in ~/.config/BadBatchStudio and"
    say "~/.local/share/BadBatchStudio; delete those folders too if you want them gone."
}

case "${1:-}" in
    --uninstall) uninstall; exit 0 ;;
    --here) APP_DIR=$SRC ;;
    "") APP_DIR=$TARGET ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) say "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

if [ ! -x "$SRC/badbatch-gui" ] || [ ! -d "$SRC/_internal" ]; then
    say "install.sh: run me from inside the unpacked badbatch-studio folder" >&2
    exit 2
fi

if [ "$APP_DIR" != "$SRC" ]; then
    say "Copying the program to $APP_DIR (about $(du -sh "$SRC" | cut -f1)) ..."
    if [ -e "$APP_DIR" ]; then
        if [ -f "$APP_DIR/VERSION" ] && [ -x "$APP_DIR/badbatch-gui" ]; then
            rm -rf "$APP_DIR"
        else
            say "install.sh: $APP_DIR exists and is not a BadBatch Studio install; not touching it" >&2
            exit 1
        fi
    fi
    mkdir -p "$(dirname "$APP_DIR")"
    cp -a "$SRC" "$APP_DIR.tmp.$$"
    mv "$APP_DIR.tmp.$$" "$APP_DIR"
fi

mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/icons"
ln -sf "$APP_DIR/badbatch-gui" "$BIN/badbatch-gui"
ln -sf "$APP_DIR/badbatch" "$BIN/badbatch"
# Absolute paths: the desktop session's PATH often lacks ~/.local/bin.
sed -e "s|^Exec=badbatch-gui|Exec=$APP_DIR/badbatch-gui|" -e "s|^TryExec=badbatch-gui|TryExec=$APP_DIR/badbatch-gui|" \
    "$SRC/share/applications/$DESKTOP" > "$DATA/applications/$DESKTOP"
cp "$SRC/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
cp -R "$SRC/share/icons/hicolor" "$DATA/icons/"
refresh_caches

say "BadBatch Studio $(cat "$SRC/VERSION") installed."
say "Start it from the applications menu (BadBatch Studio) or run: $APP_DIR/badbatch-gui"
case ":$PATH:" in *":$BIN:"*) ;; *) say "(Add $BIN to PATH to type badbatch-gui / badbatch in a terminal.)" ;; esac
