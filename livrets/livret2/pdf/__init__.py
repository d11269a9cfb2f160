"""The livret 2's PDF: what it shows (``content``), who may download it (``access``), the
download view (``views``). The rendering machinery is the portal's (``portal.pdf``)."""
