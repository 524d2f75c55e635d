"""Practice Sim: a role-play training game for medical office managers."""

__version__ = "0.1.0"
