"""Real published OpenAPI documents in, working clients out (``docs/COMPATIBILITY.md``).

Every document under ``documents/`` (``README.md`` says where each comes from and how it was
trimmed) is read and rendered as ``codegen generate --spec`` does, and every module compiled as
it does before writing; black does not format them for those tests (formatting changes no
meaning and, with a cold cache, costs many times the rest; ``tests/hardening`` runs the whole
command), but every package goes through black once, in ``CODEGEN_FORMAT=verify``, to prove
that what the generator takes as laid out is black's layout.
Every module of every package is imported, in one interpreter, and a subset that covers the
constructs passes ``mypy --strict``, in one invocation. Then each document is checked for the
construct it is in the corpus for, in the names a user will see.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen import ir
from codegen.naming import snake_case
from codegen.normalize import load_files
from codegen.pipeline import check_compiles
from codegen.render.formatting import Formatter, LayoutMismatch, unmarked
from codegen.render.renderer import iter_files

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = Path(__file__).resolve().parent / "documents"
NAMES = sorted(p.name for p in DOCUMENTS.iterdir() if p.suffix in (".yaml", ".json"))
# The packages type-checked: collisions and unions (Stripe), tags declared in allOf (OpenAI),
# a self-referring union alias and enum names (Mistral), unions in cycles (Figma), array and
# symbol-named parameters (Twilio), and openapi-python-client's catalogue of constructs.
TYPE_CHECKED = (
    "stripe-payment-intents.yaml",
    "openai.yaml",
    "mistral.yaml",
    "figma.yaml",
    "twilio-api-v2010.json",
    "openapi-python-client-baseline-3.1.yaml",
)


@dataclass(frozen=True)
class Generated:
    api: ir.Api
    warnings: tuple[str, ...]
    folder: Path  # holds the import package
    package: str
    rendered: dict[str, str]  # as the templates print it, before formatting


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    out = tmp_path_factory.mktemp("corpus")
    generated = {}
    for name in NAMES:
        loaded = load_files((str(DOCUMENTS / name),), name=snake_case(Path(name).stem))
        rendered = dict(iter_files(loaded.api))
        files = {path: unmarked(text) if path.endswith(".py") else text for path, text in rendered.items()}
        check_compiles(loaded, files.items())
        folder = out / loaded.api.vendor_id
        for path, text in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
        warnings = tuple(str(w) for w in loaded.warnings)
        generated[name] = Generated(loaded.api, warnings, folder, loaded.api.package, rendered)
    return generated


def test_the_corpus_has_documents_of_many_vendors() -> None:
    vendors = {name.split("-")[0].split(".")[0] for name in NAMES}
    assert len(vendors) >= 17, vendors


def test_every_document_generates_a_package(corpus: dict[str, Generated]) -> None:
    assert sorted(corpus) == NAMES
    for name, generated in corpus.items():
        assert generated.api.operations(), name


def test_every_module_of_every_package_imports(corpus: dict[str, Generated]) -> None:
    modules = []
    for generated in corpus.values():
        root = generated.folder / generated.package
        modules += [
            ".".join(p.relative_to(generated.folder).with_suffix("").parts).removesuffix(".__init__")
            for p in sorted(root.rglob("*.py"))
        ]
    path = os.pathsep.join(str(g.folder) for g in corpus.values())
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run(
        [sys.executable, "-c", script, *modules],
        env={**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(modules) > 20 * len(corpus) / 2


def test_every_package_is_laid_out_as_black_lays_it_out(
    corpus: dict[str, Generated], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``CODEGEN_FORMAT=layout`` (the default) writes without black is what black writes,
    on every document: black formats every piece and each one taken as laid out is compared
    (:class:`LayoutMismatch` names the file and line). Most pieces of most packages never
    reach black in a real run, so this is what keeps "the output is black's" true for them."""
    monkeypatch.setenv("CODEGEN_CACHE_DIR", "")
    mismatched = {}
    with Formatter(format_policy="verify") as formatter:
        for name, generated in corpus.items():
            try:
                formatter.format_files(generated.rendered)
            except LayoutMismatch as exc:
                mismatched[name] = str(exc)
    assert not mismatched, mismatched


def test_a_representative_subset_passes_mypy_strict(corpus: dict[str, Generated]) -> None:
    packages = [corpus[name] for name in TYPE_CHECKED]
    args = [arg for g in packages for arg in ("-p", g.package)]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, *args],
        env={**os.environ, "MYPYPATH": os.pathsep.join(str(g.folder) for g in packages)},
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


# -- what each document is in the corpus for ---------------------------------------------------


def _operation(generated: Generated, method: str, path: str) -> ir.Operation:
    return next(op for op in generated.api.operations() if op.method == method and op.path == path)


def _params(operation: ir.Operation) -> dict[tuple[str, str], str]:
    return {(p.wire_name, p.location): p.py_name for p in operation.params}


def test_stripe_an_inline_union_named_like_a_component(corpus: dict[str, Generated]) -> None:
    api = corpus["stripe-payment-intents.yaml"].api
    assert isinstance(api.schema("PaymentIntentPaymentMethodOptionsAcssDebit"), ir.ObjectSchema)
    union = api.schema("PaymentIntentPaymentMethodOptionsAcssDebit2")
    assert union.origin == "components.schemas.payment_intent_payment_method_options.properties.acss_debit"


