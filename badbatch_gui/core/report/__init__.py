"""Reports to hand over: what a training run or an inspection found, gathered for a PDF (docs/design/report.md).

Qt-free: :func:`~badbatch_gui.core.report.run_report.gather_run_report` and
:func:`~badbatch_gui.core.report.inspect_report.gather_inspect_report` collect the facts (figures, counts, curves as
numpy arrays, photos as small RGB arrays, codes instead of sentences) into frozen dataclasses; the renderer outside the
core (``gui/report``) says them in the operator's language and draws the pages.
"""
