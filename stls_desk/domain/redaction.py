"""Members' names out, stable stand-ins in: the one redaction used by the members' pack and meeting mode.

A `Redactor` knows the members (and, to protect them, the names of everyone else). It gives each member a
stand-in, "Member A", "Member B", … in the order the caller lists them; `Redactor.in_order_of_appearance`
orders them by where they are first named in a run of texts, so the first member a reader meets is Member A
and the letters say nothing about the names (alphabetical letters would).

What `redact(text)` replaces, matching whole words, case-insensitively, longest match first:

* a member's full name ("Siân Llŷr"), and first-and-last without middle names ("Mary Anne Jones" → "Mary
  Jones"); spaces, apostrophes (' ’ ʼ) and hyphens (- ‐ ‑) may be written either way;
* a member's extra identifiers (nickname, e-mail address, phone number), always;
* a member's surname on its own ("Ms Llŷr", "Nowak-Jones" and each part of it), unless a non-member's name
  shares it: "Jones" stays when an employer representative is called Mark Jones, because replacing it
  would put the employer's words in a member's mouth;
* a member's first name on its own only when that member is named in full (or by surname) somewhere in the
  same text, or the caller says the member belongs to the record (`seen`, e.g. a meeting's attendees), and
  no non-member shares the first name.

A surname or first name on its own is not taken when written all in lower case (so a member called Will
Brown does not turn "we will" or "brown envelope" into a stand-in); a full name is taken in any case. A
surname or first name shared by several members, with no way to tell which is meant, becomes "[a member]".
A name that is both a member's and a non-member's is treated as the member's: the redaction fails closed.
Non-members' full names are shielded, so "Mark Jones-Evans" never becomes "Mark Member A".

The text is NFC-normalised first, so a name typed with combining accents matches one typed precomposed.
Nothing here can spot a member mentioned only by a nickname the caller did not supply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

UNIDENTIFIED = "[a member]"

_APOSTROPHES = "'’ʼ‘`"
_HYPHENS = "-‐‑‒–"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Identity:
    """A member's name and anything else that identifies them in free text (nickname, e-mail, phone)."""

    name: str
    extra: tuple[str, ...] = ()


class _Kind(Enum):
    FULL = 1  # full name, first-and-last, extra identifier: always replaced
    SURNAME = 2
    FIRST = 3
    SHIELD = 4  # a non-member's full name: kept as written


@dataclass(frozen=True)
class _Variant:
    kind: _Kind
    key: str
    members: frozenset[int]
    lower_ok: bool = False  # the name itself is written in lower case, so a lower-case match is a name


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def name_key(text: str) -> str:
    """How two spellings of one name compare: case, spacing, apostrophe and hyphen style ignored."""
    text = _SPACE.sub(" ", _nfc(text).strip()).casefold()
    for a in _APOSTROPHES:
        text = text.replace(a, "'")
    for h in _HYPHENS:
        text = text.replace(h, "-")
    return text


