"""Render a .docx to PDF (and a PDF page to PNG) with LibreOffice and poppler.

Each conversion gets its own LibreOffice user installation (-env:UserInstallation) so
parallel conversions do not fight over one profile, and a timeout so a stuck soffice
cannot hang the caller.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

SOFFICE_NAMES = ("soffice", "libreoffice")
DEFAULT_TIMEOUT = 180.0

# The documents name the fonts GB/T 9704 asks for. Where they are not installed (any
# Linux box), LibreOffice would pick one CJK sans for all of them; this replacement table,
# written into the per-call profile, keeps the title serif, 黑体 sans and 楷体 kai. A pair
# is written only when fontconfig lists the named font as missing and the substitute as
# present (LibreOffice's own "only if missing" mode does not fire for CJK names).
FONT_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("方正小标宋简体", "Noto Serif CJK SC"),
    ("仿宋_GB2312", "AR PL UMing CN"),
    ("仿宋", "AR PL UMing CN"),
    ("黑体", "Noto Sans CJK SC"),
    ("楷体_GB2312", "AR PL UKai CN"),
    ("楷体", "AR PL UKai CN"),
    ("宋体", "Noto Serif CJK SC"),
)


def _registry(pairs: tuple[tuple[str, str], ...]) -> str:
    def prop(name: str, value: str) -> str:
        return f'<prop oor:name="{name}" oor:op="fuse"><value>{escape(value)}</value></prop>'

    items = [
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        + prop("Replacement", "true")
        + "</item>"
    ]
    for index, (font, substitute) in enumerate(pairs):
        items.append(
            '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
            f'<node oor:name="_{index}" oor:op="replace">'
            + prop("Always", "true")
            + prop("OnScreenOnly", "false")
            + prop("ReplaceFont", font)
            + prop("SubstituteFont", substitute)
            + "</node></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + "\n".join(items) + "\n</oor:items>\n"
    )


def installed_font_families() -> frozenset[str] | None:
    """Font family names fontconfig knows, or None when fc-list is unavailable."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    names: set[str] = set()
    for line in done.stdout.splitlines():
        names.update(part.strip() for part in line.split(",") if part.strip())
    return frozenset(names)


def font_replacements(installed: frozenset[str] | None) -> tuple[tuple[str, str], ...]:
    if installed is None:
        return ()
    return tuple((font, sub) for font, sub in FONT_REPLACEMENTS if font not in installed and sub in installed)


# What Word and WPS read one way and LibreOffice another, rewritten in the copy LibreOffice
# converts, so the PDF shows what the officer's Word shows:
# - w:overflowPunct: LibreOffice's DOCX import maps val="0" to hanging punctuation *on*
#   (writerfilter: IS_HANGING_PUNCTUATION = (value == 0)), the reverse of ECMA-376 17.3.1.22
#   and of its own DOCX export; the value is flipped.
# - a linesAndChars grid: LibreOffice spreads lines mixing Latin and CJK over the character
#   cells; a "lines" grid with the condensed 3号 runs sets the same 28 characters a line.
_OVERFLOW = re.compile(rb'(<w:overflowPunct\b[^>]*?w:val=")(0|false|off|1|true|on)(")')
_FLIPPED = {b"0": b"1", b"false": b"1", b"off": b"1", b"1": b"0", b"true": b"0", b"on": b"0"}
_BARE_OVERFLOW = re.compile(rb"<w:overflowPunct\s*/>")  # no w:val: on
_CHAR_GRID = re.compile(rb'(<w:docGrid\b[^>]*?w:type=")(linesAndChars|snapToChars)(")')
_REWRITTEN = ("word/document.xml", "word/styles.xml")


def libreoffice_copy(docx: Path, folder: Path) -> Path:
    """A copy of ``docx`` in ``folder`` (same name) with the settings LibreOffice reads differently."""
    target = folder / docx.name
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in _REWRITTEN:
                data = _OVERFLOW.sub(lambda m: m[1] + _FLIPPED[m[2]] + m[3], data)
                data = _BARE_OVERFLOW.sub(b'<w:overflowPunct w:val="0"/>', data)
                data = _CHAR_GRID.sub(lambda m: m[1] + b"lines" + m[3], data)
            copy.writestr(item, data)
    return target


def _new_profile() -> Path:
    profile = Path(tempfile.mkdtemp(prefix="starcampus-lo-"))
    user = profile / "user"
    user.mkdir()
    pairs = font_replacements(installed_font_families())
    (user / "registrymodifications.xcu").write_text(_registry(pairs), encoding="utf-8")
    return profile


class RenderError(RuntimeError):
    """LibreOffice / poppler is missing, timed out, or produced no output."""


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdf(docx: Path, outdir: Path, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert ``docx`` to ``outdir/<stem>.pdf`` with ``soffice --headless``."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "LibreOffice (soffice) is not installed: install libreoffice-writer-nogui "
            "(Debian/Ubuntu) to export PDF"
        )
    docx = Path(docx).resolve()
    if not docx.is_file():
        raise RenderError(f"no such document: {docx}")
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / f"{docx.stem}.pdf"
    profile = _new_profile()
    try:
        converted = libreoffice_copy(docx, Path(tempfile.mkdtemp(dir=profile)))
    except (OSError, zipfile.BadZipFile) as exc:
        shutil.rmtree(profile, ignore_errors=True)
        raise RenderError(f"cannot read {docx.name} as a .docx: {exc}") from exc
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(converted),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"soffice did not finish within {timeout:g} s converting {docx.name}") from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout).strip()
        raise RenderError(f"soffice failed to convert {docx.name} (exit {done.returncode}): {detail}")
    return target


def render_png(pdf: Path, png: Path, page: int = 1, dpi: int = 60, timeout: float = 60.0) -> Path:
    """Render one page of ``pdf`` to ``png`` with poppler's pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RenderError("pdftoppm is not installed: install poppler-utils")
    png = Path(png)
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    cmd = [pdftoppm, "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile"]
    try:
        done = subprocess.run(
            [*cmd, str(pdf), str(stem)], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"pdftoppm did not finish within {timeout:g} s") from exc
    made = stem.with_suffix(".png")
    if done.returncode != 0 or not made.is_file():
        raise RenderError(f"pdftoppm failed (exit {done.returncode}): {done.stderr.strip()}")
    if made != png:
        made.replace(png)
    return png
