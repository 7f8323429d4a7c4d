"""The live page's script and stylesheet (package data, served under /static)."""
