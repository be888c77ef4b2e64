"""The PDF reports, drawn with Qt's PDF writer and painter (QtGui only, no widget): the window's *Report…* buttons and
``badbatch report`` / ``badbatch inspect --report`` (through ``headless.py``, the one module the command line may
import) draw the facts ``core/report`` gathered, in the operator's language (docs/design/report.md)."""
