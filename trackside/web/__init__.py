"""The web server: live timing, results pages and their JSON twins (FastAPI)."""
