"""Small helpers shared by tests and the bench (no test framework imports)."""

from home.referentials.models import Cqp, ReferentialVersion


def version(slug: str) -> ReferentialVersion:
    return Cqp.objects.select_related("current").get(slug=slug).current
