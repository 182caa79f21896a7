from tests.hsds.conftest import directory_data  # noqa: F401 (the published test directory)
