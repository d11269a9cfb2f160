"""The portal's PDF machinery, shared by the livret 2 and the self-check result.

``fetcher`` and ``engine`` know nothing of Django (the render worker imports them);
``worker`` runs WeasyPrint in child processes under a time and a memory limit; ``render``
turns a print template into a PDF through that worker; ``response`` answers a PDF download
under the per-user export limit (``limits``), or a message in French. What a document shows
belongs to its app (``livrets.livret2.pdf``, ``selfcheck.pdf``).
"""
