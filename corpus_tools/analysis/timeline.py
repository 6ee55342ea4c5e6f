"""Articles and terms over time as tidy tables: one row per (period, group).

Periods without articles inside the dated range are kept with ``n = 0`` so a line
chart shows the gap instead of drawing across it. Undated articles are never dropped
silently: they are counted in a row of their own with ``period = NaT`` and
``undated = True``.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
...                      "date": pd.to_datetime(["2023-11-27", "2023-11-27", "2023-11-29", None])})
>>> t = timeline(arts)
>>> [(str(p.date()) if pd.notna(p) else "undated", n) for p, n in zip(t["period"], t["n"])]
[('2023-11-27', 2), ('2023-11-28', 0), ('2023-11-29', 1), ('undated', 1)]
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns, require_group_columns
from ..text.search_terms import hint_other_spellings, search_terms, term_label, token_regex

# What users may write for ``freq`` -> (our code, step between period starts).
_FREQS = {
    "D": "D", "DAY": "D", "DAYS": "D", "DAILY": "D",
    "W": "W", "W-MON": "W", "WEEK": "W", "WEEKS": "W", "WEEKLY": "W",
    "M": "M", "MS": "M", "MONTH": "M", "MONTHS": "M", "MONTHLY": "M",
    "Y": "Y", "YS": "Y", "YEAR": "Y", "YEARS": "Y", "YEARLY": "Y",
}
_STEP = {"D": "D", "W": "7D", "M": "MS", "Y": "YS"}


def freq_code(freq) -> str:
    code = _FREQS.get(str(freq).strip().upper())
    if code is None:
        raise ValueError(
            f"freq={freq!r} is not a period length this table knows. Use 'D' (or 'day'), "
            "'W' ('week', starting on Monday), 'M' ('month') or 'Y' ('year')."
        )
    return code


def as_dates(col: pd.Series, *, name: str) -> pd.DatetimeIndex:
    """The column as dates without time zone (local wall-clock time kept); NaT where unknown."""
    if isinstance(col.dtype, pd.CategoricalDtype) and pd.api.types.is_datetime64_any_dtype(col.cat.categories.dtype):
        col = col.astype(col.cat.categories.dtype)  # a tokens table's dates: one code per token
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        return pd.DatetimeIndex(col).tz_localize(None)
    if pd.api.types.is_datetime64_dtype(col.dtype):
        return pd.DatetimeIndex(col)
    if pd.api.types.is_numeric_dtype(col.dtype):
        raise TypeError(
            f"The column {name!r} should hold dates but holds numbers ({col.dtype}). Convert it first, "
            f"e.g. articles.assign({name}=pd.to_datetime(articles[{name!r}], format='%Y%m%d'))."
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        converted = pd.to_datetime(col, errors="coerce", utc=False, format="mixed")
    bad = converted.isna() & col.notna() & (col.astype("str").str.strip() != "")
    if bad.any():
        examples = ", ".join(repr(v) for v in col[bad].drop_duplicates().head(3))
        raise ValueError(
            f"The column {name!r} should hold dates, but {int(bad.sum())} value(s) cannot be read as a date "
            f"(e.g. {examples}). Fix them, or set them to NaT/None to count those rows as undated."
        )
    if isinstance(converted.dtype, pd.DatetimeTZDtype):
        converted = converted.dt.tz_localize(None)
    return pd.DatetimeIndex(converted)


def period_starts(dates: pd.DatetimeIndex, code: str) -> pd.DatetimeIndex:
    """Start of the day / Monday-week / month / year each date falls in (NaT stays NaT)."""
    # Work on the distinct dates only: a tokens table repeats each article's date many times.
    codes, uniques = pd.factorize(dates, use_na_sentinel=True)
    u = pd.DatetimeIndex(uniques).normalize()
    if code == "W":
        u = u - pd.to_timedelta(u.day_of_week, unit="D")
    elif code == "M":
        u = u - pd.to_timedelta(u.day - 1, unit="D")
    elif code == "Y":
        u = u - pd.to_timedelta(u.day_of_year - 1, unit="D")
    values = u.to_numpy()
    nat = np.array(["NaT"], dtype=values.dtype if len(values) else "datetime64[ns]")
    out = np.concatenate([values, nat])[np.where(codes >= 0, codes, len(values))]
    return pd.DatetimeIndex(out)


def check_names(by: list[str], extra: list[str], reserved: tuple[str, ...]) -> None:
    clash = [c for c in [*by, *extra] if c in reserved]
    if clash:
        raise ValueError(
            f"The column name(s) {', '.join(map(repr, clash))} clash with the output columns "
            f"{', '.join(reserved)}. Rename the column first, e.g. articles.rename(columns={{{clash[0]!r}: 'x'}})."
        )


def _grid(keys: pd.DataFrame, by: list[str], code: str, extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every group × every period from the first to the last dated one, plus the groups' undated rows.

    ``keys`` has the columns ``by + ["period"]`` (one row per observed combination).
    ``extra`` (e.g. the terms) is crossed with everything.
    """
    dated = keys["period"].dropna()
    unit = pd.DatetimeIndex(keys["period"]).unit
    if len(dated):
        rng = pd.date_range(dated.min(), dated.max(), freq=_STEP[code]).as_unit(unit)
    else:
        rng = pd.DatetimeIndex([], dtype=f"datetime64[{unit}]")
    periods = pd.DataFrame({"period": rng})
    if by:
        groups = keys[by].drop_duplicates()
        grid = groups.merge(periods, how="cross")[by + ["period"]]
    else:
        grid = periods
    undated = keys.loc[keys["period"].isna(), by + ["period"]]
    grid = pd.concat([grid, undated], ignore_index=True) if len(undated) else grid.reset_index(drop=True)
    if extra is not None:
        grid = grid.merge(extra, how="cross")
    return grid


