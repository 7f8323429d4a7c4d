"""Typer's usage errors (a value an option's type refuses, a value after a flag, an unknown
option, a missing argument) as the one line every `trackside` error is, with exit status 1:
`option --lap: 'x' is not a valid integer`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Typer 0.29 carries its own copy of Click and exports only BadParameter from it.
from typer._click.exceptions import BadParameter, NoArgsIsHelpError, UsageError

__all__ = ["NoArgsIsHelpError", "UsageError", "usage_line"]


def usage_line(err: UsageError, args: Sequence[str]) -> str:
    """The error in one line, naming the option as typed; `args` are the words after the
    group's name, to find a value given to a flag."""
    if isinstance(err, BadParameter) and err.param is not None and err.message:
        return f"{_param_name(err.param)}: {_plain(err.message, _value_of(err.param, args))}"
    flag = _flag_with_value(err, args)
    if flag is not None:
        option, value = flag
        return f"option {option}: takes no value, got {value!r} (give {option} alone)"
    hint = f" (see '{err.ctx.command_path} --help')" if err.ctx is not None else ""
    return " ".join(err.format_message().split()).rstrip(".") + hint


_PLAIN = {
    "Input should be a valid integer": "expected a whole number",
    "Input should be a valid number": "expected a number",
    "Input should be a valid boolean": "expected true or false",
}
"""The type checker's phrasing (pydantic, under Typer) in the words of every other error."""


def _plain(message: str, value: str | None) -> str:
    for phrase, words in _PLAIN.items():
        if message.startswith(phrase):
            return words if value is None else f"{words}, got {value!r}"
    return message.rstrip(".")


def _value_of(param: Any, args: Sequence[str]) -> str | None:
    """The word given to an option (`--lap x` or `--lap=x`), if it is among `args`."""
    for opt in getattr(param, "opts", ()):
        for before, word in zip(args, args[1:], strict=False):
            if before == opt:
                return word
        for word in args:
            if word.startswith(f"{opt}="):
                return word.split("=", 1)[1]
    return None


def _param_name(param: Any) -> str:
    if param.param_type_name == "option":
        return f"option {max(param.opts, key=len)}"
    return f"argument {param.name}"


def _flag_with_value(err: UsageError, args: Sequence[str]) -> tuple[str, str] | None:
    """`--non-dot true`: reported as an unexpected argument 'true'."""
    if err.ctx is None:
        return None
    flags = {
        opt
        for param in err.ctx.command.params
        if param.param_type_name == "option" and getattr(param, "is_flag", False)
        for opt in param.opts
    }
    for before, word in zip(args, args[1:], strict=False):
        if before in flags and not word.startswith("-") and word in err.format_message():
            return before, word
    return None
