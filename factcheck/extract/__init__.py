"""Extraction of the values facts are about: numbers, dates, durations, places, names."""
