"""Parsing, package loading, build contexts and the semantic index."""
