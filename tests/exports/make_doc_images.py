"""Regenerate docs/img/{notice,form,publicity}.png from the Jingyuan test data (seed 000's shape).

.venv/bin/python -m tests.exports.make_doc_images
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from exports.forms import write_self_evaluation_forms
from exports.notice import write_notice
from exports.publicity import write_publicity
from exports.render import render_pdf, render_png

from .jingyuan import self_evaluation_form
from .seed_records import seed_notice, seed_publicity

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = {
            "notice": write_notice(seed_notice(), work / "notice.docx"),
            "form": write_self_evaluation_forms([self_evaluation_form()], work / "form.docx"),
            "publicity": write_publicity(seed_publicity(), work / "publicity.docx"),
        }
        for name, docx in docs.items():
            pdf = render_pdf(docx, work)
            print(render_png(pdf, IMG / f"{name}.png", page=1, dpi=60))


if __name__ == "__main__":
    main()
