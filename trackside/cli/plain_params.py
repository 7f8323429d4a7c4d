"""Plain command-line values without Pydantic (issue 10, "the CLI starts fast").

Typer checks every parameter's value through a Pydantic `TypeAdapter`, built when the value is
first processed, options left out included: importing Pydantic and building the adapters costs
each command about 100 ms here. Most of trackside's parameters are text, a whole number
written as digits, or a flag (`--help` included) left out; for those the value is what the
adapter would return, so `plain_values` gives such parameters a coercion that returns it
directly. Anything else (a path, a choice, a bounded number, a malformed number whose error
message Typer words) goes through Typer's own coercion, built on first use exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from typer import Context
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

_NUMBER = {int: re.compile(r"[+-]?[0-9]+"), float: re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")}
"""Text every number parser reads alike: the number type -> the text it is converted from."""


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """A `str`, `int`, `float` or `bool` parameter: text taken as given, plain digits
    converted, no value left None (`RuntimeParam.coerce`); other values handed to the coercion
    Typer builds (Pydantic), made on first need."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and self.annotation is not bool:
            if self.annotation is str:
                return value
            if _NUMBER[self.annotation].fullmatch(value):  # type: ignore[index]
                return self.annotation(value)  # type: ignore[operator]
        typer_param = build_runtime_param(self.descriptor)
        return typer_param._coerce_value(value, param=param, ctx=ctx)


def plain_values(command: Any, parent: Context | None = None) -> Any:
    """Give the plain parameters of `command` and of its subcommands, and their `--help`
    options, `PlainRuntimeParam`; returns the command. `parent` is the context of the group
    `command` runs under (the help option's names are inherited from it). A Typer without the
    hook this fills (`_runtime_param`) is left alone."""
    ctx = Context(command, parent=parent, **(command.context_settings or {}))
    help_option = command.get_help_option(ctx)
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        if _is_plain(param):
            descriptor = param.type_descriptor
            param._runtime_param = PlainRuntimeParam(descriptor.parameter_info,
                                                     descriptor.annotation, descriptor)
    subcommands: Iterable[Any] = getattr(command, "commands", {}).values()
    for sub in subcommands:
        plain_values(sub, ctx)
    return command


def _is_plain(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", False) is not None:
        return False
    info = descriptor.parameter_info
    return (descriptor.annotation in (str, int, float, bool) and descriptor.file_annotation is None
            and param.nargs == 1 and not param.multiple and info.parser is None
            and getattr(info, "click_type", None) is None and info.min is None
            and info.max is None and not info.clamp)  # fmt: skip
