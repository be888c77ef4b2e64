"""The app's translations: which language, and installing its translators (widget-free: QtCore only).

The window installs them once at start (``app.main``); a report made from the command line installs them for the
one language it is written in, on top of whatever is installed, and removes them afterwards
(:class:`OnlyThisLanguage`, ``gui/report/headless.py``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from badbatch_gui.gui import resources

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ja")


def choose_language(setting: str, override: str | None = None) -> str:
    """The language, "en" or "ja": the override, else the setting, else the system locale."""
    lang = override or setting or QLocale.system().name().split("_")[0]
    return "ja" if lang == "ja" else "en"


def set_locale(lang: str) -> None:
    """Numbers, sizes and dates in ``lang``'s format (``QLocale()`` everywhere)."""
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English))


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install our translation (for English: only the singular/plural forms) and, for other languages, Qt's own
    (standard dialogs).
    """
    set_locale(lang)
    installed: list[QTranslator] = []
    candidates = []
    folder = resources.translations_dir()
    if folder is not None:
        candidates.append((f"badbatch_{lang}", str(folder)))
    if lang != "en":
        candidates.append((f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, directory in candidates:
        tr = QTranslator(app)
        if tr.load(name, directory):
            app.installTranslator(tr)
            installed.append(tr)
        else:
            log.warning("translation %s not found in %s", name, directory)
    return installed


class OnlyThisLanguage(QTranslator):
    """Our translation for one language that answers every message, so a translator installed earlier for another
    language is never consulted: a message it does not hold comes back as its English source text.
    """

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        folder = resources.translations_dir()
        self.loaded = folder is not None and self.load(f"badbatch_{lang}", str(folder))
        if not self.loaded:
            log.warning("translation badbatch_%s not found in %s", lang, folder)

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Our translation, else the source text itself (never empty)."""
        found = super().translate(context, source, disambiguation, n) if self.loaded else ""
        return found or source
