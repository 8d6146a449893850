"""Model providers registered with inspect (see evals/_registry.py)."""
