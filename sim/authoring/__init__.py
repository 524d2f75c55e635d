"""The educator's toolkit: lint warnings, automated playthroughs, graphs, scaffolding and
author-mode reloading. Built on :mod:`sim.engine`; never imports Textual."""
