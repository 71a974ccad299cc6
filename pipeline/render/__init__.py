"""Stage 4: render. The school's programme as finished Markdown pages and navigation, as data."""
