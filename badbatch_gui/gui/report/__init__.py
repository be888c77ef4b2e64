"""The PDF reports, drawn with Qt's PDF writer and painter (QtGui only, no widget): the window's *Report…* buttons
(``save_report.py``) and ``badbatch report`` / ``badbatch inspect --pdf`` (``cli/report_cmd.py``, the command line's
one door into Qt, through ``headless.py``) draw the facts ``core/report`` gathered, in the operator's language
(docs/design/report.md).
"""
