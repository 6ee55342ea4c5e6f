"""What a person sees: plotly charts, escaped HTML views (``show_*``), ipywidgets explorers, classroom
widgets and notebook set-up.
"""
