"""Make the README's screenshots: the main window on the hybrid template, rendered offscreen.

    python3 packaging/screenshot.py                 docs/screenshot.png (1600×1000) and
                                                    docs/screenshot-laptop.png (1280×800)
    python3 packaging/screenshot.py --out FILE [--width W --height H] [--dark]

Runs the installed package (`pip install .` or `pip install -e .`), whose templates and icons
come through importlib.resources, on a fresh temporary workspace (the same as a first run
creates) with throwaway settings, so it neither needs nor touches the user's own files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# where the pictures go by default: the docs/ folder next to this script's folder (the
# repository's); nothing else is read from the repository
DOCS = Path(__file__).resolve().parents[1] / "docs"
DEFAULT_SHOTS = ((DOCS / "screenshot.png", 1600, 1000), (DOCS / "screenshot-laptop.png", 1280, 800))


def settle(app, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(app, out: Path, width: int, height: int, dark: bool) -> bool:
    from PySide6.QtCore import QSettings

    from desktop_app.ui.app import create_default_workspace, first_lifecycle
    from desktop_app.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        ws = create_default_workspace(Path(tmp) / "default.lcstudio")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("view/theme", "dark" if dark else "light")
        window = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
        window.resize(width, height)
        window.show()
        settle(app, 6)           # the first-run panel sizes are queued behind the first paint
        window.run_checks()
        view, scene = window.current_view(), window.current_scene()
        view.fit()
        # a stage selected, so the inspector shows what it is for
        if "monitor" in scene.stages:
            scene.select_ids(["monitor"])
        settle(app)
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(out))
        window.close()
        window.deleteLater()
        settle(app)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="one picture to this file (default: both README pictures in docs/)")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--dark", action="store_true", help="dark theme")
    args = parser.parse_args(argv)
    try:
        from desktop_app.ui.app import make_application
    except ImportError as exc:
        print(f"screenshot: Lifecycle Studio is not installed ({exc}); run `python3 -m pip install .` first",
              file=sys.stderr)
        return 2

    app = make_application(["screenshot"])
    shots = [(Path(args.out), args.width, args.height)] if args.out else list(DEFAULT_SHOTS)
    for out, width, height in shots:
        if not shoot(app, out, width, height, args.dark):
            print(f"screenshot: could not write {out}", file=sys.stderr)
            return 1
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
