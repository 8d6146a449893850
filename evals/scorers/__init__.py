"""Scorers: correctness, scope deviation and cost, combined per suite."""
