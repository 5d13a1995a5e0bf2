"""The check kinds, one module each, registered explicitly by their ``KIND``.

Each module provides ``KIND``, ``KEYS`` (its keys beyond the common ones), ``REQUIRED``,
``DEFAULT_MESSAGE``, ``build(view, context)`` returning the compiled fact spec, and
``claims(fact, analysis)`` yielding a :class:`factcheck.checks.common.Claimed` for every
value a draft states for the fact, carrying a :class:`factcheck.finding.Hit` when the
value is wrong. A module whose claims draw on sentences after the one naming the subject
sets ``REACH`` to how many (the engine then keeps those sentences together); claims of
the other kinds lie within their sentence, or reach the one before through a pronoun, or
the one after when a claim pattern reads the subject as understood there.
Checks never print, read files or decide severity: the engine does.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from factcheck.checks import date, duration, entity, person, quantity
from factcheck.checks import sum as sum_

if TYPE_CHECKING:
    from factcheck.rulebook import Fact

KINDS: dict[str, ModuleType] = {
    module.KIND: module for module in (entity, quantity, date, duration, person, sum_)
}


def reach(fact: Fact) -> int:
    """How many sentences after a subject sentence a claim of this fact may draw on."""
    claims = getattr(fact.spec, "claims", None)
    return max(int(getattr(KINDS[fact.kind], "REACH", 0)),
               1 if getattr(claims, "understood", False) else 0)
