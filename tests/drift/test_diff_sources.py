"""Where ``codegen diff`` reads its two versions from: git revisions (``REV:PATH``), URLs (with
an injectable fetch, and a loopback server for the real one), and the OpenAPI config beside a
document, named with --config, or borrowed from the other side."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from codegen.drift import sources
from tests.drift.conftest import FIXTURES, Cli
from tests.drift.test_diff import BASEDASH_NEW, BASEDASH_OLD, FILES_2024, FILES_2026, table


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway repository: HEAD~1 has the 2024 Files.com spec and the old Basedash
    document with its config; HEAD has the 2026 spec and the new Basedash document (the
    config unchanged). The tests run inside it."""
    repo = tmp_path / "repo"
    (repo / "specs" / "files_com").mkdir(parents=True)
    (repo / "specs" / "basedash").mkdir(parents=True)
    git(repo, "init", "-q")
    shutil.copy(FILES_2024, repo / "specs" / "files_com" / "spec.yaml")
    shutil.copy(BASEDASH_OLD, repo / "specs" / "basedash" / "openapi.yaml")
    shutil.copy(
        FIXTURES / "basedash_old" / "codegen.yaml", repo / "specs" / "basedash" / "codegen.yaml"
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2024")
    shutil.copy(FILES_2026, repo / "specs" / "files_com" / "spec.yaml")
    shutil.copy(BASEDASH_NEW, repo / "specs" / "basedash" / "openapi.yaml")
    git(repo, "commit", "-q", "-am", "2026")
    monkeypatch.chdir(repo)
    return repo


def test_git_revisions_give_the_same_report_as_files(cli: Cli, repo: Path) -> None:
    _, expected = cli.json("diff", FILES_2024, FILES_2026)
    code, report = cli.json(
        "diff", "HEAD~1:specs/files_com/spec.yaml", "HEAD:specs/files_com/spec.yaml"
    )
    assert code == 1
    assert table(report) == table(expected)
    assert report["old"]["source"] == "HEAD~1:specs/files_com/spec.yaml"


def test_a_revision_against_the_working_tree(cli: Cli, repo: Path) -> None:
    code, report = cli.json("diff", "HEAD~1:specs/files_com/spec.yaml", "specs/files_com/spec.yaml")
    assert code == 1
    assert report["summary"]["breaking"] == 2


def test_an_openapi_document_at_a_revision_reads_its_config_there(cli: Cli, repo: Path) -> None:
    code, report = cli.json(
        "diff", "HEAD~1:specs/basedash/openapi.yaml", "specs/basedash/openapi.yaml"
    )
    assert code == 1
    assert report["old"]["config"] == "HEAD~1:specs/basedash/codegen.yaml"
    assert report["new"]["config"] == "specs/basedash/codegen.yaml"
    _, expected = cli.json("diff", BASEDASH_OLD, BASEDASH_NEW)
    assert table(report) == table(expected)


def test_a_revision_relative_to_the_current_folder(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "specs" / "files_com")
    code, report = cli.json("diff", "HEAD~1:./spec.yaml", "HEAD:./spec.yaml")
    assert code == 1
    assert report["summary"]["breaking"] == 2


@pytest.mark.parametrize(
    "name", ["HEAD~1:specs/files_com/nope.yaml", "no-such-revision:specs/files_com/spec.yaml"]
)
def test_a_missing_revision_or_path_is_bad_input(cli: Cli, repo: Path, name: str) -> None:
    code, out, err = cli("diff", name, "specs/files_com/spec.yaml")
    assert code == 2
    assert name in err and out == ""


def test_an_explicit_config_is_used_for_both_sides(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "codegen.yaml"
    text = (FIXTURES / "basedash_old" / "codegen.yaml").read_text(encoding="utf-8")
    config.write_text(text.replace("name: list", "name: list_runs"), encoding="utf-8")
    code, report = cli.json("diff", BASEDASH_OLD, BASEDASH_NEW, "--config", config)
    assert code == 1
    assert report["old"]["config"] == report["new"]["config"] == str(config)
    assert ("runs.list_runs → PublicAutomationRun.memberId", "field_removed") in table(report)


def test_config_entries_for_a_removed_operation_are_dropped_with_a_note(
    cli: Cli, tmp_path: Path
) -> None:
    # The configured operation moves to another path: the config's entry matches nothing.
    text = BASEDASH_OLD.read_text(encoding="utf-8")
    old_path = "/api/public/organizations/{orgId}/automations/{id}/runs:"
    (tmp_path / "moved").mkdir()
    newer = tmp_path / "moved" / "openapi.yaml"
    newer.write_text(text.replace(old_path, old_path[:-1] + "/v2:"), encoding="utf-8")
    code, out, _ = cli("diff", BASEDASH_OLD, newer)
    assert code == 1
    assert "  runs.list [operation]: operation removed" in out
    assert "  automations.list_runs [operation]: operation added" in out
    assert (
        "note: " in out
        and "entry 'GET /api/public/organizations/{orgId}/automations/{id}/runs' ignored" in out
    )


# --------------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------------

URL = "https://docs.example/basedash/openapi.yaml"


def test_new_may_be_a_url(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fake_fetch(url: str) -> str:
        fetched.append(url)
        return BASEDASH_NEW.read_text(encoding="utf-8")

    monkeypatch.setattr(sources, "fetch", fake_fetch)
    code, report = cli.json("diff", BASEDASH_OLD, URL)
    assert fetched == [URL]
    assert code == 1
    assert report["new"] == {
        "source": URL,
        "config": str(FIXTURES / "basedash_old" / "codegen.yaml"),
        "notes": [],
    }
    _, expected = cli.json("diff", BASEDASH_OLD, BASEDASH_NEW)
    assert table(report) == table(expected)


def test_the_real_fetch_against_a_loopback_server(
    cli: Cli, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/openapi.yaml").respond_with_data(
        BASEDASH_NEW.read_text(encoding="utf-8"), content_type="application/yaml"
    )
    httpserver.expect_request("/missing.yaml").respond_with_data("nope", status=404)
    monkeypatch.setattr(sources, "ALLOW_HTTP", True)
    code, report = cli.json("diff", BASEDASH_OLD, httpserver.url_for("/openapi.yaml"))
    assert code == 1
    assert report["summary"]["breaking"] == 6
    code, _, err = cli("diff", BASEDASH_OLD, httpserver.url_for("/missing.yaml"))
    assert code == 2
    assert "HTTP 404" in err


def test_plain_http_is_refused(cli: Cli, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/openapi.yaml").respond_with_data("openapi: 3.1.0")
    code, _, err = cli("diff", BASEDASH_OLD, httpserver.url_for("/openapi.yaml"))
    assert code == 2
    assert "only https:// URLs are fetched" in err
    assert len(httpserver.log) == 0


def test_a_download_larger_than_the_limit_is_bad_input(
    cli: Cli, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/openapi.yaml").respond_with_data(BASEDASH_NEW.read_text())
    monkeypatch.setattr(sources, "ALLOW_HTTP", True)
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 1000)
    code, _, err = cli("diff", BASEDASH_OLD, httpserver.url_for("/openapi.yaml"))
    assert code == 2
    assert "larger than 1000 bytes" in err


def test_a_revision_that_looks_like_an_option_is_refused(cli: Cli, repo: Path) -> None:
    code, _, err = cli("diff", "--", "--output=written:specs/files_com/spec.yaml", FILES_2026)
    assert code == 2
    assert "cannot start with '-'" in err
    assert not (repo / "written").exists()
