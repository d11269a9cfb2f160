"""The pages a French public portal owes its users, linked from every page's footer.

« Déclaration d'accessibilité », « Plan du site », « Mentions légales », « Données
personnelles »: Wagtail pages editors write, at fixed addresses (the footer links to them
without a query), with what the portal knows itself (retention periods, limits, the checks
CI runs, the public pages) rendered from the code and the settings, never typed again.
"""
