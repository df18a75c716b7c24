"""Actors and places by name: the dashboard's table searches and the CLI's `--actor` / `--place`.

Names are compared folded: Arabic normalised as the pipeline matches it (marsad.text.normalize: alef
forms, alef maksura, ta marbuta, diacritics, tatweel), the hamza on waw and ya written bare, Latin
lower-cased, and anything but letters and digits a space ("al-Sarraj" finds "al Sarraj").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from marsad.text.normalize import normalize_key

_HAMZA = str.maketrans({"\u0624": "\u0648", "\u0626": "\u064a", "\u0621": ""})  # ؤ -> و, ئ -> ي, ء dropped
_NOT_WORD = re.compile(r"[^\w]+|_")
NAME_COLUMNS = ("name_en", "name_ar")


class UnknownName(ValueError):
    """A name that is no actor's or place's, or is several's: the message says which ids come closest."""


def fold(text: object) -> str:
    """The form names are compared in."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(_NOT_WORD.sub(" ", normalize_key(str(text)).translate(_HAMZA)).split())


def _words(texts: Iterable[object]) -> set[str]:
    """The folded words of `texts`, each also without the Arabic article (السراج is searched as سراج too)."""
    words = {word for text in texts for word in fold(text).split()}
    return words | {word[2:] for word in words if word.startswith("\u0627\u0644") and len(word) > 3}


def search(frame: pd.DataFrame, query: str, id_column: str) -> pd.Series:
    """A mask over `frame`'s rows: those where every word of `query` begins a word of the id, the English or
    the Arabic name ("haft" finds Khalifa Haftar, "حفت" and "حفتر" find خليفة حفتر, "سراج" finds السراج)."""
    wanted = fold(query).split()
    if not wanted or frame.empty:
        return pd.Series(True, index=frame.index, dtype=bool)
    columns = [c for c in (id_column, *NAME_COLUMNS) if c in frame]

    def holds(row: tuple) -> bool:
        words = _words(row)
        return all(any(word.startswith(part) for word in words) for part in wanted)

    return pd.Series([holds(row) for row in frame[columns].itertuples(index=False, name=None)],
                     index=frame.index, dtype=bool)


def resolve(frame: pd.DataFrame, name: str, id_column: str, what: str = "actor") -> str:
    """The id of the row `name` stands for: its id, its English or Arabic name, or words only one row's
    names hold ("Haftar", "حفتر"). Otherwise `UnknownName`, listing the five closest ids."""
    wanted = fold(name)
    ids = frame[id_column].astype(str).tolist()
    if name.strip() in ids:
        return name.strip()
    if not wanted:
        raise UnknownName(f"no {what} name given")
    names = {c: frame[c].map(fold).tolist() for c in NAME_COLUMNS if c in frame}
    exact = [i for at, i in enumerate(ids) if any(folded[at] == wanted for folded in names.values())
             or fold(i) == wanted]
    if len(set(exact)) == 1:
        return exact[0]
    words = set(wanted.split())
    holding = exact or [i for at, i in enumerate(ids)
                        if any(words <= set(folded[at].split()) for folded in names.values())]
    if len(set(holding)) == 1:
        return holding[0]
    if len(holding) > 1:
        raise UnknownName(f"{what} {name!r} is ambiguous: it names {', '.join(sorted(set(holding))[:10])}; "
                          "give the id")
    raise UnknownName(f"no {what} {name!r} in the store; the closest ids: "
                      f"{', '.join(closest(frame, name, id_column))}")


def closest(frame: pd.DataFrame, name: str, id_column: str, n: int = 5) -> list[str]:
    """The `n` ids whose id or names come closest to `name` (difflib's ratio), closest first."""
    wanted = fold(name)
    scores: dict[str, float] = {}
    for row in frame.to_dict("records"):
        row_id = str(row[id_column])
        texts = [fold(row_id)] + [fold(row.get(c)) for c in NAME_COLUMNS]
        texts += [word for text in texts for word in text.split()]  # "Hafter" is closest to Haftar's surname
        score = max((difflib.SequenceMatcher(None, wanted, text).ratio() for text in texts if text), default=0.0)
        scores[row_id] = max(score, scores.get(row_id, 0.0))
    return [i for i, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n]]


def resolve_many(frame: pd.DataFrame, value: str | Sequence[str] | None, id_column: str,
                 what: str = "actor") -> tuple[str, ...]:
    """Ids for a comma-separated list of ids or names (the whole value first, as one name: a name may hold
    a comma)."""
    if value is None:
        return ()
    items: Iterable[str] = value.split(",") if isinstance(value, str) else value
    items = [i.strip() for i in items if i and i.strip()]
    if isinstance(value, str) and len(items) > 1:
        try:
            return (resolve(frame, value, id_column, what),)
        except UnknownName:
            pass
    return tuple(dict.fromkeys(resolve(frame, item, id_column, what) for item in items))
