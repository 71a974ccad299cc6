"""Stage 1: load. Read content/ and a school's folder (YAML facts, Markdown prose) into model objects.

Loading knows files and YAML only: each file is checked against its model (keys, types) and every
problem keeps its line; the programme's rules and cross-references are checked in `validate`.
"""
