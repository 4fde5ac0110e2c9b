"""Benchmark cases for /uppdrag and /sammantrade that the default scenarios do not reach (bench/callbacks.py)."""

CASES = [
    ("/uppdrag", {"uppdrag-status": {"value": "overdue"}}),
    ("/uppdrag", {"uppdrag-beslutat": {"value": "KF"}, "uppdrag-ar": {"value": "2025"}}),
    ("/uppdrag", {"uppdrag-status": {"value": "done_not_reported"}, "uppdrag-beslutat": {"value": "KS"}}),
]
