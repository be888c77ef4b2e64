"""Page 1 of a run report and of an inspection report, English and Japanese, as PNG pictures for the README.

    python -m tools.report_pictures OUTDIR

Draws the demo folder, leaves its bad shots out as the Batch check would (with their reasons) and one photo by hand,
trains the Quick check preset for three passes on the CPU, exports the run, checks 16 new photos drawn the same
way, writes both reports with ``badbatch``
and converts page 1 with ``pdftoppm`` (poppler-utils). Takes about a minute; writes only under a temporary folder
and OUTDIR.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
DEMO_REASON = {"dark": "dark", "black": "dark", "blur": "blurry", "overexposed": "overexposed", "half_out": "cut_off"}


def main(out_dir: str) -> int:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm") is None:
        log.error("pdftoppm (poppler-utils) is needed")
        return 2
    base = Path(tempfile.mkdtemp(prefix="badbatch_report_"))
    os.environ["BADBATCH_HOME"] = str(base / "home")
    from badbatch_gui.cli import main as badbatch
    from badbatch_gui.core.data.demo import write_demo_folder
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.scoring.leave_out import load_review

    demo = base / "photos" / "gear_line_2"
    manifest = write_demo_folder(demo, n_images=120, seed=3)
    store, findings = load_review(app_paths(), demo)  # the Batch check's findings (left out automatically)
    flagged = [(rel, (DEMO_REASON[kind],)) for kind, rels in manifest["bad_shots"].items() for rel in rels]
    findings.record(tuple(rel for rel, _ in flagged), tuple(codes for _, codes in flagged))
    findings.save()
    store.set_image(demo / manifest["good"][0], "reject")  # and one left out by hand
    store.save()
    run = base / "runs" / "gear_line_2_quick"
    assert (
        badbatch(
            [
                "train",
                str(demo),
                "--preset",
                "quick_check",
                "--epochs",
                "3",
                "--out",
                str(run),
                "--device",
                "cpu",
                "--seed",
                "0",
            ]
        )
        == 0
    )
    assert badbatch(["export", str(run), "--out", str(base / "exports" / "gear_line_2")]) == 0
    new = base / "photos" / "new_parts"  # photos the run never saw: another draw of the demo parts
    write_demo_folder(new, n_images=16, seed=11)
    for lang in ("en", "ja"):
        pdf = base / f"run_{lang}.pdf"
        assert badbatch(["report", str(run), "--out", str(pdf), "--lang", lang]) == 0
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / f"report_run_{lang}"),
            ],
            check=True,
        )
        pdf = base / f"inspect_{lang}.pdf"
        assert (
            badbatch(
                [
                    "inspect",
                    str(run),
                    str(new),
                    "--pdf",
                    str(pdf),
                    "--lang",
                    lang,
                    "--device",
                    "cpu",
                    "--false-alarm-rate",
                    "0.05",
                ]
            )
            == 0
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / f"report_inspect_{lang}"),
            ],
            check=True,
        )
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
