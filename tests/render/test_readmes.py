"""The examples of each package README's "Testing your code" section run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GENERATED = Path(__file__).resolve().parent.parent.parent / "generated"
VENDORS = sorted(p.name for p in GENERATED.iterdir() if (p / "README.md").is_file())


def _section_examples(readme: str, title: str) -> list[str]:
    section = readme.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_testing_examples_of_each_readme_run(vendor: str) -> None:
    examples = _section_examples((GENERATED / vendor / "README.md").read_text(), "Testing your code")
    assert len(examples) == 2
    for example in examples:
        exec(compile(example, f"{vendor}/README.md", "exec"), {"__name__": "readme_example"})
