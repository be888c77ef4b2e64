"""Build hook: copy the top-level ``resources/`` (icons, translations) into the wheel as ``badbatch_gui/resources``.

``resources/`` stays the single source of truth (docs/design/architecture.md); editable installs read it in place
(``badbatch_gui.gui.resources`` looks in the package first, then the repository).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    """build_py that also copies resources/ (minus build scripts) into the built package."""

    def run(self) -> None:
        """Build the package as usual, then copy ``resources/`` into it (skipping ``*.py`` build scripts)."""
        super().run()
        src = Path(__file__).parent / "resources"
        if src.is_dir():
            dst = Path(self.build_lib) / "badbatch_gui" / "resources"
            shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.py", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithResources})
