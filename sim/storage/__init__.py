"""Persistence: saves, result files and the cohort store. Never imports Textual."""
