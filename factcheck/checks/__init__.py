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
from factcheck.claims import MATCH_TIMEOUT, TIMEOUTS

if TYPE_CHECKING:
    from factcheck.rulebook import Fact

KINDS: dict[str, ModuleType] = {
    module.KIND: module for module in (entity, quantity, date, duration, person, sum_)
}


def reach(fact: Fact, text: str) -> int:
    """How many sentences after the sentence ``text`` a claim of this fact may draw on."""
    found = int(getattr(KINDS[fact.kind], "REACH", 0))
    claims = getattr(fact.spec, "claims", None)
    if found or claims is None or not claims.understood:
        return found
    # Only a sentence that names the subject lends it to the next: one that merely shares
    # a cue word with it ("many people") stays a run of its own, read alone when edited.
    # A search that gives up keeps the two together, which costs time, never a claim.
    named = TIMEOUTS.bounded(
        lambda: claims.subject.search(text, timeout=MATCH_TIMEOUT) is not None, True)
    return 1 if named else 0
