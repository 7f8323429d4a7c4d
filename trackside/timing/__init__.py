"""Adapters that turn the outside world (decoders, files, registration exports) into facts."""
