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


def test_listing_saves_loads_no_simulation() -> None:
    """The title screen lists saves before the player picks anything: that reads JSON only
    (the engine package loads its modules on first use)."""
    code = (
        "import sys, sim.storage.saves, sim.cli.common;"
        "print([m for m in ('transitions', 'yaml', 'sim.engine.simulation', 'sim.engine.loader')"
        " if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_engine_package_still_exports_every_name() -> None:
    import sim.engine as engine

    assert sorted(engine.__all__) == sorted(engine._HOMES)
    for name in engine.__all__:
        assert getattr(engine, name) is not None
