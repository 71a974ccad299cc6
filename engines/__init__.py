"""The engines that turn the pipeline's finished pages into a static site: MkDocs today, Zensical proven."""
