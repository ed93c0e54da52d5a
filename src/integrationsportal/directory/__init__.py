"""Who helps: organisations and contact persons, their pages, vCards and QR
codes.
"""
