"""The MkDocs + Material adapter: hooks, the speed layer and the preview. Only this package knows MkDocs."""
