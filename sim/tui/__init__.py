"""The Textual game: screens render the engine's state and send it actions (no game rules)."""
