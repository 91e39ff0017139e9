"""Make docs/screenshot.png: the main window on the hybrid template, rendered offscreen.

    python packaging/screenshot.py [--out docs/screenshot.png] [--dark]

Runs on a fresh temporary workspace (the same as a first run creates) with throwaway
settings, so it neither needs nor touches the user's own files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--dark", action="store_true", help="dark palette")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui import theme as theme_module
    from desktop_app.ui.app import create_default_workspace, first_lifecycle, make_application
    from desktop_app.ui.main_window import MainWindow

    app = make_application(["screenshot"])
    if args.dark:
        app.setPalette(theme_module.dark_palette())
    with tempfile.TemporaryDirectory() as tmp:
        ws = create_default_workspace(Path(tmp) / "default.lcstudio")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
        window.resize(args.width, args.height)
        window.show()
        for _ in range(3):
            app.processEvents()
        window.run_checks()
        view, scene = window.current_view(), window.current_scene()
        view.fit()
        # a stage selected, so the inspector shows what it is for
        if "monitor" in scene.stages:
            scene.select_ids(["monitor"])
        for _ in range(3):
            app.processEvents()
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        window.close()
        window.deleteLater()
        app.processEvents()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
