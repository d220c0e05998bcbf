"""A tiny arithmetic language for cost formulas in pattern.yaml, parsed by hand (never eval).

Grammar:  expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
          factor := number | name | name '(' expr (',' expr)* ')' | '(' expr ')' | '-' factor
Functions: ceil, floor, min, max. Names are the pattern's cost inputs.
"""

from __future__ import annotations

import math
import re

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(.))")
FUNCTIONS = {"ceil": (1, math.ceil), "floor": (1, math.floor), "min": (None, min), "max": (None, max)}


class ExprError(ValueError):
    pass


def _tokens(text: str):
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        number, name, op = m.groups()
        if number is not None:
            out.append(("num", float(number)))
        elif name is not None:
            out.append(("name", name))
        elif op is not None and op.strip():
            if op not in "+-*/(),":
                raise ExprError(f"unexpected character {op!r}")
            out.append(("op", op))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens, self.i = _tokens(text), 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise ExprError(f"expected {value!r}" if value else "unexpected end of formula")
        self.i += 1
        return tok

    def expr(self):
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            node = (self.take()[1], node, self.term())
        return node

    def term(self):
        node = self.factor()
        while self.peek()[1] in ("*", "/"):
            node = (self.take()[1], node, self.factor())
        return node

    def factor(self):
        kind, value = self.peek()
        if value == "-" and kind == "op":
            self.take()
            return ("neg", self.factor())
        if value == "(":
            self.take()
            node = self.expr()
            self.take(")")
            return node
        if kind == "num":
            self.take()
            return ("num", value)
        if kind == "name":
            self.take()
            if self.peek()[1] == "(":
                if value not in FUNCTIONS:
                    raise ExprError(f"unknown function {value}(); allowed: {', '.join(FUNCTIONS)}")
                self.take("(")
                args = [self.expr()]
                while self.peek()[1] == ",":
                    self.take(",")
                    args.append(self.expr())
                self.take(")")
                arity = FUNCTIONS[value][0]
                if arity is not None and len(args) != arity:
                    raise ExprError(f"{value}() takes {arity} argument(s)")
                return ("call", value, args)
            return ("name", value)
        raise ExprError("expected a number, a name or '('" if kind is None or value else "unexpected end of formula")


def parse(text: str):
    parser = _Parser(str(text))
    node = parser.expr()
    if parser.peek()[0] is not None:
        raise ExprError(f"unexpected {parser.peek()[1]!r}")
    return node


def names(node) -> set[str]:
    kind = node[0]
    if kind == "name":
        return {node[1]}
    if kind == "num":
        return set()
    if kind == "neg":
        return names(node[1])
    if kind == "call":
        return set().union(*(names(a) for a in node[2]))
    return names(node[1]) | names(node[2])


def evaluate(node, env: dict[str, float]) -> float:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        if node[1] not in env:
            raise ExprError(f"unknown input {node[1]!r}")
        return float(env[node[1]])
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "call":
        return float(FUNCTIONS[node[1]][1](*(evaluate(a, env) for a in node[2])))
    left, right = evaluate(node[1], env), evaluate(node[2], env)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise ExprError("division by zero")
    return left / right
