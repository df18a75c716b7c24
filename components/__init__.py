"""Reusable Streamlit pieces: the only code besides pages/ that imports streamlit."""