def test_clerk_and_twilio_parameters_that_snake_case_alike(corpus: dict[str, Generated]) -> None:
    interstitial = _operation(corpus["clerk-backend.yaml"], "GET", "/public/interstitial")
    assert _params(interstitial)[("frontendApi", "query")] == "frontend_api_2"
    assert _params(interstitial)[("frontend_api", "query")] == "frontend_api"
    calls = _operation(corpus["twilio-api-v2010.json"], "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json")
    names = _params(calls)
    assert [names[(w, "query")] for w in ("StartTime", "StartTime<", "StartTime>")] == [
        "start_time", "start_time_lt", "start_time_gt"
    ]


def test_openapi_python_client_one_name_in_three_locations(corpus: dict[str, Generated]) -> None:
    generated = corpus["openapi-python-client-baseline-3.1.yaml"]
    (operation,) = [op for op in generated.api.operations() if op.path.startswith("/same-name-multiple-locations")]
    assert sorted(_params(operation).items()) == [
        (("param", "header"), "param_header"), (("param", "path"), "param"), (("param", "query"), "param_query")
    ]


def test_mistral_enum_values_alike_and_a_yaml_12_number(corpus: dict[str, Generated]) -> None:
    api = corpus["mistral.yaml"].api
    order = next(s for s in api.schemas if isinstance(s, ir.EnumSchema) and s.name.endswith("OrderBy"))
    assert [(m.value, m.py_name) for m in order.members] == [("created", "CREATED"), ("-created", "MINUS_CREATED")]
    params = api.schema("ClassifierTrainingParameters")
    assert isinstance(params, ir.ObjectSchema)
    learning_rate = next(f for f in params.fields if f.wire_name == "learning_rate")
    assert learning_rate.constraints.minimum == 1e-08  # YAML 1.1 read `1e-08` as a string


def test_fabro_off_is_an_enum_value_not_false(corpus: dict[str, Generated]) -> None:
    tls = corpus["fabro-run-api.yaml"].api.schema("TlsMode")
    assert isinstance(tls, ir.EnumSchema)
    assert [(m.value, m.py_name) for m in tls.members] == [("verify", "VERIFY"), ("no_verify", "NO_VERIFY"), ("off", "OFF")]


def test_openai_a_discriminator_declared_in_allof_members(corpus: dict[str, Generated]) -> None:
    events = corpus["openai.yaml"].api.schema("ResponsesServerEvent")
    assert isinstance(events, ir.UnionSchema) and events.discriminator == "property"
    assert len(events.variants) > 50
    assert events.variants[0].tag == "response.audio.delta"


def test_sentry_properties_alike(corpus: dict[str, Generated]) -> None:
    roles = corpus["sentry.json"].api.schema("GetOrganizationMemberResponseOrgRoleListItem")
    assert isinstance(roles, ir.ObjectSchema)
    assert {f.wire_name: f.py_name for f in roles.fields if "lobal" in f.wire_name} == {
        "is_global": "is_global", "isGlobal": "is_global_2"
    }


def test_resend_methods_read_like_a_hand_written_sdk(corpus: dict[str, Generated]) -> None:
    resources = {r.py_name: [op.py_name for op in r.operations] for r in corpus["resend.yaml"].api.resources}
    assert resources["emails"][:4] == ["send", "list", "get", "update"]
    assert resources["domains"][:3] == ["create", "list", "get"]


def test_intercom_a_path_parameter_the_document_forgot(corpus: dict[str, Generated]) -> None:
    export = _operation(corpus["intercom-2.15.yaml"], "GET", "/export/reporting_data/{job_identifier}")
    params = _params(export)
    assert params[("job_identifier", "path")] == "job_identifier"
    assert params[("job_identifier", "query")] == "job_identifier_query"
    assert any("declares no parameter 'job_identifier'" in w for w in corpus["intercom-2.15.yaml"].warnings)


def test_discord_an_empty_enum_beside_an_allof_reads_the_allof(corpus: dict[str, Generated]) -> None:
    # openapi-pydantic refuses `enum: []`; the statuses the allOf names are what is sent.
    requests = _operation(corpus["discord.json"], "GET", "/guilds/{guild_id}/requests")
    status = next(p for p in requests.params if p.wire_name == "status").type
    assert status.kind == "union"
    assert [v.literal for v in status.variants] == ["STARTED", "SUBMITTED", "REJECTED", "APPROVED"]


def _benchmarked() -> list[str]:
    """The corpus documents ``make bench`` times: ``DOCUMENTS`` in ``bench/run.py``."""
    module = ast.parse((ROOT / "bench" / "run.py").read_text(encoding="utf-8"))
    for node in module.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["DOCUMENTS"]:
            return [name for _, name in ast.literal_eval(node.value)]
    raise AssertionError("bench/run.py has no DOCUMENTS")


def test_no_piece_of_a_benchmarked_document_needs_black(
    corpus: dict[str, Generated], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents ``make bench`` times are laid out by construction, every piece: a cold run
    on them never starts black (or forks its workers)."""
    monkeypatch.setenv("CODEGEN_CACHE_DIR", "")
    names = _benchmarked()
    assert len(names) >= 3
    needing = {}
    for name in names:
        with Formatter(workers=0, format_policy="layout") as formatter:
            formatter.format_files(corpus[name].rendered)
        if formatter.pieces_formatted:
            needing[name] = formatter.pieces_formatted
    assert not needing, needing
