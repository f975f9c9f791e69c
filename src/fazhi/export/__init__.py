"""Excel and Word outputs, in the colours a reader learns once: a verdict's colour is the same
in the compliance matrix and in the Word review."""

from openpyxl.styles import PatternFill

VERDICT_COLOURS = {
    "pass": "C6EFCE",
    "fail": "FFC7CE",
    "unknown": "FFEB9C",
    "not_applicable": "EDEDED",
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
