"""Presentation: pure figure, grid and component builders shared by pages/ and reports/."""
