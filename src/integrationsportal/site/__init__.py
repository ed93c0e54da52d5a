"""The site: its creation from an answer file, install and uninstall handlers,
the control panel, demo content and static resources.
"""
