"""Thin route modules: parse parameters, call one feature function, render. One module per feature."""
