import pytest


@pytest.fixture
def directory_index(db):
    from directory.services import site_structure_ensure

    return site_structure_ensure()
