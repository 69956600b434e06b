"""Vietnamese text of the demo documents, one module per topic.

``outline`` holds the parsers and shapes every module shares, ``legal`` the skeleton of a
legal draft's file; the other modules hold the prose of one topic each. Everything here
is pure: the same year (or month) gives the same text.
"""
