"""The PDFs a candidate sends: the livret 2 and the self-check result.

``fetcher`` and ``engine`` know nothing of Django (the render worker imports them);
``worker`` runs WeasyPrint in child processes under a time and a memory limit; ``render``
turns a print template into a PDF through that worker; ``views`` serves the PDFs with the
access check (``access``) and the per-user export limit (``limits``).
"""