def _pattern(variant: str) -> str:
    """A regex for a name as written, tolerant of spacing, apostrophe and hyphen style."""
    out: list[str] = []
    for ch in variant:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "'":
            out.append(f"[{re.escape(_APOSTROPHES)}]")
        elif ch == "-":
            out.append(f"[{re.escape(_HYPHENS)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _label(index: int, prefix: str) -> str:
    """0 → 'Member A', 25 → 'Member Z', 26 → 'Member AA': spreadsheet-column letters, never running out."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{prefix} {letters}"


def _tokens(key: str) -> list[str]:
    return [t for t in key.split(" ") if t]


def _word_parts(name: str) -> set[str]:
    """Every word and hyphen-part of a name: what a surname or first name on its own could collide with."""
    parts: set[str] = set()
    for token in _tokens(name):
        parts.add(token)
        parts.update(p for p in re.split(f"[{re.escape(_HYPHENS)}]", token) if p)
    return parts


# Whole-word edges. A full name may sit inside a hyphenated compound ("Siân Llŷr-led"); a surname or first
# name on its own must not be part of someone else's double-barrelled name or of O'Brien.
_EDGE_START = r"(?<!\w)"
_EDGE_END = r"(?!\w)"
_STRICT_START = rf"(?<!\w)(?<!\w[{re.escape(_HYPHENS)}])(?<!\w[{re.escape(_APOSTROPHES)}])"
_STRICT_END = rf"(?!\w)(?![{re.escape(_HYPHENS)}]\w)(?![{re.escape(_APOSTROPHES)}](?![sS](?!\w))\w)"


class Redactor:
    """Replaces members' names in text with stable stand-ins ("Member A", …); see the module docstring."""

    def __init__(
        self,
        members: Iterable[str | Identity],
        *,
        others: Iterable[str] = (),
        prefix: str = "Member",
    ) -> None:
        self._names: list[str] = []
        self._index: dict[str, int] = {}
        extras: list[tuple[int, str]] = []
        for item in members:
            identity = item if isinstance(item, Identity) else Identity(item)
            name = _SPACE.sub(" ", _nfc(identity.name).strip())
            if not name:
                continue
            key = name_key(name)
            if key not in self._index:
                self._index[key] = len(self._names)
                self._names.append(name)
            extras.extend((self._index[key], e) for e in identity.extra)
        self._labels = [_label(i, prefix) for i in range(len(self._names))]
        other_keys = {name_key(o) for o in others if o.strip()} - set(self._index)
        self._variants = self._build_variants(extras, other_keys)
        self._regex = self._compile()

    # ----- building -------------------------------------------------------------------------------------

    def _build_variants(self, extras: list[tuple[int, str]], other_keys: set[str]) -> dict[str, _Variant]:
        full: dict[str, set[int]] = {}
        surnames: dict[str, set[int]] = {}
        firsts: dict[str, set[int]] = {}
        for key, i in self._index.items():
            full.setdefault(key, set()).add(i)
            tokens = _tokens(key)
            if len(tokens) >= 2:
                full.setdefault(f"{tokens[0]} {tokens[-1]}", set()).add(i)
                last = tokens[-1]
                for part in {last, *last.split("-")}:
                    surnames.setdefault(part, set()).add(i)
                firsts.setdefault(tokens[0], set()).add(i)
        for i, extra in extras:
            ek = name_key(extra)
            if len(ek) >= 3:
                full.setdefault(ek, set()).add(i)
        written_lower = {
            name_key(part) for name in self._names for part in _word_parts(_nfc(name)) if part == part.lower()
        }
        others_parts: set[str] = set()
        for o in other_keys:
            others_parts |= _word_parts(o)

        variants: dict[str, _Variant] = {key: _Variant(_Kind.SHIELD, key, frozenset()) for key in other_keys}
        for key, owners in full.items():
            variants[key] = _Variant(_Kind.FULL, key, frozenset(owners))
        for kind, table in ((_Kind.SURNAME, surnames), (_Kind.FIRST, firsts)):
            for key, owners in table.items():
                if len(key) < 2 or key in others_parts or key in full:
                    continue
                earlier = variants.get(key)
                if earlier is not None:  # one member's surname is another's first name: either may be meant
                    variants[key] = _Variant(earlier.kind, key, earlier.members | owners, earlier.lower_ok)
                else:
                    variants[key] = _Variant(kind, key, frozenset(owners), key in written_lower)
        return variants

    def _compile(self) -> re.Pattern[str] | None:
        if not self._variants:
            return None
        parts = []
        # Longest first: at any position the alternation takes the first branch that matches.
        for v in sorted(self._variants.values(), key=lambda v: (-len(v.key), v.key)):
            strict = v.kind in (_Kind.SURNAME, _Kind.FIRST)
            start, end = (_STRICT_START, _STRICT_END) if strict else (_EDGE_START, _EDGE_END)
            parts.append(f"{start}{_pattern(v.key)}{end}")
        return re.compile("|".join(parts), re.IGNORECASE)

    # ----- asking -----------------------------------------------------------------------------------------

    @classmethod
    def in_order_of_appearance(
        cls,
        members: Sequence[str | Identity],
        texts: Iterable[str],
        *,
        others: Iterable[str] = (),
        prefix: str = "Member",
    ) -> Redactor:
        """A Redactor whose letters follow the order members are first named in `texts`; the rest after."""
        others = list(others)
        probe = cls(members, others=others, prefix=prefix)
        order: list[str] = []
        for text in texts:
            for name in probe.mentions(text):
                if name not in order:
                    order.append(name)
        by_name = {name_key(m.name if isinstance(m, Identity) else m): m for m in members}
        ordered = [by_name[name_key(n)] for n in order]
        ordered += [m for m in members if m not in ordered]
        return cls(ordered, others=others, prefix=prefix)

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(self._names)

    def is_member(self, name: str) -> bool:
        return name_key(name) in self._index

    def label(self, name: str) -> str:
        """The member's stand-in; raises KeyError for a name that is not a member's."""
        return self._labels[self._index[name_key(name)]]

    def mentions(self, text: str, *, seen: Iterable[str] = ()) -> list[str]:
        """The members named in `text`, each once, in the order they are first named."""
        found: list[str] = []
        for index in self._scan(text, seen):
            name = self._names[index]
            if name not in found:
                found.append(name)
        return found

    def redact(self, text: str, *, seen: Iterable[str] = ()) -> str:
        """`text` with every member named in it replaced by their stand-in (see the module docstring).

        `seen`: members who belong to the record the text comes from (a meeting's attendees, a
        grievance's raisers); their first names on their own are then replaced too.
        """
        text = _nfc(text)
        if self._regex is None or not text:
            return text
        known = self._seen(text, seen)
        return self._regex.sub(lambda m: self._replacement(m.group(0), known), text)

    # ----- matching ---------------------------------------------------------------------------------------

    def _variant(self, matched: str) -> _Variant | None:
        variant = self._variants.get(name_key(matched))
        if variant is None:  # a case mapping re and casefold() disagree on: find it the slow way
            for v in self._variants.values():
                if re.fullmatch(_pattern(v.key), matched, re.IGNORECASE):
                    return v
        return variant

    def _resolve(self, matched: str, known: set[int]) -> int | str | None:
        """The member index `matched` stands for, None to leave it, or UNIDENTIFIED."""
        v = self._variant(matched)
        if v is None or v.kind is _Kind.SHIELD:
            return None
        if v.kind is not _Kind.FULL and matched == matched.lower() and not v.lower_ok:
            return None  # lower-case common word, not a name
        owners = v.members
        if v.kind is _Kind.FIRST:
            owners = owners & known
            if not owners:
                return None
        if len(owners) == 1:
            return next(iter(owners))
        narrowed = owners & known
        if len(narrowed) == 1:
            return next(iter(narrowed))
        return UNIDENTIFIED

    def _seen(self, text: str, seen: Iterable[str]) -> set[int]:
        """Members named in full (or by a surname only they have) anywhere in `text`, plus `seen`."""
        known = {self._index[k] for k in map(name_key, seen) if k in self._index}
        assert self._regex is not None
        surnames: list[str] = []
        for m in self._regex.finditer(text):
            v = self._variant(m.group(0))
            if v is not None and v.kind is _Kind.FULL:
                known |= v.members
            elif v is not None and v.kind is _Kind.SURNAME:
                surnames.append(m.group(0))
        for matched in surnames:
            r = self._resolve(matched, known)
            if isinstance(r, int):
                known.add(r)
        return known

    def _replacement(self, matched: str, known: set[int]) -> str:
        r = self._resolve(matched, known)
        if r is None:
            return matched
        return r if isinstance(r, str) else self._labels[r]

    def _scan(self, text: str, seen: Iterable[str]) -> list[int]:
        text = _nfc(text)
        if self._regex is None or not text:
            return []
        known = self._seen(text, seen)
        out: list[int] = []
        for m in self._regex.finditer(text):
            r = self._resolve(m.group(0), known)
            if isinstance(r, int):
                out.append(r)
        return out
