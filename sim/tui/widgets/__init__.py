"""Widgets that render the engine's state (no game rules)."""
