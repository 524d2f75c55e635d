"""Which ``sim`` package a benchmark child imports (``bench.compare --check``)."""

import json

import sim
from sim import catalog

print(json.dumps({"sim": sim.__file__, "scenarios": str(catalog.resolve("full-day"))}))
