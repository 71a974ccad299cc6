"""The safety net for writers and schools, engine-free like the rest of the pipeline:

- personal_data.py: personal data that must never be published (errors) and likely pupils' names (warnings);
- stale_examples.py: a school's examples whose national section has changed since they were reviewed;
- style.py: the house style (spelling, sentence length, words to avoid), as `check.py --style` checks it.

Nothing here sends anything anywhere: every check runs on this machine, on the files as they are.
"""
