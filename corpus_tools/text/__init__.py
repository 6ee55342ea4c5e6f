"""Text primitives: the one sentence splitter and tokenizer, token patterns, abbreviations, stop words,
and detectors of odd characters and punctuation.
"""
