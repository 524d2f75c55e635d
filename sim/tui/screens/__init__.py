"""The game's screens, each with its styles in a ``.tcss`` file of the same name."""
