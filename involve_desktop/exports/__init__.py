"""PDF documents, with reportlab only: data in, PDF out. No Qt, no database (STYLE.md).

reportlab is imported inside the functions that draw, so starting the app never pays for it.
"""
