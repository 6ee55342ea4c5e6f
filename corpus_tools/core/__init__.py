"""Small private utilities every layer may use: the on-disk cache, progress bars, cores, argument
checks, package resources, deprecated argument spellings and shared parameter descriptions.
"""
