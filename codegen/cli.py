"""The ``codegen`` command line. Exit status: 0 all good, 1 drift found, 2 bad input or usage."""

from __future__ import annotations

import argparse
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
    from codegen.drift.check import compare, report_json, report_text

    packages = pipeline.build(args.specs, tuple(args.vendors))
    drifts = [compare(p, Path(args.out)) for p in packages]
    print(report_json(drifts) if args.format == "json" else report_text(drifts))
    return EXIT_OK if all(d.clean for d in drifts) else EXIT_DRIFT


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
codegen check --format json
""",
        cmd_check,
    )
    check.add_argument("vendors", nargs="*", help="vendor folders under --specs (default: all)")
    check.add_argument("--specs", default="specs")
    check.add_argument("--out", default="generated")
    check.add_argument("--format", choices=("text", "json"), default="text")
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
        print(f"codegen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
