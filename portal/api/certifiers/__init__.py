"""The certifiers' interoperability API (``/api/certificateurs/v1/``): a certifier's own
system lists the candidatures deposited for its CQPs, reads one and posts the recevabilité
decision, with a token issued by a portal administrator (``livrets.desk.tokens``).

Same framework and error style as the public API (``portal.api.http``): django-ninja, French
JSON errors by JSON path, its own OpenAPI document. The operations only call the desk's
selectors and services, which the desk's pages call too.
"""