def _empty_value(agg):
    """What ``agg`` gives for a period without articles: NaN for a mean, 0 for a sum or count."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            v = pd.Series([], dtype="float64").agg(agg)
        return v if np.ndim(v) == 0 else np.nan
    except Exception:
        return np.nan


@fill_doc
def timeline(articles: pd.DataFrame, *, freq="D", by=None, value=None, agg="mean", date: str = "date") -> pd.DataFrame:
    """Articles per period: ``period, [*by], n, undated``, or with ``value=``: ``period, [*by], <value>, n, undated``.

    ``period`` is the start of the period as a Timestamp: the day (``freq="D"`` or
    ``"day"``), the Monday of the week (``"W"``/``"week"``), the first of the month
    (``"M"``/``"month"``) or of the year (``"Y"``/``"year"``). ``n`` is the number of
    articles whose ``date`` falls in it. Every period from the first to the last dated
    article is listed, with ``n = 0`` where there are none, for every group when
    ``by`` is given (``by="outlet"`` and ``by=["outlet"]`` mean the same), so line
    charts show gaps. ``value="compound"`` (any numeric column) adds that column
    aggregated per period with ``agg`` ("mean", "median", "sum", "max", ... or a
    function); an empty period gets NaN for a mean or median and 0 for a sum.

    Undated articles (``date`` is NaT) are never dropped: each group that has some
    gets one extra row with ``period = NaT`` and ``undated = True`` counting them
    (all other rows have ``undated = False``); ``attrs["n_undated"]`` is their total.
    Drop them for a chart with ``t[~t["undated"]]``. ``attrs`` also holds ``first_date``,
    ``last_date`` and ``freq``: :func:`plot_timeline` says when a first or last period is only
    partly covered by the dates. Dates with a time zone are
    taken at their local clock time. Rows are sorted by group, then period (undated last).

    {params.freq}
    {params.by}
    {params.date}

    >>> arts = pd.DataFrame({"outlet": ["A", "A", "B"], "score": [1.0, 3.0, 5.0],
    ...                      "date": pd.to_datetime(["2024-01-01", "2024-01-03", None])})
    >>> t = timeline(arts, freq="W", by="outlet", value="score")
    >>> t.astype({"period": str}).values.tolist()
    [['2024-01-01', 'A', 2.0, 2, False], ['2024-01-01', 'B', nan, 0, False], [nan, 'B', 5.0, 1, True]]
    >>> t.attrs["n_undated"]
    1
    """
    by = as_list(by)
    require_columns(articles, [date, *by, *([value] if value is not None else [])], what="articles table")
    check_names(by, [value] if value is not None else [], ("period", "n", "undated"))
    code = freq_code(freq)
    if value is not None and not pd.api.types.is_numeric_dtype(articles[value].dtype):
        raise TypeError(
            f"value={value!r} must be a numeric column (e.g. a sentiment score) to aggregate with agg={agg!r}; "
            f"it holds {articles[value].dtype} values. To count articles, leave value out."
        )
    g = period_groups(articles, by=by, value=value, date=date, code=code)
    stats = g.size().rename("n").to_frame()
    if value is not None:
        stats[value] = g["__value"].agg(agg)
    out = finish_timeline(stats.reset_index(), by=by, value=value, agg=agg, code=code)
    out.attrs.update(date_span(articles[date], code))
    return out


def date_span(dates: pd.Series, code: str) -> dict:
    """``first_date``, ``last_date`` (ISO days) and ``freq`` for a timeline's ``attrs``: charts say when the
    first or last period is only partly covered (the dates end on 1 December: December looks like a fall)."""
    days = as_dates(dates, name="date").dropna()
    if not len(days):
        return {}
    return {"first_date": days.min().strftime("%Y-%m-%d"), "last_date": days.max().strftime("%Y-%m-%d"), "freq": code}


def partial_periods(attrs: dict) -> str | None:
    """"last month (Dec 2024): only 1 of its 31 days (the dates end 1 Dec 2024)", or None.

    A first or last period is named when the corpus's dates cover less than three quarters of it.

    >>> partial_periods({"first_date": "2023-01-02", "last_date": "2024-12-01", "freq": "M"})
    'last month (Dec 2024): only 1 of its 31 days (the dates end 1 Dec 2024)'
    """
    code, first, last = attrs.get("freq"), attrs.get("first_date"), attrs.get("last_date")
    if code not in ("W", "M", "Y") or not first or not last:
        return None
    unit = {"W": "week", "M": "month", "Y": "year"}[code]
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if period_starts(pd.DatetimeIndex([first]), code)[0] == period_starts(pd.DatetimeIndex([last]), code)[0]:
        return None  # one period in all: nothing to compare it with
    notes = []
    for which, day in (("first", first), ("last", last)):
        start = period_starts(pd.DatetimeIndex([day]), code)[0]
        end = start + (pd.DateOffset(weeks=1) if code == "W" else pd.DateOffset(months=1) if code == "M"
                       else pd.DateOffset(years=1))
        length = (end - start).days
        lo, hi = max(start, first), min(end - pd.Timedelta(days=1), last)
        covered = (hi - lo).days + 1
        if covered < 0.75 * length:
            label = {"W": f"week of {start:%-d %b %Y}", "M": f"{start:%b %Y}", "Y": f"{start:%Y}"}[code]
            edge = f"the dates {'start' if which == 'first' else 'end'} {day:%-d %b %Y}"
            notes.append(f"{which} {unit} ({label}): only {covered} of its {length} days ({edge})")
    return "; ".join(notes) or None


def period_groups(articles: pd.DataFrame, *, by: list, value, date: str, code: str, with_dates: bool = False):
    """The articles grouped by ``by`` and period (``__value`` holds ``value``, ``__date`` the dates if asked),
    for :func:`timeline` and Dask."""
    days = as_dates(articles[date], name=date)
    periods = period_starts(days, code)
    work = articles[by].reset_index(drop=True) if by else pd.DataFrame(index=range(len(articles)))
    work["period"] = periods
    if with_dates:
        work["__date"] = days
    if value is not None:
        work["__value"] = articles[value].to_numpy()
    return work.groupby(by + ["period"], dropna=False, sort=False, observed=True)


def finish_timeline(stats: pd.DataFrame, *, by, value, agg, code) -> pd.DataFrame:
    """From counts per (group, period): every period of the grid (empty ones too), sorted, undated last."""
    out = _grid(stats[by + ["period"]], by, code).merge(stats, on=by + ["period"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    if value is not None:
        dtype = stats[value].dtype
        out[value] = out[value].where(out["n"] > 0, _empty_value(agg))
        if pd.api.types.is_integer_dtype(dtype) and out[value].notna().all():
            out[value] = out[value].astype(dtype)
    out["undated"] = out["period"].isna()
    out = out.sort_values(by + ["period"], na_position="last", kind="stable", ignore_index=True)
    out = out[["period", *by, *([value] if value is not None else []), "n", "undated"]]
    out.attrs = {"n_undated": int(stats.loc[stats["period"].isna(), "n"].sum())}
    return out


@fill_doc
def term_timeline(tokens: pd.DataFrame, terms, *, freq="D", by=None, date: str = "date",
                  token: str = "token", variants=False) -> pd.DataFrame:
    """How often terms occur per period: ``period, [*by], term, n, total, share, undated``.

    ``tokens`` is a tokens table that carries the article date:
    ``tokenize(articles, metadata=["date", "outlet"])``. ``terms`` is one term or a
    list; tokens match case-insensitively and ``*`` stands for any letters
    (``"kyi*"`` counts kyiv, kyiv's, ...); a term may be a list of spellings counted together
    (``[["kyiv", "kiev"], "nato"]``; named by its spellings joined by " / "), and ``variants``
    adds the other spellings of each term. ``term`` holds the term as you wrote it
    and ``attrs["matches"]`` lists the tokens each term matched. A token matching
    two terms counts for both. Terms are single tokens: a phrase matches nothing. Other
    spellings of the names followed that occur in the tokens but are not among ``terms``
    give a :class:`PatternWarning` naming them. ``n`` is the term's tokens in the period (and group),
    ``total`` all tokens there, ``share = n / total`` (NaN when ``total`` is 0).
    Periods are as in :func:`timeline` (``freq="D"/"W"/"M"``, weeks from Monday);
    periods inside the dated range without tokens have ``n = total = 0``.

    Tokens of undated articles are never dropped: each group that has some gets,
    per term, one row with ``period = NaT`` and ``undated = True``;
    ``attrs["n_undated"]`` is the number of undated tokens.

    {params.freq}
    {params.by}
    {params.date}
    {params.token}
    {params.variants}

    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "token": ["Kyiv", "said", "kyiv's", "kyiv"],
    ...                      "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-03", None])})
    >>> t = term_timeline(toks, "kyiv*")
    >>> t.astype({"period": str}).values.tolist()
    [['2024-01-01', 'kyiv*', 1, 2, 0.5, False], ['2024-01-02', 'kyiv*', 0, 0, nan, False], \
['2024-01-03', 'kyiv*', 1, 1, 1.0, False], [nan, 'kyiv*', 1, 1, 1.0, True]]
    """
    by = as_list(by)
    require_columns(tokens, [token], what="tokens table")
    if date not in tokens.columns:
        raise KeyError(
            f"The tokens table has no {date!r} column, so its tokens cannot be placed in time. "
            f"Carry the date along when tokenizing: tokenize(articles, metadata=[{date!r}, 'outlet']). "
            f"Its columns are: {', '.join(map(str, tokens.columns))}."
        )
    require_group_columns(tokens, by)
    check_names(by, [], ("period", "term", "n", "total", "share", "undated"))
    terms = [terms] if isinstance(terms, str) else list(terms)
    if (not terms and len(tokens)) or not all(isinstance(t, (str, list, tuple)) for t in terms):
        raise ValueError("terms should be a word or a list of words, e.g. terms=['nato', 'kyi*'].")
    try:
        spellings = {term_label(t): search_terms(t, variants=variants) for t in terms}
    except ValueError:
        raise ValueError("terms should be a word or a list of words, e.g. terms=['nato', 'kyi*'].") from None
    terms = list(spellings)
    code = freq_code(freq)

    periods = period_starts(as_dates(tokens[date], name=date), code)
    work = tokens[by].reset_index(drop=True) if by else pd.DataFrame(index=range(len(tokens)))
    work["period"] = periods
    keys = by + ["period"]
    if not terms:  # (no tokens either: an empty corpus)
        out = work.assign(term=pd.Series(dtype="str"), n=0, total=0, share=np.nan, undated=False)
        out.attrs = {"n_undated": 0, "matches": {}}
        return out[["period", *by, "term", "n", "total", "share", "undated"]]
    totals = work.groupby(keys, dropna=False, sort=False, observed=True).size().rename("total").reset_index()

    # Match each distinct token once, then spread the answer over the table.
    codes, uniques = pd.factorize(tokens[token])
    vocab = np.array([str(u).lower().replace("’", "'") for u in uniques], dtype=object)
    hint_other_spellings([s for t in terms for s in spellings[t]], ("\n".join(vocab) for _ in (0,)),  # lazily
                         variants=variants, where=None)
    counted, matches = [], {}
    for term in terms:
        rx = re.compile("|".join(token_regex(s.lower()) for s in spellings[term]))
        hit_u = np.fromiter((rx.match(w) is not None for w in vocab), dtype=bool, count=len(vocab))
        matches[term] = sorted(set(vocab[hit_u]))
        hit = np.append(hit_u, False)[np.where(codes >= 0, codes, len(vocab))]
        c = work[hit].groupby(keys, dropna=False, sort=False, observed=True).size().rename("n").reset_index()
        c["term"] = term
        counted.append(c)
    counts = pd.concat(counted, ignore_index=True) if counted else pd.DataFrame(columns=[*keys, "n", "term"])

    term_frame = pd.DataFrame({"term": pd.Series(terms, dtype="str")})
    out = (_grid(totals[keys], by, code, extra=term_frame)
           .merge(totals, on=keys, how="left")
           .merge(counts, on=keys + ["term"], how="left"))
    out["n"] = out["n"].fillna(0).astype("int64")
    out["total"] = out["total"].fillna(0).astype("int64")
    out["share"] = (out["n"] / out["total"].where(out["total"] > 0)).astype("float64")
    out["undated"] = out["period"].isna()
    out["_order"] = out["term"].map({t: i for i, t in enumerate(terms)})
    out = out.sort_values(by + ["_order", "period"], na_position="last", kind="stable", ignore_index=True)
    out = out[["period", *by, "term", "n", "total", "share", "undated"]]
    out.attrs = {"n_undated": int(periods.isna().sum()), "matches": matches}
    return out
