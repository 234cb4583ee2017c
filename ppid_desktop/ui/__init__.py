"""The Qt wing: the only package (with app.py) that imports PySide6."""
