"""Analyses of the articles and tokens tables: term counts, keyness, keyword in context, sentiment,
timelines, text statistics and filters.
"""
