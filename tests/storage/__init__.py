"""Tests of saves, results, verification, cohorts, review and serve."""
