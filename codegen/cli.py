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
    from codegen.drift.check import compare, orphans, report_json, report_text

    out = Path(args.out)
    packages = pipeline.build(args.specs, tuple(args.vendors))
    drifts = [compare(p, out) for p in packages]
    if not args.vendors:
        drifts += orphans(out, {p.vendor_id for p in packages})
    print(report_json(drifts) if args.format == "json" else report_text(drifts))
    return EXIT_OK if all(d.clean for d in drifts) else EXIT_DRIFT


def cmd_diff(args: argparse.Namespace) -> int:
    from codegen.drift.diff import compare_apis
    from codegen.drift.diff_report import fails, report_json, report_text
    from codegen.drift.sources import read_pair

    old, new = read_pair(args.old, args.new, args.config)
    changes = compare_apis(old.api, new.api)
    report = report_json if args.format == "json" else report_text
    print(report(old, new, changes, args.fail_on))
    return EXIT_DRIFT if fails(changes, args.fail_on) else EXIT_OK


def cmd_verify_responses(args: argparse.Namespace) -> int:
    from codegen.drift.payloads import report_json, report_text, verify_files
    from codegen.drift.verify import find_operation, operation_names
    from codegen.normalize import load_vendor

    folder = args.vendor if os.path.isdir(args.vendor) else os.path.join(args.specs, args.vendor)
    if not os.path.isdir(folder):
        raise UsageError(f"no vendor folder {args.vendor!r} under {args.specs}")
    api = load_vendor(folder).api
    op = find_operation(api, args.operation)
    if op is None:
        known = ", ".join(operation_names(api))
        raise UsageError(f"{api.vendor_id} has no operation {args.operation!r} (known: {known})")
    results = verify_files(api, op, args.paths)
    label = f"{api.vendor_id} {args.operation}"
    print(report_json(label, results) if args.format == "json" else report_text(label, results))
    return EXIT_OK if all(r.clean for r in results) else EXIT_DRIFT


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
codegen diff specs/basedash/openapi.yaml https://charts.basedash.com/api/public/openapi
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
    diff.add_argument("--format", choices=("text", "json"), default="text")

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
        count = len(exc.errors)
        print(f"codegen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
