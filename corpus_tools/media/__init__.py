"""The media-literacy lens: quotes and speakers, quote variants, framing words, shared text, warning signs."""
