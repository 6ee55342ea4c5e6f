"""Reading articles: finding files, decoding bytes, reading each format, parsing and cleaning an
article, dates, the metadata side file, the load report and the Parquet store.
"""
