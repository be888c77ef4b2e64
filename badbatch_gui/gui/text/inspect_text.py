"""Plain, translatable words for the Inspect step: verdicts, phases, the false-alarm rate, similarity, errors.

The core's sentences are English; here the window rebuilds them from verdict codes, phase names and error codes
(``BadBatchError.code`` and ``values``) so Japanese operators read their own language. Counted sentences live in
:class:`InspectCounts` (lupdate extracts plural forms only from ``self.tr`` calls on a QObject).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from badbatch_gui.gui.text import reason_text, sentences

translate = QCoreApplication.translate  # lupdate extracts translate("InspectText", "...") calls

VERDICT_COLOURS = {"unusual": "#c62828", "bad_shot": "#a66300", "normal": ""}


def listing(parts: Sequence[str]) -> str:
    """Short phrases as a list: "a, b, c" (Japanese "a、b、c")."""
    return translate("InspectText", ", ", "between listed phrases").join(parts)


def verdict_text(verdict: str, reasons: Sequence[str] = ()) -> str:
    """The verdict in words: "looks normal", "looks unusual" or "bad shot (too dark, blurry)"."""
    if verdict == "bad_shot":
        names = reason_text.names(reasons) if reasons else ""
        return (
            translate("InspectText", "bad shot ({0})").format(names) if names else translate("InspectText", "bad shot")
        )
    return {
        "normal": translate("InspectText", "looks normal"),
        "unusual": translate("InspectText", "looks unusual"),
    }.get(verdict, verdict)


def caption(verdict: str, reasons: Sequence[str], value: float) -> str:
    """Two short lines under a checked photo: its score and verdict, or "bad shot" and why (a bad shot's score
    says nothing about the part).
    """
    if verdict == "bad_shot" and reasons:
        return translate("InspectText", "bad shot\n({0})").format(reason_text.names(reasons))
    return f"{similarity(value)}\n{verdict_text(verdict)}"


def phase_text(phase: str) -> str:
    """What a long Inspect job is doing, for its progress bar."""
    return {
        "load": translate("InspectText", "Loading the network"),
        "decode": translate("InspectText", "Reading photos"),
        "index": translate("InspectText", "Indexing photos"),
        "memory": translate("InspectText", "Learning what normal photos look like"),
        "calibrate": translate("InspectText", "Setting the threshold from the normal photos"),
        "check": translate("InspectText", "Checking new photos"),
    }.get(phase, phase)


def percent(rate: float) -> str:
    """A rate (0.01) as "1 %" / "0.5 %" in the operator's locale."""
    value = 100.0 * float(rate)
    decimals = 0 if abs(value - round(value)) < 1e-9 else (1 if abs(value * 10 - round(value * 10)) < 1e-9 else 2)
    return translate("InspectText", "{0} %").format(QLocale().toString(value, "f", decimals))


def false_alarm_sentence(rate: float, expected: float | None = None, n_normal: int | None = None) -> str:
    """What the false-alarm rate means, in one or two plain sentences."""
    per_100 = QLocale().toString(100.0 * rate, "g", 3)
    text = translate(
        "InspectText",
        "About {0} in 100 photos of normal parts will be called unusual by mistake. "
        "Lower it to flag fewer photos; raise it to miss fewer faults.",
    ).format(per_100)
    if expected is not None and n_normal is not None and expected > rate + 1e-12:
        text = sentences.join(
            text,
            translate(
                "InspectText",
                "With only {0} normal photos, the app can promise no less than {1}; "
                "index more normal photos for a lower rate.",
            ).format(n_normal, percent(expected)),
        )
    return text


def similarity(value: float) -> str:
    """A similarity (−1 … 1) with two decimals."""
    return QLocale().toString(float(value), "f", 2)


def score(value: float) -> str:
    """An unusualness score with three decimals."""
    return QLocale().toString(float(value), "f", 3)


def similarity_tooltip() -> str:
    """What the similarity figure means (with the jargon explained)."""
    return translate(
        "InspectText",
        "How alike the network finds the two photos: 1.00 means it sees no difference, "
        "lower values mean less alike. (Technically: the cosine similarity of the two "
        "photos' embeddings, the lists of numbers the network describes each photo "
        "with.)",
    )


def score_tooltip(value: float, threshold: float) -> str:
    """What a photo's unusualness score means next to the threshold."""
    return translate(
        "InspectText",
        "How unusual: {0} (photos above {1} look unusual). It measures how far the most "
        "unusual spot of the photo is from every spot of the normal photos. "
        "(Technically: a PatchCore-style nearest-neighbour distance between local "
        "features of the trained network.)",
    ).format(score(value), score(threshold))


class InspectCounts(QObject):
    """Counted sentences of the Inspect step (create one where needed; it holds no state)."""

    def indexed(self, n: int) -> str:
        """How many photos the index holds."""
        return self.tr("%n photo(s) indexed", "", n)

    def from_cache(self, n: int) -> str:
        """How many index rows came from the cache."""
        return self.tr("%n from the cache", "", n)

    def skipped(self, n: int) -> str:
        """Files the index could not use."""
        return self.tr("%n file(s) could not be used", "", n)

    def left_out(self, n: int) -> str:
        """The leave-out switch of the model chooser."""
        return self.tr("Leave out the %n photo(s) training left out", "", n)

    def all_photos(self, n: int) -> str:
        """The folder grid's filter: every indexed photo."""
        return self.tr("All photos (%n)", "", n)

    def duplicate_groups(self, n: int) -> str:
        """The folder grid's filter: near-duplicate groups."""
        return self.tr("Near-duplicates only (%n group(s))", "", n)

    def selected(self, n: int) -> str:
        """Photos selected on the map."""
        return self.tr("%n photo(s) selected", "", n)

    def same_in_both(self, n: int, k: int) -> str:
        """How many photos the trained and untrained answers share."""
        return self.tr("%n of the {0} photos are in both lists.", "", n).format(k)

    def checked_so_far(self, n: int) -> str:
        """A check that was stopped."""
        return self.tr(
            "Stopped. Photos checked so far: %n. Check again to see every photo and to save the list.", "", n
        )

    def unreadable(self, n: int) -> str:
        """Files of the checked folder that could not be read."""
        return self.tr("%n file(s) could not be read and were not checked.", "", n)

    def bad_shots_not_used(self, n: int) -> str:
        """Indexed photos the check does not take as normal."""
        return self.tr("Not taken as normal (bad shots): %n indexed photo(s).", "", n)

    def summary(self, n: int, unusual: int, bad: int, normal: int) -> str:
        """The lead line of a check: "120 photos checked — looks unusual: 7 · bad shot: 2 · looks normal: 111"."""
        counts = reason_text.SEPARATOR.join(
            f"{verdict_text(v)}: {c}" for v, c in (("unusual", unusual), ("bad_shot", bad), ("normal", normal))
        )
        return self.tr("%n photo(s) checked", "", n) + " — " + counts
