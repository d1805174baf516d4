"""The example APIs: their packages are generated once per session from the spec files
beside this file (nothing else describes them), then imported like any installed package."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.examples.build import generate
from tests.floors import prebuilt

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def example_packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = prebuilt.folder("examples")  # the floor run has no generator
    if given is not None:
        out = given
    else:
        out = tmp_path_factory.mktemp("examples")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CODEGEN_CACHE_DIR", str(ROOT / ".cache" / "codegen"))
            generate(out)
    for folder in sorted(out.iterdir()):
        sys.path.insert(0, str(folder))
    yield out
    for folder in sorted(out.iterdir()):
        sys.path.remove(str(folder))


def package(name: str) -> ModuleType:
    return importlib.import_module(f"{name}_client")


@pytest.fixture
def github(example_packages: Path) -> ModuleType:
    return package("github_actions")


@pytest.fixture
def stripe(example_packages: Path) -> ModuleType:
    return package("stripe_charges")


@pytest.fixture
def slack(example_packages: Path) -> ModuleType:
    return package("slack_conversations")


@pytest.fixture
def drf(example_packages: Path) -> ModuleType:
    return package("drf_inventory")


@pytest.fixture
def intercom(example_packages: Path) -> ModuleType:
    return package("intercom")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)
