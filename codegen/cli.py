"""The ``codegen`` command line. Exit status: 0 all good, 1 drift found, 2 bad input or usage."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from codegen import __version__
from codegen.errors import SpecError, UsageError

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _print_warnings(warnings: Sequence[object]) -> None:
    for warning in warnings:
        print(warning, file=sys.stderr)


def _emit(text: str) -> None:
    """Print a report. A reader that goes away (`codegen diff ... | head`) ends the output,
    not the command: the exit status still says what the report found."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more reaches the closed pipe
        os.close(devnull)


def cmd_generate(args: argparse.Namespace) -> int:
    from codegen import pipeline
    from codegen.render.writer import write_all

    out = Path(args.out)
    if args.spec:
        package = pipeline.build_one(args.spec, args.config, args.name, strict=args.strict)
        packages = [package]
    else:
        if args.config or args.name:
            raise UsageError("--config and --name go with --spec")
        packages = pipeline.build(args.specs, tuple(args.vendors), strict=args.strict)
    for package in packages:
        _print_warnings(package.warnings)
    report = write_all(out, {p.vendor_id: p.files for p in packages})
    for vendor in report.written:
        print(f"wrote {out / vendor}")
    for vendor in report.unchanged:
        print(f"unchanged {out / vendor}")
    for name in report.kept:
        print(f"kept {out / name} (not written by the generator)", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from codegen import pipeline
    from codegen.drift.check import PackageDrift, compare, orphans, report_json, report_text
    from codegen.normalize import spec_files

    out = Path(args.out)
    errors: dict[str, list[str]] = {}
    try:
        packages = pipeline.build(args.specs, tuple(args.vendors))
    except SpecError as exc:
        # One spec that does not load must not hide how the others stand: check each alone.
        if not os.path.isdir(args.specs) or any(
            not os.path.isdir(os.path.join(args.specs, name)) for name in args.vendors
        ):
            raise
        names = list(args.vendors) or [
            os.path.basename(folder)
            for folder in pipeline.vendor_folders(args.specs)
            if _has_spec(spec_files, folder)
        ]
        packages = []
        for name in names:
            try:
                packages += pipeline.build(args.specs, (name,))
            except SpecError as one:
                errors[name] = [str(d) for d in one.diagnostics]
        if not errors:  # only the vendors together are wrong (a vendor id used twice)
            raise exc from None
    drifts = [compare(p, out) for p in packages]
    drifts += [PackageDrift(name, errors=found) for name, found in errors.items()]
    drifts.sort(key=lambda d: d.vendor)
    if not args.vendors:
        drifts += orphans(out, {p.vendor_id for p in packages} | set(errors))
    _emit(report_json(drifts) if args.format == "json" else report_text(drifts))
    if errors:
        found = [error for vendor in sorted(errors) for error in errors[vendor]]
        for error in found:
            print(error, file=sys.stderr)
        count = len(found)
        print(f"codegen: {count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK if all(d.clean for d in drifts) else EXIT_DRIFT


def _has_spec(spec_files: Callable[[str], object], folder: str) -> bool:
    try:
        spec_files(folder)
    except SpecError:
        return False
    return True


def cmd_diff(args: argparse.Namespace) -> int:
    from codegen.drift.diff import compare_apis
    from codegen.drift.diff_report import fails, report_json, report_text
    from codegen.drift.sources import read_pair

    old, new = read_pair(args.old, args.new, args.config)
    changes = compare_apis(old.api, new.api, args.scope)
    report = report_json if args.format == "json" else report_text
    _emit(report(old, new, changes, args.fail_on))
    return EXIT_DRIFT if fails(changes, args.fail_on) else EXIT_OK


def cmd_verify_responses(args: argparse.Namespace) -> int:
    from codegen.drift.payloads import report_json, report_text, verify_files
    from codegen.drift.reading import GeneratedPackage
    from codegen.drift.verify import find_operation, operation_names, resource_of
    from codegen.normalize import load_vendor

    folder = args.vendor if os.path.isdir(args.vendor) else os.path.join(args.specs, args.vendor)
    if not os.path.isdir(folder):
        raise UsageError(f"no vendor folder {args.vendor!r} under {args.specs}")
    api = load_vendor(folder).api
    op = find_operation(api, args.operation)
    if op is None:
        known = ", ".join(operation_names(api))
        raise UsageError(f"{api.vendor_id} has no operation {args.operation!r} (known: {known})")
    if op.response.media != "json":
        raise UsageError(
            f"{api.vendor_id} {args.operation} returns {op.response.media}, not JSON: "
            "there is no model to check a payload against"
        )
    generated = args.generated or os.path.join(os.path.dirname(os.path.abspath(args.specs)), "generated")
    package = GeneratedPackage(Path(generated) / api.vendor_id, api)
    results = verify_files(api, op, args.paths, package, resource_of(api, op))
    label = f"{api.vendor_id} {args.operation}"
    _emit(report_json(label, results) if args.format == "json" else report_text(label, results))
    return EXIT_OK if all(r.clean for r in results) else EXIT_DRIFT


def cmd_conform(args: argparse.Namespace) -> int:
    from codegen.drift.conform import conform
    from codegen.drift.conform_report import fails, report_json, report_text
    from codegen.drift.sources import Version, locate, read_version
    from codegen.normalize import load_vendor

    folder = args.vendor if os.path.isdir(args.vendor) else os.path.join(args.specs, args.vendor)
    if not os.path.isdir(folder):
        raise UsageError(f"no vendor folder {args.vendor!r} under {args.specs}")
    loaded = load_vendor(folder)
    ours = Version(loaded.inputs[0], None, loaded.api)
    published = read_version(locate(args.published), None, loaded.api.vendor_id)
    api, operations = conform(ours.api, published.api)
    if args.format == "json":
        _emit(report_json(ours, published, api, operations, args.fail_on))
    else:
        _emit(report_text(ours.source, published, api, operations, args.fail_on))
    return EXIT_DRIFT if fails(api, operations, args.fail_on) else EXIT_OK


def _subcommand(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    summary: str,
    example: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog="example:\n" + textwrap.indent(example.strip(), "  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog="codegen",
        description="Turn vendor API specs into typed Python client packages.",
        epilog="exit status: 0 all good, 1 drift or breaking change found, 2 bad input or usage",
    )
    root.add_argument("--version", action="version", version=f"codegen {__version__}")
    sub = root.add_subparsers(dest="command", required=True, parser_class=_Parser)

    gen = _subcommand(
        sub,
        "generate",
        "Regenerate client packages from specs/ (or one document with --spec).",
        """
codegen generate                          # every vendor under specs/ into generated/
codegen generate fabro kognitos           # only these vendors
codegen generate --spec petstore.yaml --out build/ --name petstore
""",
        cmd_generate,
    )
    gen.add_argument("vendors", nargs="*", help="vendor folders under --specs (default: all)")
    gen.add_argument("--specs", default="specs", help="folder of vendor spec folders")
    gen.add_argument("--out", default="generated", help="folder to write packages into")
    gen.add_argument("--spec", help="generate from this one OpenAPI or vendor spec file")
    gen.add_argument("--config", help="with --spec: the codegen.yaml of an OpenAPI document")
    gen.add_argument("--name", help="with --spec: the vendor id (default: from the document)")
    gen.add_argument("--strict", action="store_true", help="treat warnings as errors")

    check = _subcommand(
        sub,
        "check",
        "Check that generated/ is exactly what the generator produces now (never writes).",
        """
codegen check
codegen check files_com --format json
""",
        cmd_check,
    )
    check.add_argument("vendors", nargs="*", help="vendor folders under --specs (default: all)")
    check.add_argument("--specs", default="specs", help="folder of vendor spec folders")
    check.add_argument("--out", default="generated", help="folder of generated packages")
    check.add_argument("--format", choices=("text", "json"), default="text")

    diff = _subcommand(
        sub,
        "diff",
        "Compare two versions of a vendor spec; classify each change for client users.",
        """
codegen diff HEAD~1:specs/files_com/spec.yaml specs/files_com/spec.yaml
codegen diff specs/basedash/openapi.yaml https://charts.basedash.com/api/public/openapi --scope old
codegen diff old/openapi.yaml new/openapi.yaml --config specs/basedash/codegen.yaml --format json
""",
        cmd_diff,
    )
    diff.add_argument("old", help="the older version: a path, REV:PATH (git) or https:// URL")
    diff.add_argument("new", help="the newer version: a path, REV:PATH (git) or https:// URL")
    diff.add_argument(
        "--config",
        help="the codegen.yaml of an OpenAPI document, for both sides (path or REV:PATH); "
        "default: the one beside each document",
    )
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "any", "none"),
        default="breaking",
        help="exit 1 on a breaking change (default), on any change, or never",
    )
    diff.add_argument(
        "--scope",
        choices=("all", "old", "new"),
        default="all",
        help="compare every operation (default), or only those OLD (or NEW) has: "
        "`--scope old` for our copy of part of a vendor's document against the whole of it",
    )
    diff.add_argument("--format", choices=("text", "json"), default="text")

    conform = _subcommand(
        sub,
        "conform",
        "Compare our hand-written spec of a vendor with the OpenAPI document it publishes.",
        """
codegen conform kognitos https://raw.githubusercontent.com/kognitos/openapi/main/latest/openapi.yaml
codegen conform fabro vendor/fabro-api.yaml --format json
""",
        cmd_conform,
    )
    conform.add_argument("vendor", help="a vendor folder under --specs, or the path of one")
    conform.add_argument(
        "published", help="the vendor's OpenAPI document: a path, REV:PATH (git) or https:// URL"
    )
    conform.add_argument("--specs", default="specs", help="folder of vendor spec folders")
    conform.add_argument(
        "--fail-on",
        choices=("breaking", "any", "none"),
        default="breaking",
        help="exit 1 when the vendor may reject a call of ours or we may misread a response "
        "(default), on any difference, or never",
    )
    conform.add_argument("--format", choices=("text", "json"), default="text")

    verify = _subcommand(
        sub,
        "verify-responses",
        "Check recorded JSON responses against an operation's response model.",
        """
codegen verify-responses files_com runs.list recorded/list_runs.json
codegen verify-responses kognitos list_run_events recorded/events/ --format json
""",
        cmd_verify_responses,
    )
    verify.add_argument("vendor", help="a vendor folder under --specs, or the path of one")
    verify.add_argument("operation", help="the operation: runs.list, or its id list_runs")
    verify.add_argument(
        "paths", nargs="+", metavar="PATH", help="JSON files, or folders of *.json files"
    )
    verify.add_argument("--specs", default="specs", help="folder of vendor spec folders")
    verify.add_argument(
        "--generated",
        help="folder of generated packages whose client reads the payloads "
        "(default: generated/ beside --specs)",
    )
    verify.add_argument("--format", choices=("text", "json"), default="text")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        # Only `generate` writes; the other commands never do, so they do not say so.
        tail = "; nothing was written" if args.command == "generate" else ""
        print(f"codegen: {count} error{'s' if count != 1 else ''}{tail}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
