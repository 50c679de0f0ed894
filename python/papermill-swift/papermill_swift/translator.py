"""Python values as Swift declarations, for papermill's injected-parameters cell."""
import math
import re

from papermill.models import Parameter
from papermill.translators import Translator


class SwiftTranslator(Translator):
    """Writes each parameter as `var name: Type = literal`.

    The literal and the type are those `nbrun -p` writes for a value of the same kind. The keyword
    is `var` (nbrun copies the parameters cell's): papermill does not show a translator the
    parameters cell, and `var` serves whether the notebook mutates the value or not.
    """

    # `let epochs: Int = 10 // help`, `var name = "x"`: a parameters cell's declarations.
    DECLARATION = re.compile(
        r"^\s*(?:let|var)\s+(?P<name>[A-Za-z_]\w*)\s*(?::\s*(?P<type>[^=]+?))?\s*=\s*(?P<value>.*?)\s*(?://\s*(?P<help>.*))?$")

    @classmethod
    def translate_str(cls, val):
        literal = ['"']
        for character in val:
            code = ord(character)
            if character == "\\":
                literal.append("\\\\")
            elif character == '"':
                literal.append('\\"')
            elif character == "\n":
                literal.append("\\n")
            elif character == "\r":
                literal.append("\\r")
            elif character == "\t":
                literal.append("\\t")
            elif code < 0x20:
                literal.append(f"\\u{{{code:x}}}")
            else:
                literal.append(character)
        literal.append('"')
        return "".join(literal)

    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "Double.nan"
        if math.isinf(val):
            return "Double.infinity" if val > 0 else "-Double.infinity"
        return repr(val)

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(item) for item in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        if not val:
            return "[:]"
        return "[" + ", ".join(f"{cls.translate_str(str(key))}: {cls.translate(item)}" for key, item in val.items()) + "]"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        lines = [cls.comment(comment)]
        lines += [f"var {name}: {swift_type(value)} = {cls.translate(value)}" for name, value in parameters.items()]
        return "\n".join(lines) + "\n"

    @classmethod
    def inspect(cls, parameters_cell):
        """The declarations of a parameters cell, for `papermill --help-notebook`."""
        found = []
        for line in parameters_cell.source.splitlines():
            match = cls.DECLARATION.match(line)
            if match:
                found.append(Parameter(name=match["name"], inferred_type_name=(match["type"] or literal_type(match["value"])).strip(),
                                       default=match["value"], help=match["help"] or ""))
        return found


def literal_type(literal):
    """The type of a Swift literal, as nbrun reads a parameters cell: `Int`, `Double`, `Bool`,
    `String`, or "None" (papermill's unknown) for anything else."""
    if re.fullmatch(r"-?\d[\d_]*", literal):
        return "Int"
    if re.fullmatch(r"-?\d[\d_]*(\.\d[\d_]*)?([eE][-+]?\d+)?", literal):
        return "Double"
    if literal in ("true", "false"):
        return "Bool"
    if re.fullmatch(r'"([^"\\]|\\.)*"', literal):
        return "String"
    return "None"


def swift_type(value):
    """The Swift type of the literal `SwiftTranslator` writes for `value`."""
    if value is None:
        return "Any?"
    if isinstance(value, bool):
        return "Bool"
    if isinstance(value, int):
        return "Int"
    if isinstance(value, float):
        return "Double"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return f"[{common_type([swift_type(item) for item in value])}]"
    if isinstance(value, dict):
        return f"[String: {common_type([swift_type(item) for item in value.values()])}]"
    return "String"


def common_type(types):
    """The one type that holds values of `types`: themselves when they agree, `Double` for integers
    and floating-point numbers together, else `Any`; optional when one of them is `nil`."""
    distinct = set(types)
    if "Any?" in distinct and len(distinct) > 1:
        wrapped = common_type(distinct - {"Any?"})
        return wrapped if wrapped.endswith("?") else wrapped + "?"
    if len(distinct) == 1:
        return distinct.pop()
    if distinct == {"Int", "Double"}:
        return "Double"
    return "Any"
