"""Generators of the documentation pages; `python docs/gen_docs.py` runs them all."""
