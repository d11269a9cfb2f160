"""The public JSON API (``/api/v1/``), in one place: the CQPs and their referentials, the
eligibility check of the self-check, the jury's mastery rule.

django-ninja routes each operation and writes the OpenAPI document from the typed schemas of
``schemas``; the rules stay pure functions of the apps (``selfcheck.payload``,
``selfcheck.eligibility``, ``livrets.jury``), which these routers only call.
"""
