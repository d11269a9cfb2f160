import pytest
from pathlib import Path
from tests.support.every_pdf import CQPS, KINDS, make

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

@pytest.mark.parametrize("slug", CQPS)
@pytest.mark.parametrize("kind", KINDS)
def test_dump(referentials, kind, slug):
    out = Path("/tmp/pdfua25"); out.mkdir(exist_ok=True)
    (out / f"{kind}-{slug}.pdf").write_bytes(make(kind, slug))
