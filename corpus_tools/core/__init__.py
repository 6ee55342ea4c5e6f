"""Small private utilities every layer may use: the on-disk cache, progress bars, cores, argument checks and package resources."""
