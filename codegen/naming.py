"""Python names built in one place: sanitize → case → reserved words.

``snake_case`` and ``pascal_case`` turn wire names into Python names; the ``*_name`` helpers
check the result and raise :class:`NameProblem` with a reason when no safe name exists.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Names a generated module defines or imports at top level; a schema may not take them.
RESERVED_CLASS_NAMES = frozenset(
    {
        "ApiModel",
        "StrInt",
        "UNKNOWN",
        "by_property",
        "by_present_key",
        "Any",
        "Annotated",
        "BaseModel",
        "ConfigDict",
        "Field",
        "Literal",
        "Model",
        "OpenEnum",
        "Union",
        "UnknownVariant",
        "Discriminator",
        "Tag",
        "TypeAlias",
    }
)
_BUILTIN_NAMES = frozenset(dir(builtins))

# The exceptions every package exports: a model of the same name would read as one
# (``except models.RateLimitError`` catches nothing).
EXCEPTION_NAMES = frozenset(
    {
        "APIError",
        "APIConnectionError",
        "APITimeoutError",
        "APIResponseValidationError",
        "APIResponseTooLargeError",
        "APIStatusError",
        "PaginationError",
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "ConflictError",
        "UnprocessableEntityError",
        "RateLimitError",
        "InternalServerError",
    }
)

# Attribute names a model may not take: pydantic's own, and the names generated annotations
# use (a field called ``list`` would hide ``list[...]`` from the fields after it).
_SHADOWING = frozenset(
    {
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "copy",
        "dict",
        "json",
        "schema",
        "schema_json",
        "construct",
        "validate",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "bytes",
        "dt",
        "builtins",
    }
)


# Attributes of the generated clients and resource classes a resource or method may not hide.
RESERVED_RESOURCE_NAMES = frozenset(
    {
        "base_url",
        "timeout",
        "max_retries",
        "strict",
        "max_response_size",
        "close",
        "send",
        "request",
        "get_page",
        "with_options",
    }
)
RESERVED_METHOD_NAMES = frozenset({"with_raw_response"})


class NameProblem(ValueError):
    """No safe Python name can be made from a spec name."""


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(text)


# Characters that tell apart wire names which are otherwise spelled alike (`StartTime<` and
# `StartTime>`, `Etc/GMT+0` and `Etc/GMT-0`, `created` and `-created`).
_SYMBOL_WORDS = {
    "+": "plus",
    "-": "minus",
    "<": "lt",
    ">": "gt",
    "=": "eq",
    "!": "not",
    "*": "star",
    "~": "tilde",
    "@": "at",
    "#": "hash",
    "$": "dollar",
    "%": "percent",
    "&": "and",
    "|": "or",
    "?": "q",
    "^": "caret",
}


def spelled(text: str) -> str:
    """``text`` with the symbols that :func:`snake_case` drops spelled out as words
    (``StartTime<`` → ``StartTime lt``, ``Etc/GMT-0`` → ``Etc/GMT minus 0``), to tell apart
    names that would collide. A hyphen between two letters joins words (``run-id``) and
    stays as it is."""
    out = []
    for index, char in enumerate(text):
        joins = char == "-" and 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
        out.append(f" {_SYMBOL_WORDS[char]} " if char in _SYMBOL_WORDS and not joins else char)
    return "".join(out)


def snake_case(text: str) -> str:
    return "_".join(word.lower() for word in _words(text))


def pascal_case(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in _words(text))


def upper_snake_case(text: str) -> str:
    return "_".join(word.upper() for word in _words(text))


def is_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)


def attribute_name(wire_name: str) -> str:
    """A field or parameter name: snake_case, keywords get a trailing underscore.

    The wire name is kept as an alias, so a trailing underscore never changes what is sent.
    """
    name = snake_case(wire_name)
    if not name:
        raise NameProblem(f"{wire_name!r} has no letters or digits to make a Python name from")
    if name[0].isdigit():
        name = f"field_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in {"self", "cls"}:
        name += "_"
    if name in _SHADOWING:
        name = f"{name}_"
    return name


def explicit_name(name: str, what: str) -> str:
    """A Python name written in a spec or config (operation, resource, python_name): it must be
    a snake_case identifier, not a keyword and not a builtin."""
    if not is_identifier(name) or name != name.lower():
        hint = f"; try {attribute_name(name)!r}" if _words(name) else ""
        raise NameProblem(f"{what} {name!r} is not a snake_case Python identifier{hint}")
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        raise NameProblem(f"{what} {name!r} is a Python keyword; use {name + '_'!r}")
    if name in _BUILTIN_NAMES and what != "method name":
        raise NameProblem(f"{what} {name!r} shadows a Python builtin; use {name + '_'!r}")
    if name.startswith("_"):
        raise NameProblem(f"{what} {name!r} may not start with an underscore")
    if name in _reserved(what):
        raise NameProblem(f"{what} {name!r} would hide the generated code's own {name!r}; use {name + '_'!r}")
    return name


def _reserved(what: str) -> frozenset[str]:
    if what.startswith("resource"):
        return RESERVED_RESOURCE_NAMES
    return RESERVED_METHOD_NAMES if what == "method name" else frozenset()


def derived_name(text: str, what: str) -> str:
    """A resource or method name derived from spec text (a tag, an operationId): snake_case,
    and a trailing underscore where the name is a keyword, or a builtin or a name the generated
    code uses (rules of :func:`explicit_name`). Only a name with nothing to build on fails."""
    name = snake_case(text)
    if not name or name[0].isdigit():
        return explicit_name(name or text, what)  # raises, with its hint
    try:
        return explicit_name(name, what)
    except NameProblem:
        return explicit_name(name + "_", what)


def class_name(text: str, *, derived: bool = False) -> str:
    """A PascalCase class name for a schema. A name that would shadow a builtin or a name the
    generated module uses is an error, or, for a name ``derived`` from someone else's document,
    gets a trailing underscore (``Tag`` → ``Tag_``)."""
    name = pascal_case(text)
    if not name:
        raise NameProblem(f"{text!r} has no letters or digits to make a class name from")
    if name[0].isdigit():
        name = f"Model{name}"
    if name in RESERVED_CLASS_NAMES or name in _BUILTIN_NAMES or keyword.iskeyword(name):
        if derived:
            return name + "_"
        raise NameProblem(f"schema name {text!r} would shadow {name!r}; rename the schema")
    if name in EXCEPTION_NAMES:
        if derived:
            return name + "Body"
        raise NameProblem(
            f"schema name {text!r} is the name of an exception the package exports; "
            f"try {name + 'Body'!r}"
        )
    return name


def enum_member_name(value: object) -> str:
    """An UPPER_SNAKE member name for an enum value."""
    name = upper_snake_case(str(value))
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        name = f"MINUS_{name}"  # -1 and 1 must not both become VALUE_1
    if not name:
        name = "EMPTY" if value == "" else "VALUE"
    if name[0].isdigit():
        name = f"VALUE_{name}"
    if name.startswith("_") or name in {"MRO"}:
        name = f"VALUE{name}"
    return name
