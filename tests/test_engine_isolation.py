"""The engine must stay importable without the TUI."""

import subprocess
import sys


def test_engine_never_imports_textual() -> None:
    code = (
        "import sys, sim.engine, sim.engine.simulation, sim.engine.scoring, sim.engine.replay;"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
