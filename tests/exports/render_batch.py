"""Several documents to PDF in one LibreOffice start, for tests that render more than one.

``exports.render.render_pdf`` starts soffice once per document, and the start (a new profile,
the office itself) is most of a conversion's seconds. This is the same conversion, several files
at once: the same per-call profile with the font replacements, the same rewritten copies
(``libreoffice_copy``), the same flags; soffice converts each file of its command line in turn.
``render_pdf`` itself stays tested on its own (tests/exports/test_render_pdf.py, test_export_pdf.py).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from exports.render import DEFAULT_TIMEOUT, RenderError, _new_profile, find_soffice, libreoffice_copy


def render_pdfs(documents: Iterable[Path], outdir: Path, timeout: float = DEFAULT_TIMEOUT) -> dict[Path, Path]:
    """Each document (distinct names) converted to ``outdir/<stem>.pdf``, in one soffice call."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui")
    sources = [Path(d).resolve() for d in documents]
    stems = [d.stem for d in sources]
    assert len(set(stems)) == len(stems), f"two documents would write one PDF: {stems}"
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = _new_profile()
    try:
        folder = Path(tempfile.mkdtemp(dir=profile))
        copies = [libreoffice_copy(d, folder) for d in sources]
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--nodefault", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, copies)]
        # The timeout is render_pdf's for each document.
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout * len(copies), check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"soffice did not finish converting {len(sources)} documents") from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    made = {d: outdir / f"{d.stem}.pdf" for d in sources}
    missing = [d.name for d, pdf in made.items() if not pdf.is_file()]
    if done.returncode != 0 or missing:
        raise RenderError(f"soffice did not convert {missing} (exit {done.returncode}): "
                          f"{(done.stderr or done.stdout).strip()}")
    return made
