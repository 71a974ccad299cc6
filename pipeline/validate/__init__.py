"""Stage 2: validate. The programme's rules and cross-references, every problem in one run."""
