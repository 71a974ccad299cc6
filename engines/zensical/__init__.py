"""The second engine: Zensical builds the same sites from the pipeline's finished pages and a generated
config. CI builds every sample site with it and compares it page by page with the MkDocs build."""
