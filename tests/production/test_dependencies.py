"""No dependency of the lock (or of this environment) older than a known-vulnerable version."""

from packaging.version import Version

from portal import dependencies


def test_no_locked_or_installed_dependency_is_known_vulnerable():
    advisories = dependencies.parse_advisories(dependencies.ADVISORIES.read_text())
    assert len(advisories) >= 10
    lock = dependencies.parse_lock(dependencies.LOCK.read_text())
    assert "django" in lock and "wagtail" in lock
    assert dependencies.vulnerable(lock, advisories) == []
    assert dependencies.vulnerable(dependencies.installed(), advisories) == []


def test_an_older_version_is_reported():
    advisories = dependencies.parse_advisories("Django < 6.2  # imaginary advisory\n")
    lock = dependencies.parse_lock("# header\nDjango==6.1.3\nwagtail==8.0.1\n")
    assert dependencies.vulnerable(lock, advisories) == [
        "django 6.1.3 is older than 6.2 (imaginary advisory)"
    ]
    assert dependencies.vulnerable({"django": Version("6.2")}, advisories) == []


def test_a_malformed_line_is_refused():
    import pytest

    with pytest.raises(ValueError, match="known-vulnerable.txt:2"):
        dependencies.parse_advisories("# ok\ndjango <= 6\n")
