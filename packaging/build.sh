#!/usr/bin/env bash
# Build the wheel, and (with --bundle) a one-folder desktop bundle with PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip wheel --no-deps -w dist .
if [[ "${1:-}" == "--bundle" ]]; then
  python3 -m pip install -q pyinstaller
  pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/lifecycle-studio.spec
  install -Dm644 packaging/io.github.lifecycle_studio.LifecycleStudio.desktop \
    dist/share/applications/io.github.lifecycle_studio.LifecycleStudio.desktop
  install -Dm644 packaging/io.github.lifecycle_studio.LifecycleStudio.metainfo.xml \
    dist/share/metainfo/io.github.lifecycle_studio.LifecycleStudio.metainfo.xml
  install -Dm644 packaging/icons/lifecycle-studio.svg \
    dist/share/icons/hicolor/scalable/apps/lifecycle-studio.svg
fi
