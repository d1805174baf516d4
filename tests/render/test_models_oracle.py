"""Our Basedash models against datamodel-code-generator's reading of the same document.

An independent implementation must agree with ours on which wire fields every component
schema has, and which of them are required.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> object:
    dcg = pytest.importorskip("datamodel_code_generator")
    out = tmp_path_factory.mktemp("oracle") / "oracle_models.py"
    dcg.generate(
        input_=ROOT / "specs/basedash/openapi.yaml",
        input_file_type=dcg.InputFileType.OpenAPI,
        output=out,
        output_model_type=dcg.DataModelType.PydanticV2BaseModel,
        disable_timestamp=True,
    )
    spec = importlib.util.spec_from_file_location("oracle_models", out)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["oracle_models"] = module
    spec.loader.exec_module(module)
    return module


def _fields(model: type) -> dict[str, bool]:
    return {
        (info.alias or info.validation_alias or name): info.is_required()
        for name, info in model.model_fields.items()  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize(
    "name",
    [
        "PublicAutomationRun",
        "PublicAutomationRunListResponse",
        "PaginationMeta",
        "ErrorResponse",
        "ApiError",
        "RateLimitErrorResponse",
        "RateLimitError",
    ],
)
def test_basedash_model_fields_agree_with_an_independent_generator(oracle: object, name: str) -> None:
    from basedash_client import models

    # Our RateLimitError model is RateLimitErrorBody: the exception has the name.
    ours = _fields(getattr(models, name + "Body" if name == "RateLimitError" else name))
    theirs = _fields(getattr(oracle, name))
    assert ours == theirs
