"""Make the app icon files from resources/icons/involve.svg.

Writes involve.ico (every size Windows asks for: title bar, taskbar, Start menu, desktop,
Explorer's large icons) and involve.png (256 px, for Linux and the window icon). Each size is
drawn from the SVG on its own rather than shrunk from the largest, so the small ones stay sharp.
The generated files are committed, so a Windows build needs no extra step; run this again
after changing the SVG:

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_FILE = ICONS_DIR / "involve.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_icons(svg: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write involve.ico and involve.png into out_dir; return their paths."""
    # Offscreen before Qt loads: this runs on build machines and in CI without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = [Image.open(io.BytesIO(render_png(svg, size))) for size in ICO_SIZES]
    out_dir.mkdir(parents=True, exist_ok=True)
    ico = out_dir / "involve.ico"
    largest = images[-1]
    # Pillow uses the image given for each size in append_images instead of shrinking one.
    largest.save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )
    png = out_dir / "involve.png"
    png.write_bytes(render_png(svg, PNG_SIZE))
    return ico, png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG_FILE)
    parser.add_argument("--out", type=Path, default=ICONS_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
