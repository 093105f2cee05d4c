"""Everything that imports QtWidgets lives in this package."""
