"""Timings and memory of the reader, run by `make bench`; never part of the test suite."""
