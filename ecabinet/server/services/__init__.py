"""The service layer: every query and every rule of the server lives here.

Functions take the session and the acting user as keyword arguments; routes stay thin.
"""
