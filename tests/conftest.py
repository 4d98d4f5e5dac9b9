"""Shared pytest hooks: report which scanner backends the tests exercised."""


def pytest_terminal_summary(terminalreporter):
    differential = __import__("sys").modules.get("test_differential")
    exercised = getattr(differential, "EXERCISED", None)
    if not exercised:
        return
    terminalreporter.section("scanner backends exercised by the differential tests")
    for backend, outcome in sorted(exercised.items()):
        if isinstance(outcome, int):
            terminalreporter.write_line(f"{backend}: {outcome} scans")
        else:
            terminalreporter.write_line(f"{backend}: NOT exercised: {outcome}")
