"""Process chains and their steps: content types, pages, print and PDF, REST
serialization.
"""
