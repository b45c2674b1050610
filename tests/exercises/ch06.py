"""Checks for the chapter 6 exercises (finetuning a GPT model as a spam classifier).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with a
message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch.classification`` (the verified reference), from pandas itself and from small fake
models whose outputs are known exactly, so every check runs in well under a second.

Hints are chosen by evidence: a check applies the usual mistakes to the reference (the ideas of
the kept mutants in ``tests/exercises/mutants/ch06/``) and names the one whose output equals the
answer's; when none does, it says plainly what differs. Every check runs at least two
configurations whose sizes are pairwise distinct, so a swapped or hard-coded size cannot pass.

Longer than our usual 400 lines on purpose: each check replays many known mistakes on two
or more configurations, and the checks of a chapter share their helpers (models, inputs,
replays); ``<chapter>_<part>.py`` files hold separate parts such as the bonus exercises.
"""

from __future__ import annotations

import copy
import html
import math
import random
import re
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch.overrides import TorchFunctionMode

from llmscratch.checking import (
    CheckFailure,
    Exercise,
    assert_close,
    check_cases,
    describe_difference,
    fresh_copy,
    likely_cause,
    narrowed_dtype,
    raised_not_implemented,
    same_under_two_seeds,
    state_probed,
)

PAD = 50256


def _matching_cause(actual, candidates):
    """The first cause whose output equals ``actual`` exactly (lists, strings, sets), or None.

    The exact-equality sibling of ``likely_cause`` for answers that are not tensors."""
    for cause, value in candidates.items():
        if actual == value:
            return cause
    return None


def _short_repr(value):
    """A one-line description: a model or other module by its class name, long text cut."""
    if isinstance(value, torch.nn.Module):
        return f"{type(value).__name__}(...)"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(_short_repr(v) for v in value[:4]) + (", ..." if len(value) > 4 else "")
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _as_number(value, what, expected=None):
    """``value`` as a float; a CheckFailure naming what came back otherwise. ``expected`` (the
    right number, when known) lets a tuple that holds it be named as such."""
    if isinstance(value, torch.Tensor) and value.numel() == 1 or isinstance(value, np.generic):
        value = value.item()  # a one-element tensor or a numpy scalar (np.int64) is a number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        numbers = [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)] \
            if isinstance(value, (tuple, list)) else []
        extra = (f": return only the number ({numbers[0]!r} here), not a "
                 f"{type(value).__name__} with it" if len(numbers) == 1 else "")
        if len(numbers) > 1 and expected is not None and expected in numbers:
            extra = (f": item {numbers.index(expected)} ({expected!r}) is the right number; "
                     f"return it alone, not a {type(value).__name__} of {len(numbers)}")
        elif len(numbers) == 2 and expected is None and numbers[1] and 0 <= numbers[0] <= \
                numbers[1] and what == "calc_accuracy_loader":
            extra = (f": a pair of counts, {numbers[0]!r} and {numbers[1]!r}; the accuracy is "
                     f"one fraction, the correct count divided by the examples seen "
                     f"({numbers[0]!r} / {numbers[1]!r} if that is what they are)")
        raise CheckFailure(f"{what} returned {_short_repr(value)} ({type(value).__name__}); "
                           f"return a number{extra}")
    if value != value or value in (float("inf"), float("-inf")):
        raise CheckFailure(f"{what} returned {value}: not a finite number")
    return float(value)


class CharTokenizer:
    """One token per character (its code point), so lengths are easy to follow.

    Its ``eot_token`` (tiktoken's name) is 50255, not GPT-2's 50256: an answer that pads with
    the tokenizer's own id instead of the ``pad_token_id`` argument shows."""

    eot_token = 50255

    def encode(self, text, **kwargs):  # accepts allowed_special=... like tiktoken's
        _one_text(text)
        return [ord(c) for c in text]


class ByteTokenizer:
    """One token per UTF-8 byte: "café" is 5 ids, so a length counted in characters shows."""

    eot_token = CharTokenizer.eot_token

    def encode(self, text, **kwargs):
        _one_text(text)
        return list(text.encode("utf-8"))


class _ShiftedTokenizer:
    """Another tokenizer: ``tok``'s ids, each one higher (tells whether an answer encodes
    with the tokenizer it is given)."""

    def __init__(self, tok):
        self.tok, self.eot_token = tok, tok.eot_token

    def encode(self, text, **kwargs):
        return [i + 1 for i in self.tok.encode(text, **kwargs)]


class _MarkerTokenizer(CharTokenizer):
    """One id per character, like ``CharTokenizer``, that also reads tiktoken's
    ``allowed_special``: where that names ``<|endoftext|>`` (or is "all") the marker typed in a
    text becomes the one id ``eot_token``; without it the marker is text, as with
    ``disallowed_special=()`` (tiktoken itself would raise). It records whether a call allowed
    the marker, so a message's text turned into the special token is named from the call."""

    MARKER = "<|endoftext|>"

    def __init__(self):
        self.allowed_calls = 0

    def encode(self, text, allowed_special=(), **kwargs):
        _one_text(text)
        if allowed_special != "all" and self.MARKER not in allowed_special:
            return [ord(c) for c in text]
        self.allowed_calls += 1
        parts = text.split(self.MARKER)
        ids = [ord(c) for c in parts[0]]
        for part in parts[1:]:
            ids += [self.eot_token] + [ord(c) for c in part]
        return ids


_MARKER_ALLOWED = ("a message holding the text '<|endoftext|>': your code passed allowed_special "
                   "(naming '<|endoftext|>', or 'all') to tokenizer.encode, so those 13 "
                   "characters became the one end-of-text id ({eot} here; 50256 with GPT-2, the "
                   "padding id): a message is text, and its characters stay text; call "
                   "tokenizer.encode(text) (to read the marker as text with tiktoken, which "
                   "refuses it by default, pass disallowed_special=())")


def _marker_named(run, tok):
    """Run ``run()``; when it fails after a call that let the marker through, name that."""
    try:
        run()
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 (named when the tokenizer saw allowed_special)
        if not tok.allowed_calls:
            raise
        raise CheckFailure(_MARKER_ALLOWED.format(eot=tok.eot_token)) from err


_OWN_TOKENIZER = ("your ids stay the same when the tokenizer given changes (one whose ids are "
                  "all one higher gives the very same ids, also on a freshly loaded copy of "
                  "your file): your code encodes with a tokenizer of its own (such as "
                  "tiktoken.get_encoding('gpt2') made at module level), not the `tokenizer` "
                  "argument; encode with tokenizer.encode(text)")


def _tokenizer_ignored(ids_with, tok):
    """Whether ``ids_with(tokenizer)`` (the ids a freshly loaded answer produced with that
    tokenizer) come out the same with ``tok`` and with ``_ShiftedTokenizer(tok)``."""
    try:
        mine, shifted = ids_with(tok), ids_with(_ShiftedTokenizer(tok))
    except Exception:  # noqa: BLE001 (no probe result)
        return False
    return mine is not None and mine == shifted


def _one_text(text):
    """Refuse what tiktoken refuses too, with the cause: encode takes one message, a str."""
    if not isinstance(text, str):
        raise TypeError(f"tokenizer.encode takes one text (a str) and was given a "
                        f"{type(text).__name__}: encode each message on its own, "
                        "[tokenizer.encode(text) for text in self.data['Text']]")



# --- ex6_1: the balanced dataset ------------------------------------------------------------------


def _sms_frame(n_ham, n_spam, seed, first_index, repeats=False, shared=False, spaced=False,
               typed=False, text_first=False, shuffled=False, index_name=None):
    """A fake SMS frame: ham and spam interleaved, with an index that does not start at 0.

    ``repeats``: a few messages appear twice (same label and text), as in the real data set.
    ``shared``: two ham rows hold the text of a spam row (one text, both labels).
    ``spaced``: every third message has spaces around it, as typed.
    ``typed``: every fourth message has capitals and two spaces in a row, as typed.
    ``text_first``: the columns in the order Text, Label.
    ``shuffled``: the index labels distinct but out of order (a frame shuffled earlier).
    ``index_name``: a name for the index (a CSV read with index_col='id')."""
    labels = ["ham"] * n_ham + ["spam"] * n_spam
    random.Random(seed).shuffle(labels)
    index = range(first_index, first_index + n_ham + n_spam)
    texts = [f" message {i} " if spaced and i % 3 == 0 else f"Call  NOW {i}" if typed
             and i % 4 == 0 else f"message {i}" for i in index]
    if repeats:
        for label in ("ham", "spam"):
            rows = [k for k, lab in enumerate(labels) if lab == label]
            texts[rows[1]] = texts[rows[0]]  # the second message of each label repeats the first
    if shared:
        ham = [k for k, lab in enumerate(labels) if lab == "ham"]
        spam = [k for k, lab in enumerate(labels) if lab == "spam"]
        for k in ham[:2]:
            texts[k] = texts[spam[0]]
    if shuffled:
        index = list(index)
        random.Random(seed + 7).shuffle(index)
    frame = pd.DataFrame({"Label": labels, "Text": texts}, index=pd.Index(index, name=index_name))
    return frame[["Text", "Label"]] if text_first else frame


def _reference_balanced(frame):
    num_spam = int((frame["Label"] == "spam").sum())
    ham = frame[frame["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, frame[frame["Label"] == "spam"]])


def _sized_by_frame(impl, frame, err):
    """A CheckFailure when the answer's .sample got a Series or DataFrame as its size, or None."""
    sizes = [args[0] if args else kw.get("n") for args, kw, _ in _sample_calls(impl, frame)]
    kind = next((type(n).__name__ for n in sizes if isinstance(n, (pd.Series, pd.DataFrame))),
                None)
    if kind is None:
        return None
    return CheckFailure(f"your code raised {type(err).__name__}: {str(err).rstrip('.')}. Your "
                        f".sample call got a {kind} as the number of rows, not a number "
                        "(df[mask].count() counts per column, value_counts() gives one count "
                        "per label): count the spam rows as one int, "
                        "(df['Label'] == 'spam').sum()")


def _balanced_case(impl, n_ham, n_spam, seed, first_index, repeats=False, shared=False,
                   spaced=False, typed=False, text_first=False, shuffled=False, index_name=None):
    df = _sms_frame(n_ham, n_spam, seed, first_index, repeats, shared, spaced, typed, text_first,
                    shuffled, index_name)
    original = df.copy()
    np.random.seed(seed + 1000)  # numpy's global generator: a correct answer leaves it alone
    global_state = np.random.get_state()
    try:
        got = impl(df)
    except TypeError as err:
        failure = _sized_by_frame(impl, original, err)
        if failure is None:
            raise
        raise failure from err
    except IndexError as err:
        if "positional indexers are out-of-bounds" not in str(err) or first_index == 0:
            raise
        raise CheckFailure(f"your code raised IndexError: {err}. This frame's index runs from "
                           f"{first_index} to {first_index + n_ham + n_spam - 1}, and .iloc "
                           "takes POSITIONS (0 to len - 1): index LABELS (such as a sample's "
                           ".index) were given to .iloc; pick rows by label with .loc, or "
                           "better keep the sampled frame itself, ham_rows.sample(n, "
                           "random_state=123)") from err
    except AttributeError as err:
        if "object has no attribute 'append'" not in str(err):
            raise
        raise CheckFailure(f"your code raised AttributeError: {err}. DataFrame.append (and "
                           "Series.append) were removed in pandas 2.0, so code from older "
                           "tutorials fails here: join the parts with pd.concat([ham_subset, "
                           "spam_subset])") from err
    except ValueError as err:
        failure = _sized_by_frame(impl, original, err)
        if failure is not None:
            raise failure from err
        if "Only integers accepted" in str(err):
            sizes = [args[0] if args else kw.get("n") for args, kw, _ in
                     _sample_calls(impl, original)]
            share = next((n for n in sizes if isinstance(n, float) and 0 < n < 1), None)
            if share is not None and abs(share - n_spam / len(original)) < 1e-9:
                raise CheckFailure(f"your code raised ValueError: {err}. Your .sample call got "
                                   f"n={share:.4g}, spam's SHARE of the {len(original)} rows "
                                   f"({n_spam}/{len(original)}: value_counts(normalize=True) "
                                   "or a mean of the mask), not the number of spam rows: "
                                   "count them, (df['Label'] == 'spam').sum()") from err
            raise
        if "larger sample" not in str(err):
            raise
        calls = _sample_calls(impl, original)
        if any(kw.get("axis") in (1, "columns") or args[4:5] in ((1,), ("columns",))
               for args, kw, _ in calls):
            raise CheckFailure(f"your code raised ValueError: {err}. Your .sample call has "
                               "axis=1, so it draws COLUMNS (this frame has 2) instead of "
                               "rows: leave axis out, .sample(n, random_state=123) draws "
                               "rows") from err
        asked = [args[0] if args else kw.get("n") for args, kw, _ in calls]
        other = _sms_frame(9, 3, seed=15, first_index=0)
        again = [args[0] if args else kw.get("n") for args, kw, _ in _sample_calls(impl, other)]
        why = ("wrong ((df['Label'] == 'spam').count() or len() of the mask counts EVERY row, "
               "True or False; .sum() counts the spam rows)")
        if asked and asked[0] != len(original) and again[:1] == asked[:1]:
            why = (f"a fixed number: a frame of 9 ham + 3 spam gets the same n={asked[0]} "
                   "(a count typed in, such as the full SMS file's 747 spam messages?); count "
                   "the spam rows of the frame given, (df['Label'] == 'spam').sum()")
        raise CheckFailure(f"your code raised ValueError: {err}. It asked .sample for "
                           f"{asked[0] if asked else 'more'} rows of the {n_ham} ham rows, but "
                           f"there are only {n_spam} spam rows to match: the spam count is "
                           f"{why}") from err
    global_untouched = _same_numpy_state(global_state, np.random.get_state())
    renamed = list(df.index.names) != list(original.index.names)
    if not df.equals(original) or list(df.index) != list(original.index) or renamed:
        change = (f"its columns are now {list(df.columns)}"
                  if list(df.columns) != list(original.columns)
                  else f"it has {len(df)} rows, had {len(original)}" if len(df) != len(original)
                  else f"its index is now named {df.index.name!r} (df.index.name = ... or "
                  "rename_axis(..., inplace=True) on the caller's frame)" if renamed
                  else "its values changed")
        raise CheckFailure(f"create_balanced_dataset changed the DataFrame it was given in place "
                           f"({change}); build a new frame with pd.concat and leave the caller's "
                           "data alone")
    if not isinstance(got, pd.DataFrame):
        raise CheckFailure(f"create_balanced_dataset returned a {type(got).__name__}; return a "
                           "DataFrame (pd.concat of the ham and spam rows)")
    missing = ({c: int(got[c].isna().sum()) for c in got.columns if got[c].isna().any()}
               if sorted(got.columns) == ["Label", "Text"] else {})
    if missing:
        which = "Label" if "Label" in missing else "Text"
        raise CheckFailure(f"the result's {which} column has {missing[which]} missing values "
                           f"(NaN) in {len(got)} rows: some rows came without a {which} column, "
                           "a single column (a Series) such as df.loc[mask, 'Text'] or "
                           "df[mask]['Text'] joined with whole rows, so pd.concat filled the gap "
                           "with NaN: sample whole rows, df[df['Label'] == 'ham'].sample(...)")
    cols = list(original.columns)
    if list(got.columns) != cols:
        hint = ("the columns came back in alphabetical order: pd.concat(..., sort=True) sorts "
                "them (so does a column list such as df[['Label', 'Text']]); keep the input's "
                "column order, pd.concat([ham_subset, spam_rows]) without sort=" if
                list(got.columns) == sorted(cols) else
                "the same two columns in another order (a column list such as "
                "df[['Text', 'Label']], or a frame rebuilt from a dict): keep the input's "
                f"column order, {' then '.join(cols)}" if sorted(got.columns) == sorted(cols) else
                "keep the labels as 'ham'/'spam'" if len(got.columns) <= 2 else
                f"reset_index() without drop=True turned the old index into the column "
                f"{got.columns[0]!r} (and the index now starts at 0): keep each row's "
                "original index, so do not reset it" if got.columns[0] in ("index", "level_0")
                and list(got.columns[1:]) == cols else
                "pd.concat(..., axis=1) put the spam rows BESIDE the ham rows as new columns "
                f"({len(got)} rows): stack them as rows, pd.concat([ham_subset, spam_rows]) "
                "with the default axis=0" if list(got.columns) == cols * 2 else
                "return the input's two columns only")
        raise CheckFailure(f"the result has columns {list(got.columns)}, expected {cols} as "
                           f"in the input: {hint}")
    foreign = [t for t in got["Text"] if t not in set(original["Text"])]
    if foreign and set(foreign) <= {t.strip() for t in original["Text"]}:
        raise CheckFailure(f"the result holds messages without the spaces around them (e.g. "
                           f"{foreign[0]!r}, {len(foreign)} of {len(got)} rows): the texts were "
                           "stripped (str.strip()); keep each message as it is in the input")
    cleanings = {"were lowercased (str.lower())": str.lower,
                 "had their runs of spaces collapsed (' '.join(text.split()) or a replace of "
                 "'  ')": lambda t: " ".join(t.split())}
    for how, clean in cleanings.items():
        if foreign and set(foreign) <= {clean(t) for t in original["Text"]}:
            raise CheckFailure(f"the result holds messages that differ from the input's (e.g. "
                               f"{foreign[0]!r}, {len(foreign)} of {len(got)} rows): the texts "
                               f"{how}; keep each message as it is in the input (any "
                               "cleaning of the texts is not part of balancing)")
    if foreign:
        raise CheckFailure(f"the result holds messages that are not in the frame given (e.g. "
                           f"{foreign[0]!r}, {len(foreign)} of {len(got)} rows): they come from "
                           "an earlier call; your code keeps state between calls (a cache, a "
                           "module-level variable or a mutable default argument): build the "
                           "result from df alone on every call")
    counts = got["Label"].value_counts().to_dict()
    if not set(counts) <= {"ham", "spam"}:
        raise CheckFailure(f"the labels are now {sorted(counts, key=str)}; keep 'ham' and 'spam' "
                           "as they are (the mapping to 0/1 is a later step)")
    if repeats and list(got.index) == list(_reference_balanced(original.drop_duplicates()).index):
        raise CheckFailure(f"the result has {counts}, expected {n_spam} of each: you dropped the "
                           "repeated messages (drop_duplicates); the data set holds some "
                           "messages twice, and every spam row stays")
    spelling = None if counts.get("spam") else _spam_spelling(impl, original)
    if spelling is not None:
        raise CheckFailure(f"the result has {counts or 'no rows'}, none of the input's {n_spam} "
                           f"spam rows: your code looks for the label {spelling!r} (given "
                           f"labels spelled {spelling!r} it keeps them); the data's labels are "
                           "the lowercase words 'ham' and 'spam': compare with "
                           "df['Label'] == 'spam'")
    if not counts.get("spam") and _reads_label_column_by_position(impl, original):
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts or 'no rows'}: "
                           f"this frame's columns come in the order {list(original.columns)}, "
                           "and given the same rows with the two columns swapped your code "
                           "balances them right: it reads the labels from a column POSITION "
                           "(df.iloc[:, 0], df.columns[0], or unpacking the rows), which here "
                           "holds the texts; read the column by its name, df['Label']")
    if counts != {"ham": n_spam, "spam": n_spam} and counts.get("ham") == n_ham > n_spam \
            and counts.get("spam") == n_spam and list(got.index[:n_ham]) == list(
                original[original["Label"] == "ham"].sample(n_ham, random_state=123).index):
        asked = [args[0] if args else kw.get("n") for args, kw, _ in
                 _sample_calls(impl, original)]
        if asked == [n_ham] and n_ham != len(original) and _calls_value_counts(impl, original):
            raise CheckFailure(
                f"with {n_spam} spam messages the result has {counts}: your .sample call asked "
                f"for {n_ham} rows, the number of HAM rows, so every ham row was drawn: the "
                "count you read from value_counts() is ham's, not spam's (a count picked by "
                "position, such as "
                "value_counts().iloc[0] or .values[-1]; value_counts(sort=False) lists the "
                "labels in the order they first appear, here "
                f"{list(original['Label'].value_counts(sort=False).index)}): read the spam "
                "count by its name, (df['Label'] == 'spam').sum()")
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: you drew "
                           f"every one of the {n_ham} ham rows, a seeded shuffle of them all: "
                           "either .sample(frac=1, ...), or .sample(n) with a spam count n that "
                           "is too large ((df['Label'] == 'spam').count() or len() of the mask "
                           "counts EVERY row, True or False; .sum() counts the spam rows) and "
                           f"capped at the {n_ham} ham rows: draw exactly {n_spam} ham rows, "
                           f".sample({n_spam}, random_state=123)")
    reference = _reference_balanced(original)
    for subset, how in ((["Text"], "drop_duplicates(subset='Text')"), (None, "drop_duplicates()")):
        deduplicated = reference.drop_duplicates(subset=subset)
        if len(deduplicated) < len(reference) and list(got.index) == list(deduplicated.index):
            raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: you "
                               f"dropped repeated messages after the concat ({how}), which "
                               "also removes rows whose text another row shares (here a ham "
                               "and a spam message, or two messages of one label): the data "
                               "set holds some messages twice; keep every sampled ham row and "
                               "every spam row")
    as_fraction = int(len(original) * (original["Label"] == "spam").mean())
    if counts == {"ham": as_fraction, "spam": n_spam} and as_fraction != n_spam:
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: the ham "
                           f"count {as_fraction} is int(len(df) * (df['Label'] == 'spam')"
                           f".mean()), a float ({len(original) * (n_spam / len(original))!r}) "
                           "that int() truncates: count the spam rows exactly, "
                           "(df['Label'] == 'spam').sum()")
    distinct = original.loc[original["Label"] == "spam", "Text"].nunique()
    if counts == {"ham": distinct, "spam": n_spam} and distinct != n_spam:
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: the ham "
                           f"count {distinct} is the number of DISTINCT spam texts (here a "
                           "spam message is repeated): nunique() or a set counts it once; "
                           "count the spam rows, (df['Label'] == 'spam').sum()")
    ham_pool = original[original["Label"] == "ham"]
    by_share = ham_pool.sample(frac=n_spam / len(original), random_state=123)
    if counts.get("ham") == len(by_share) != n_spam and list(got.index) == list(pd.concat(
            [by_share, original[original["Label"] == "spam"]]).index):
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: the ham rows "
                           f"are what .sample(frac={n_spam}/{len(original)}, random_state=123) "
                           "draws: frac is a share of the HAM rows it samples from, and "
                           f"spam's share of the whole frame times the {len(ham_pool)} ham "
                           f"rows rounds to {len(by_share)}; draw a count, .sample({n_spam}, "
                           "random_state=123) with the number of spam rows")
    if counts != {"ham": n_spam, "spam": n_spam} and len(got) == len(original) and list(
            got.index[:n_spam]) == list(reference.index[:n_spam]) and sorted(
                got["Text"]) == sorted(original["Text"]):
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}: the first "
                           f"{n_spam} rows are the right sample of ham, but then come ALL "
                           f"{len(original) - n_spam} other rows of the frame, the "
                           f"{n_ham - n_spam} ham rows that were not drawn among them "
                           "(df.drop(ham_subset.index) "
                           "or a mask of rows not sampled keeps them): join the sample with the "
                           "spam rows only, df[df['Label'] == 'spam']")
    if counts != {"ham": n_spam, "spam": n_spam}:
        asked = [args[0] if args else kw.get("n") for args, kw, _ in
                 _sample_calls(impl, original)]
        seen = (f" (your .sample call asked for n={asked[0]!r} rows)"
                if len(asked) == 1 and asked[0] is not None else "")
        fracs = [kw["frac"] for args, kw, _ in _sample_calls(impl, original) if "frac" in kw]
        if fracs == [0] and n_spam and counts.get("ham", 0) == 0:
            seen = (": your .sample call asked for frac=0, which draws no row (an integer "
                    "division such as len(spam) // len(ham), or int() of a share, rounds the "
                    f"fraction down to 0): draw a count, .sample({n_spam}, random_state=123)")
        if asked == [n_spam * original.shape[1]] and n_spam:
            seen = (f": your .sample call asked for {asked[0]} rows, {original.shape[1]} times "
                    f"the {n_spam} spam rows: .size counts the CELLS of a frame (rows times "
                    f"its {original.shape[1]} columns); count rows with len() or .shape[0], or "
                    "the spam rows with (df['Label'] == 'spam').sum()")
        if asked == [original.shape[1]] and counts.get("ham") == original.shape[1] != n_spam:
            seen = (f": your .sample call asked for {asked[0]} rows, the number of COLUMNS of "
                    f"the frame ({list(original.columns)}): .shape[1] or len(df.columns) "
                    "counts columns; the row count is .shape[0], or count the spam rows with "
                    "(df['Label'] == 'spam').sum()")
        masked = original.where(original["Label"] == "ham").sample(n_spam, random_state=123)
        spam_part = original[original["Label"] == "spam"]
        if list(got.index) in (list(pd.concat([masked, spam_part]).index),
                               list(pd.concat([masked.dropna(), spam_part]).index)):
            seen = (f": your ham rows are what .sample({n_spam}, random_state=123) draws from "
                    "df.where(df['Label'] == 'ham'): .where does not filter, it keeps EVERY "
                    f"row ({len(original)} here) and blanks the others with NaN, so the draw "
                    "also hit spam rows turned NaN; select the ham rows with a mask, "
                    "df[df['Label'] == 'ham'], then sample")
        raise CheckFailure(f"with {n_spam} spam messages the result has {counts}; keep all "
                           f"{n_spam} spam rows and exactly {n_spam} ham rows, sampled from the "
                           f"ham rows only{seen}{_rows_differing(got, original, reference)}")
    ham_rows = original[original["Label"] == "ham"]
    spam_rows = original[original["Label"] == "spam"]
    sample = ham_rows.sample(n_spam, random_state=123)
    expected = list(pd.concat([sample, spam_rows]).index)
    got_index = list(got.index)
    if got_index == expected:
        if not got.equals(original.loc[expected]):
            changed = [f"{c} is {got[c].dtype}, was {original[c].dtype}" for c in original
                       if got[c].dtype != original[c].dtype]
            raise CheckFailure("the rows have the right index but other contents" + (
                f" ({', '.join(changed)}): keep each column's dtype, no astype"
                if changed else ": keep each row as it is in the input"))
        if list(got.index.names) != list(original.index.names):
            raise CheckFailure(f"the rows are right, but the result's index is named "
                               f"{got.index.name!r} where the input's is {original.index.name!r}: "
                               "keep the index as it is, its name included (no rename_axis or "
                               "index.name = ... on the result)")
        if not global_untouched:
            raise CheckFailure("the rows are right, but numpy's global random generator changed "
                               "(np.random.seed, or a draw from it): that alters every later "
                               "random number of the caller's program; pass random_state=123 to "
                               ".sample and leave the global generator alone")
        return
    causes = {
        "the spam rows come first: put the sampled ham rows first, then the spam rows "
        "(pd.concat([ham_subset, spam_rows])), since random_split's seeded shuffle depends on "
        "the row order": list(pd.concat([spam_rows, sample]).index),
        "the index was reset (ignore_index=True or reset_index): keep each row's original "
        "index, so a row can be traced back to the file": list(range(2 * n_spam)),
        "the spam rows' index was reset (reset_index(drop=True) on the spam rows): the ham "
        "rows are right, but the spam rows are numbered from 0; keep each row's original "
        "index": list(sample.index) + list(range(n_spam)),
        (f"with as many ham rows as spam rows ({n_spam} each), the ham rows came in the "
         "frame's order, unsampled: .sample(n) with n equal to every row still shuffles them, "
         "and the seeded split that follows depends on that order; draw them with "
         f".sample({n_spam}, random_state=123) even then (no `if len(ham) > num_spam` "
         "shortcut)" if len(ham_rows) == n_spam else
         f"you kept the first {n_spam} ham rows; take a seeded random sample instead "
         f"(.sample({n_spam}, random_state=123))"): list(ham_rows.index[:n_spam])
        + list(spam_rows.index),
        f"you kept the LAST {n_spam} ham rows (.tail or [-n:]); take a seeded random sample "
        f"instead (.sample({n_spam}, random_state=123))": list(ham_rows.index[-n_spam:])
        + list(spam_rows.index),
        "the rows are in the file's order (selected by a mask rather than concatenated, or "
        "sorted afterwards with sort_index): put the sampled ham rows first, in the order "
        ".sample returns them, then the spam rows, and do not sort them":
        sorted(expected),
        "the sampled ham rows were sorted by index (sort_index or sorted), or by a column "
        "that follows the index here (sort_values on Text): keep them in the "
        "order .sample returns them, then the spam rows": list(sample.sort_index().index)
        + list(spam_rows.index),
        "you shuffled the WHOLE frame (df.sample(frac=1, random_state=123)) and kept its first "
        f"{n_spam} ham rows; draw from the ham rows only: "
        f"ham_rows.sample({n_spam}, random_state=123)": list(
            _first_ham_of_shuffle(original, n_spam)) + list(spam_rows.index),
    }
    for seed_tried in (123, 42, 0):
        causes[f"you shuffled the result after the concat (.sample(frac=1, random_state="
               f"{seed_tried})): return the sampled ham rows first, then the spam rows, "
               "unshuffled; random_split shuffles them later"] = list(pd.concat(
                   [sample, spam_rows]).sample(frac=1, random_state=seed_tried).index)
    for seed_tried in dict.fromkeys((0, 1, 42, 1234, n_spam)):
        causes[f"the ham rows are sampled with random_state={seed_tried}"
               + (", the spam count (a variable passed as the seed; n is the count, the seed "
                  "is 123)" if seed_tried == n_spam else "")
               + "; use 123 so everyone gets the same data set"] = list(pd.concat(
                   [ham_rows.sample(n_spam, random_state=seed_tried), spam_rows]).index)
    causes["random_state=np.random.default_rng(123) is a Generator, which draws other rows than "
           "the integer seed: pass random_state=123 itself (an int), as everyone's data set "
           "uses"] = list(pd.concat([ham_rows.sample(
               n_spam, random_state=np.random.default_rng(123)), spam_rows]).index)
    causes["your ham rows are the ones Python's random module draws with seed 123 "
           "(random.seed(123) then random.sample, or random.Random(123).sample, over the ham "
           "rows' labels): another generator than pandas', so other rows; draw them with "
           f"ham_rows.sample({n_spam}, random_state=123)"] = list(random.Random(123).sample(
               list(ham_rows.index), n_spam)) + list(spam_rows.index)
    causes["the ham rows were sampled with replacement (replace=True), so some repeat: sample "
           "without replacement"] = list(pd.concat(
               [ham_rows.sample(n_spam, random_state=123, replace=True), spam_rows]).index)
    if repeats:
        for subset, how in ((["Text"], "drop_duplicates(subset='Text')"),
                            (None, "drop_duplicates()")):
            causes[f"you dropped the repeated ham messages ({how}) BEFORE sampling, so "
                   f".sample({n_spam}, random_state=123) drew from fewer rows and picked "
                   "others: the data set holds some messages twice; sample from every ham row, "
                   "df[df['Label'] == 'ham']"] = list(pd.concat([ham_rows.drop_duplicates(
                       subset=subset).sample(n_spam, random_state=123), spam_rows]).index)
    for key, how in (("Text", "sort_values('Text')"), (None, "sort_index(ascending=False)")):
        pool = ham_rows.sort_values(key) if key else ham_rows.sort_index(ascending=False)
        causes[f"the ham rows were reordered ({how}) BEFORE sampling: .sample picks rows by "
               "POSITION, so the same seed on a reordered pool picks other rows; sample "
               "df[df['Label'] == 'ham'] in the input's order"] = list(pd.concat(
                   [pool.sample(n_spam, random_state=123), spam_rows]).index)
    not_spam_text = original[~original["Text"].isin(spam_rows["Text"])]
    if len(not_spam_text) >= n_spam and len(not_spam_text) != len(ham_rows):
        causes["the ham rows were chosen by their TEXT (rows whose text is not a spam text, "
               "e.g. ~df['Text'].isin(spam['Text'])): here two ham messages share a spam "
               "message's text, so they were left out and .sample drew from other rows; select "
               "the ham rows by their label, df[df['Label'] == 'ham']"] = list(pd.concat(
                   [not_spam_text.sample(n_spam, random_state=123), spam_rows]).index)
    for parts, how in (([spam_rows, sample], "to put ham first"), ([sample, spam_rows],
                                                                  "after the concat")):
        causes.setdefault(
            f"you sorted the rows by Label {how} (sort_values('Label')): its default quicksort "
            "is not stable, so it also reorders the rows WITHIN each label; join the parts in "
            "order, pd.concat([ham_subset, spam_rows]), and do not sort",
            list(pd.concat(parts).sort_values("Label").index))
    causes["the spam rows were sorted by index (sort_index): this frame's index labels are out "
           "of order, so that moves them; keep the spam rows in the input's order after the "
           "ham sample"] = list(sample.index) + sorted(spam_rows.index)
    causes["the whole frame was sorted by index before sampling (df.sort_index()): this "
           "frame's index labels are out of order, and .sample picks rows by POSITION, so the "
           "same seed on the sorted rows draws other ham rows (and the spam rows come in index "
           "order): sample the rows in the input's order, leave the index unsorted"] = list(
               _reference_balanced(original.sort_index()).index)
    for ascending in (True, False):
        causes.setdefault(
            "the whole frame was sorted by Label before sampling (df.sort_values('Label'"
            + ("" if ascending else ", ascending=False") + ")): its default quicksort is not "
            "stable, so it also reorders the ham rows among themselves, and .sample picks rows "
            "by POSITION, so the same seed draws other ham rows; sample "
            "df[df['Label'] == 'ham'] in the input's order, and do not sort",
            list(_reference_balanced(original.sort_values("Label", ascending=ascending)).index))
    for seed_tried in (123, 42, 0):
        causes.setdefault(
            f"you shuffled the whole frame first (df.sample(frac=1, random_state={seed_tried})) "
            "and then sampled its ham rows: .sample picks rows by POSITION, so the same seed on "
            "a shuffled pool draws other ham rows (and the spam rows come shuffled too); drop "
            "the shuffle, sample df[df['Label'] == 'ham'] in the input's order",
            list(_reference_balanced(original.sample(frac=1, random_state=seed_tried)).index))
        causes.setdefault(
            f"you shuffled the ham rows first (.sample(frac=1, random_state={seed_tried})) and "
            "then sampled from them: .sample picks rows by POSITION, so the same seed on a "
            "shuffled pool draws other rows; one call draws and shuffles at once, "
            f"ham_rows.sample({n_spam}, random_state=123)",
            list(ham_rows.sample(frac=1, random_state=seed_tried).sample(
                n_spam, random_state=123).index) + list(spam_rows.index))
    causes["the frame's index was reset before sampling (df.reset_index(drop=True)): the "
           "right rows in the right order, but numbered by position from 0, not with the "
           "input's labels; keep each row's original index"] = list(
               _reference_balanced(original.reset_index(drop=True)).index)
    hint = _matching_cause(got_index, causes)
    if hint is not None and hint.startswith("the sampled ham rows were sorted by index"):
        probe = original.iloc[::-1]  # the rows (index and text) in reverse order
        probe_ham = probe[probe["Label"] == "ham"]
        drawn = set(probe_ham.sample(n_spam, random_state=123).index)
        try:
            mine = list(impl(probe.copy()).index[:n_spam])
        except Exception:  # noqa: BLE001 (any failure: no pattern to name)
            mine = None
        if mine == [i for i in probe_ham.index if i in drawn] and mine != sorted(mine):
            hint = ("the sampled ham rows are in the FRAME's order, not in .sample's: they "
                    "were picked back out of the frame with a mask (ham[ham.index.isin("
                    "sampled.index)], or a boolean mask with .loc), or the drawn POSITIONS "
                    "were sorted before .iloc (np.sort or sorted on a permutation's prefix), "
                    "either of which keeps the input's row order (with the input's rows "
                    "reversed they came out reversed too, so it is no sort by index label or "
                    "by text); use the sampled frame itself, ham_rows.sample(n, "
                    "random_state=123), in the order it is drawn, then the spam rows")
    if hint is not None and hint.startswith("the index was reset") and "Text" in got and list(
            got["Text"]) == list(pd.concat([spam_rows, sample])["Text"]):
        hint = ("two slips: the index was reset (ignore_index=True or reset_index), AND the "
                "spam rows come first (the texts are the spam rows', then the sampled ham "
                "rows'): keep each row's original index, and put the sampled ham rows first, "
                "pd.concat([ham_subset, spam_rows])")
    changes = _changes_between_calls(impl, original) if hint is None else None
    if changes == "state":
        hint = ("your result changes from call to call even after the same numpy seed: a "
                "generator made once (np.random.RandomState(123) or default_rng at module "
                "level, or a default argument) goes on drawing where the last call stopped; "
                "pass random_state=123 itself to .sample on every call")
    if changes == "seed":
        hint = ("your result changes from call to call (two calls after different numpy seeds "
                "differ): " + (
                    "the rows are the right ones but their order is drawn, a shuffle without a "
                    "seed (.sample(frac=1)) after the seeded sample: keep .sample's order, ham "
                    "first, then spam" if set(got_index) == set(expected) else
                    "the ham rows are drawn without a seed (.sample(n) uses numpy's global "
                    f"generator): pass random_state=123, .sample({n_spam}, random_state=123)"))
    if hint is None and got_index[:n_spam] == list(range(n_spam)):
        hint = ("the ham rows' index was reset (reset_index or ignore_index=True on the "
                "sample): keep each row's original index")
    if hint is None and len(set(got_index)) < len(got_index):
        twice = sorted({i for i in got_index if got_index.count(i) > 1}, key=str)
        part = ("ham" if set(twice) <= set(ham_rows.index) else
                "spam" if set(twice) <= set(spam_rows.index) else "ham and spam")
        hint = (f"some rows appear twice ({part} rows {twice[:4]}): "
                + ("the ham rows were sampled with replacement (replace=True); sample them "
                   "without replacement" if part == "ham" else
                   "a part was added twice (the spam rows concatenated again, or every row "
                   "kept besides the sample): join each part once, pd.concat([ham_subset, "
                   "spam_rows])"))
    if hint is None and any(isinstance(i, tuple) for i in got_index):
        hint = ("the index became a MultiIndex of (key, row) pairs: pd.concat(..., keys=...) "
                "adds a level; concatenate without keys and keep each row's own index")
    if hint is None and set(got_index) == set(expected):
        k = next(i for i, (a, b) in enumerate(zip(got_index, expected)) if a != b)
        hint = (f"the ham rows are right, but the spam rows are reordered (position {k}, spam "
                f"row {k - n_spam}, holds row {got_index[k]}, expected row {expected[k]}): "
                "shuffled or sampled (a groupby('Label').sample also samples the spam group): "
                "keep them in the input's order after the ham sample"
                if got_index[:n_spam] == expected[:n_spam] else _order_hint(got_index, expected))
    if hint is None and got_index[n_spam:] == list(spam_rows.index) and set(
            got_index[:n_spam]) <= set(ham_rows.index) and len(set(got_index[:n_spam])) == n_spam:
        overlap = len(set(got_index[:n_spam]) & set(sample.index))
        pools = [rows for _, _, rows in _sample_calls(impl, original)]
        pool = (f" (your .sample ran on {pools[0]} rows, where the input has {len(ham_rows)} "
                f"ham rows: {abs(pools[0] - len(ham_rows))} "
                + ("missing from the pool" if pools[0] < len(ham_rows) else "too many") + ")"
                if len(pools) == 1 and pools[0] != len(ham_rows) else "")
        extra = sorted({k for _, kw, _ in _sample_calls(impl, original) for k in kw}
                       - {"n", "random_state", "axis", "replace", "ignore_index"})
        if extra:
            pool += (f" (your .sample call also passed {', '.join(extra)}=: "
                     + ("weights make some rows likelier, so the same seed draws other rows"
                        if "weights" in extra else "an option that changes the draw")
                     + "; call .sample(n, random_state=123) with nothing else)")
        mine = set(got_index[:n_spam])
        ends = {"FIRST": set(ham_rows.index[:n_spam]), "LAST": set(ham_rows.index[-n_spam:])}
        end = next((k for k, v in ends.items() if mine == v), None)
        hint = (f"your {n_spam} ham rows are exactly the {end} {n_spam} ham rows of the "
                "input, in another order (.head(n) or .tail(n), then shuffled or sampled with "
                "frac=1): the seed must choose WHICH rows, not only their order; call "
                f"ham_rows.sample({n_spam}, random_state=123) on every ham row"
                if end is not None else
                f"the spam rows and the count are right, and your {n_spam} ham rows are "
                f"distinct ham rows, but only {overlap} of them are among the rows "
                f".sample({n_spam}, random_state=123) picks ({sorted(sample.index)[:8]})"
                f"{pool}: not a draw of seeds 0, 1, 42, 1234 or {n_spam}, nor of Python's "
                "random or "
                "np.random.default_rng(123) (the checker tried each): drawn with another "
                "seed, a random generator used twice, or from a pool that differs from "
                "df[df['Label'] == 'ham'] "
                "(filtered or reordered before .sample, which picks by position); call "
                f"ham_rows.sample({n_spam}, random_state=123) once, on the ham rows in the "
                "input's order")
    if hint is None and list(got["Text"]) == list(original.loc[expected, "Text"]):
        hint = ("the right rows in the right order (the texts match), but the index is "
                "renumbered: keep each row's original index (no reset_index or "
                "ignore_index=True anywhere)")
    if hint is None:
        yours = set(got_index) - set(spam_rows.index)
        hint = (f"the ham rows {sorted(yours)[:8]} are not the ones .sample({n_spam}, "
                f"random_state=123) picks from the {len(ham_rows)} ham rows "
                f"({sorted(sample.index)[:8]}, ...; {len(yours & set(sample.index))} of yours "
                "are among them): draw from the ham rows only, with that call")
    raise CheckFailure(f"the result's index is "
                       f"{got_index[:6]}..., expected {expected[:6]}...: {hint}")


def _rows_differing(got, original, reference):
    """Which rows (index, label, text) the result holds beyond the expected result and which
    it lacks, and whether the extra ham rows hold a spam message's text (rows matched by
    their text, not their label)."""
    if not {"Label", "Text"} <= set(got.columns):
        return ""
    def rows(frame):
        return Counter(zip(frame.index, frame["Label"], frame["Text"]))
    extra = list((rows(got) - rows(reference)).elements())
    missing = list((rows(reference) - rows(got)).elements())
    spam_texts = set(original.loc[original["Label"] == "spam", "Text"])
    parts = []
    if extra:
        parts.append(f"{len(extra)} row(s) that the expected result does not hold, such as "
                     f"{extra[:2]}")
        if all(label == "ham" and text in spam_texts for _, label, text in extra):
            parts[-1] += (": each is a HAM row whose text is also a spam message's text, so "
                          "the rows were picked by their Text (isin, merge or a text match), "
                          "not by their Label: select the spam rows with "
                          "df['Label'] == 'spam'")
    if missing:
        parts.append(f"{len(missing)} expected row(s) missing, such as {missing[:2]}")
    return (". What differs: your result holds " + "; and ".join(parts)) if parts else ""


def _sample_calls(impl, frame):
    """The (args, kwargs, rows) of every DataFrame.sample call the answer makes on ``frame``
    (a spy on pandas, removed afterwards)."""
    calls, original = [], pd.DataFrame.sample

    def spy(self, *args, **kwargs):
        calls.append((args, kwargs, len(self)))
        return original(self, *args, **kwargs)
    pd.DataFrame.sample = spy
    try:
        impl(frame.copy())
    except Exception:  # noqa: BLE001 (the calls made before the failure are what counts)
        pass
    finally:
        pd.DataFrame.sample = original
    return calls


def _spam_spelling(impl, frame):
    """The spelling of 'spam' ('Spam', 'SPAM') whose rows the answer keeps when the labels are
    written that way, or None: it then compares with that word, not the data's 'spam'."""
    for spelling in ("Spam", "SPAM"):
        probe = frame.copy()
        probe["Label"] = probe["Label"].replace("spam", spelling)
        try:
            got = impl(probe)
        except Exception:  # noqa: BLE001 (any failure: no pattern to name)
            continue
        if isinstance(got, pd.DataFrame) and "Label" in got and (got["Label"] == spelling).any():
            return spelling
    return None


def _reads_label_column_by_position(impl, frame):
    """Whether the answer, wrong on ``frame``, balances the same rows right once the two columns
    swap places: it then reads the label from a column position (``df.iloc[:, 0]``,
    ``df.columns[0]``), not from the column named Label."""
    swapped = frame[list(reversed(frame.columns))]
    try:
        got = impl(swapped.copy())
    except Exception:  # noqa: BLE001 (no probe result)
        return False
    return isinstance(got, pd.DataFrame) and list(got.index) == list(
        _reference_balanced(swapped).index) and got.equals(swapped.loc[got.index])


def _changes_between_calls(impl, frame):
    """"seed" when calls after different numpy seeds differ but calls after the same seed
    agree (numpy's global generator), "state" when calls after the same seed differ (a
    generator or other state kept between calls), else None."""
    state = np.random.get_state()
    results = []
    try:
        for seed in (5, 6, 5):
            np.random.seed(seed)
            got = impl(frame.copy())
            results.append(list(got.index) if isinstance(got, pd.DataFrame) else None)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    finally:
        np.random.set_state(state)
    if results[0] != results[2]:
        return "state"
    return "seed" if results[0] != results[1] else None


def _order_hint(got_index, expected):
    n = len(expected) // 2  # the ham rows, then as many spam rows
    for part, span in (("sampled ham", slice(0, n)), ("spam", slice(n, None))):
        rest = [i for i in range(len(expected)) if i not in range(len(expected))[span]]
        if got_index[span] == expected[span][::-1] != expected[span] and all(
                got_index[i] == expected[i] for i in rest):
            return (f"the {part} rows are right but in REVERSED order (position {span.start} "
                    f"holds row {got_index[span.start]}, the last of that part): a [::-1], "
                    "iloc[::-1] or a sort with ascending=False; keep the sampled ham rows in "
                    ".sample's order, then the spam rows in the input's order")
    # a second seeded draw on the sample: pandas' permutation depends only on the row count
    # and the seed, so a stand-in of the sample's index replays it (3+ rows: no coincidence)
    again = list(pd.Series(expected[:n]).sample(frac=1, random_state=123))
    if n >= 3 and got_index[:n] == again != expected[:n] and got_index[n:] == expected[n:]:
        return ("the sampled ham rows were shuffled AGAIN with the same seed (position 0 holds "
                f"row {got_index[0]}, expected row {expected[0]}: the order a second "
                ".sample(frac=1, random_state=123) on the sample gives): the seeded .sample "
                "already draws them in random order; keep that order, then the spam rows")
    wrong = [i for i, (a, b) in enumerate(zip(got_index, expected)) if a != b]
    k = wrong[0]
    if len(wrong) == 2 and got_index[k] == expected[wrong[1]] and \
            got_index[wrong[1]] == expected[k]:
        detail = f"only positions {k} and {wrong[1]} are swapped"
    else:
        where = (f"the sampled ham rows (positions 0 to {n - 1})" if wrong[-1] < n else
                 f"the spam rows (positions {n} on)" if k >= n else
                 f"both parts (the ham rows are positions 0 to {n - 1})")
        detail = f"{len(wrong)} of {len(expected)} positions differ, all in {where}"
        if wrong[-1] < n:
            detail += (": the right ham rows, reordered after the draw (shuffled again, sorted "
                       "or reindexed?)")
    return (f"the rows are right but in another order (position {k} holds row {got_index[k]}, "
            f"expected row {expected[k]}; {detail}): the sampled ham rows first, in .sample's "
            "order, then the spam rows in the input's order")


def _first_ham_of_shuffle(frame, n):
    shuffled = frame.sample(frac=1, random_state=123)
    return shuffled[shuffled["Label"] == "ham"].index[:n]


def _same_numpy_state(a, b):
    return a[0] == b[0] and np.array_equal(a[1], b[1]) and tuple(a[2:]) == tuple(b[2:])


def _calls_value_counts(impl, frame):
    """Whether the answer calls Series.value_counts on ``frame`` (a spy on pandas)."""
    called, original = [], pd.Series.value_counts

    def spy(self, *args, **kwargs):
        called.append(True)
        return original(self, *args, **kwargs)
    pd.Series.value_counts = spy
    try:
        impl(frame.copy())
    except Exception:  # noqa: BLE001 (only whether value_counts ran counts)
        pass
    finally:
        pd.Series.value_counts = original
    return bool(called)


def _no_spam_case(impl):
    """A frame of ham only: no spam row, so no ham row is drawn and the result is empty."""
    df = _sms_frame(12, 0, seed=4, first_index=20)
    given = df.copy()
    try:
        got = impl(given)
    except KeyError:  # value_counts()["spam"] finds no spam: no wrong count to name
        return
    except IndexError as err:
        if not _calls_value_counts(impl, df) or "out-of-bounds" not in str(err) \
                and "out of bounds" not in str(err):
            raise
        raise CheckFailure(f"a frame of 12 ham rows and no spam: your code raised IndexError: "
                           f"{err}. It reads value_counts() by POSITION (.iloc[1] or [1]): "
                           "value_counts() is sorted by count, so position 1 is the second "
                           "most frequent label, and the spam count only while spam is the "
                           "rarer label (here there is none): count the spam rows by name, "
                           "(df['Label'] == 'spam').sum()") from err
    if not isinstance(got, pd.DataFrame):
        raise CheckFailure(f"create_balanced_dataset returned a {type(got).__name__}; return a "
                           "DataFrame (pd.concat of the ham and spam rows)")
    if len(got):
        counts = got["Label"].value_counts().to_dict() if "Label" in got else {}
        hint = ("the number of ham rows to draw is the number of SPAM rows (0 here); the "
                "smaller class count (value_counts().min() or min(...) over the labels) "
                "skips a label that does not occur, so here it is the ham count"
                if counts == {"ham": 12} else "draw as many ham rows as there are spam rows")
        calls = _sample_calls(impl, df)
        sizes = [kwargs.get("n", args[0] if args else None) for args, kwargs, _ in calls]
        if len(got) == 1 and calls and all(s is None and "frac" not in kw
                                           for s, (_, kw, _) in zip(sizes, calls)):
            hint = ("your .sample call got n=None, and DataFrame.sample draws ONE row when n "
                    "is None: with no spam row your spam count came out None, not 0 "
                    "(value_counts().get('spam') gives None for a missing label): count the "
                    "spam rows so that none gives 0, (df['Label'] == 'spam').sum()")
        if got is given or got.equals(df):
            hint = ("you returned the frame you were given, its 12 ham rows in their order (a "
                    "shortcut such as `if num_spam == 0: return df`): with no spam row there is "
                    "no ham row to draw either, so the result is empty; let the usual code run "
                    "(.sample(0) draws no row)")
        raise CheckFailure(f"a frame of 12 ham rows and no spam: the result has {len(got)} rows "
                           f"({counts}), expected none: {hint}")


def _repeated_index_case(impl):
    """Two files joined with pd.concat: index labels 0-9 twice, some shared by a ham and a spam
    row. Rows must be chosen by their label, never by their index label."""
    df = _sms_frame(16, 4, seed=6, first_index=0)
    df.index = list(range(10)) * 2
    try:
        got = impl(df.copy())
    except ValueError as err:
        if "overlapping" not in str(err):
            raise
        raise CheckFailure(f"a frame whose index repeats (labels 0-9 twice, as after pd.concat "
                           f"of two files): your code raised ValueError: {err}. "
                           "pd.concat(..., verify_integrity=True) refuses index labels that "
                           "occur in both parts, but the caller's frame may repeat labels: "
                           "concatenate without verify_integrity and keep every row") from err
    expected = _reference_balanced(df)
    if isinstance(got, pd.DataFrame) and got.reset_index().equals(expected.reset_index()):
        return
    spam = df[df["Label"] == "spam"]
    by_drop = pd.concat([df.drop(spam.index).sample(len(spam), random_state=123), spam])
    texts = list(got["Text"]) if isinstance(got, pd.DataFrame) and "Text" in got else None
    ham = expected[expected["Label"] == "ham"]
    where = "a frame whose index repeats (labels 0-9 twice, as after pd.concat of two files)"
    orders = {  # a sort by index changes nothing on the other cases' rising indexes
        "the spam rows were sorted by index (sort_index): with repeated labels that moves them; "
        "keep the spam rows in the input's order":
        lambda kind: pd.concat([ham, spam.sort_index(kind=kind)]),
        "the sampled ham rows were sorted by index (sort_index): keep them in .sample's order":
        lambda kind: pd.concat([ham.sort_index(kind=kind), spam]),
        "the result was sorted by index (sort_index): the sampled ham rows first, in .sample's "
        "order, then the spam rows in the input's order":
        lambda kind: expected.sort_index(kind=kind),
    }
    for how, make in orders.items():
        if texts is not None and any(texts == list(make(kind)["Text"])
                                     for kind in ("quicksort", "stable")):
            raise CheckFailure(f"{where}: the result's texts are {texts[:6]}..., expected "
                               f"{list(expected['Text'])[:6]}...: {how}")
    if texts is not None and sorted(texts) == sorted(expected["Text"]):
        raise CheckFailure(f"a frame whose index repeats (labels 0-9 twice, as after pd.concat of "
                           f"two files): the result holds the right rows in another order "
                           f"(texts {texts[:6]}..., expected {list(expected['Text'])[:6]}...): "
                           "with repeated index labels, sorting by index or reordering by "
                           "label moves rows; the sampled ham rows first, in .sample's order, "
                           "then the spam rows in the input's order")
    counts = (got["Label"].value_counts().to_dict()
              if isinstance(got, pd.DataFrame) and "Label" in got else {})
    distinct = spam.index.nunique()
    if counts == {"ham": distinct, "spam": len(spam)} and distinct != len(spam):
        raise CheckFailure(f"{where}: the result has {counts}, expected {len(spam)} of each: "
                           f"the ham count {distinct} is the number of DISTINCT index labels "
                           "of the spam rows (index.nunique(), or a set of them), and here "
                           "two spam rows share a label: count the spam rows themselves, "
                           "(df['Label'] == 'spam').sum()")
    deduped = {  # a repeated label taken for a repeated row
        f"after the concat (index.duplicated(keep='{keep}'))":
        expected[~expected.index.duplicated(keep=keep)] for keep in ("first", "last")}
    deduped["in the input before sampling"] = _reference_balanced(df[~df.index.duplicated()])
    for when, rows in deduped.items():
        if texts == list(rows["Text"]):
            raise CheckFailure(
                f"{where}: your result has {len(texts)} rows, expected {len(expected)}: the "
                f"rows whose index label repeats were dropped {when}; two rows that share an "
                "index label are still two messages: keep every row")
    got_count = Counter(texts or [])
    missing = list((Counter(expected["Text"]) - got_count).elements())
    extra = list((got_count - Counter(expected["Text"])).elements())
    label_of = dict(zip(df["Text"], df.index))
    diff = "; ".join(f"rows {what}: {rows[:4]} (index labels {[label_of.get(t) for t in rows[:4]]})"
                     for what, rows in (("missing", missing), ("added", extra)) if rows)
    if texts == list(by_drop["Text"]):
        hint = ("you found the ham rows by dropping the spam rows' index LABELS (df.drop(spam."
                "index)): a label shared by a ham and a spam row drops that ham row too; select "
                "the ham rows by their label, df[df['Label'] == 'ham']")
    elif texts is not None and (missing or extra):
        hint = (f"{diff}: here every index label is shared by two rows, and the frames "
                "checked before, whose labels are distinct, gave the right rows, so rows were "
                "picked by index label (.loc, .drop, .isin(index)), which matches every row "
                "sharing that label: select rows with a mask on Label")
    else:
        hint = "the result is not a frame with a Text column"
    raise CheckFailure(f"a frame whose index repeats (labels 0-9 twice, as after pd.concat of "
                       f"two files): the result's texts are {(texts or [])[:6]}..., expected "
                       f"{list(expected['Text'])[:6]}...: {hint}")


def _missing_text_case(impl, blank=False):
    """A spam row and a ham row whose Text is missing (NaN, as pandas reads an empty message),
    or (``blank``) empty and only spaces: every row stays a row, so the spam count and the ham
    pool include them."""
    df = _sms_frame(14, 4, seed=14, first_index=70)
    spam_at = df.index[df["Label"] == "spam"][1]
    ham_at = df.index[df["Label"] == "ham"][2]
    if blank:
        df.loc[spam_at, "Text"], df.loc[ham_at, "Text"] = "", "   "
        where = (f"the Text of spam row {spam_at} is empty ('') and of ham row {ham_at} blank "
                 "('   ')")
    else:
        df.loc[[spam_at, ham_at], "Text"] = np.nan
        where = f"the Text of spam row {spam_at} and ham row {ham_at} is missing (NaN)"
    got = impl(df.copy())
    expected = _reference_balanced(df)
    if isinstance(got, pd.DataFrame) and got.equals(expected) and list(got.index) == list(
            expected.index):
        return
    got_index = list(got.index) if isinstance(got, pd.DataFrame) else None
    hint = (f"the result's index is {(got_index or [])[:8]}..., expected "
            f"{list(expected.index)[:8]}...")
    texts = df["Text"].fillna("")
    spam = df[df["Label"] == "spam"]
    short = len(spam) - int(spam["Text"].count())
    one_short = pd.concat([df[df["Label"] == "ham"].sample(len(spam) - short, random_state=123),
                           spam]) if short else None
    if got_index == list(_reference_balanced(df[texts.str.strip() != ""]).index):
        hint += (f": the rows with {'an empty or blank' if blank else 'a missing'} Text were "
                 "dropped first (dropna(), or a filter on notna, on the stripped text or its "
                 "length): a message that is empty (or that pandas reads as NaN) is still a "
                 "row, and every spam row stays; leave the rows as they are")
    elif one_short is not None and got_index == list(one_short.index):
        hint += (f": you drew {len(spam) - short} ham rows for {len(spam)} spam rows, one per "
                 "spam row whose Text is not missing: the spam count skipped the missing "
                 "message (.count() counts the non-missing values, not the rows); count rows, "
                 "(df['Label'] == 'spam').sum()")
    elif got_index is not None and spam_at not in got_index:
        hint += (f": spam row {spam_at}, whose Text is {'empty' if blank else 'missing'}, is "
                 "not in your result: keep every spam row, whatever its text")
    elif got_index == list(expected.index) and "Text" in got and (
            changed := [(at, got.loc[at, "Text"]) for at in (spam_at, ham_at)
                        if at in got_index and not (pd.isna(got.loc[at, "Text"])
                                                    and pd.isna(expected.loc[at, "Text"]))
                        and got.loc[at, "Text"] != expected.loc[at, "Text"]]):
        was = "empty or blank" if blank else "missing (NaN)"
        hint = (f"the rows are the right ones, in the right order, but the {was} Text of row "
                f"{changed[0][0]} came back as {changed[0][1]!r}: the texts were filled, cast "
                "or cleaned (fillna(''), astype(str), which turns NaN into 'nan' on pandas 2, "
                "or a strip); return the rows with their texts as they are")
    elif got_index is not None:
        n_ham = int((got["Label"] == "ham").sum()) if "Label" in got else None
        pools = [rows for _, _, rows in _sample_calls(impl, df)]
        n_pool = int((df["Label"] == "ham").sum())
        pool = (f" (your .sample ran on {pools[0]} rows; the input has {n_pool} ham rows, "
                f"row {ham_at} among them: was the pool filtered?)"
                if len(pools) == 1 and pools[0] != n_pool else "")
        hint += (f": your result holds {n_ham} ham and {len(got_index) - (n_ham or 0)} other "
                 f"rows, expected {len(spam)} ham and {len(spam)} spam"
                 if n_ham != len(spam) else
                 f": the {len(spam)} ham rows differ from the ones .sample({len(spam)}, "
                 f"random_state=123) picks from every ham row, these included{pool}")
    raise CheckFailure(f"{where}: {hint}")


def _fewer_ham_case(impl):
    """A frame with fewer ham rows (5) than spam rows (9): ``.sample(9)`` of 5 rows raises, and
    so may the answer; a result that repeats a ham row drew with replacement, a balance the
    data does not have (the same message twice, which the split can put in train and test)."""
    df = _sms_frame(5, 9, seed=16, first_index=600)
    try:
        got = impl(df.copy())
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 (.sample(9) of 5 rows raises ValueError: as the reference)
        return
    if not isinstance(got, pd.DataFrame) or "Label" not in got:
        return  # the other cases judge the result's type and columns
    ham = got[got["Label"] == "ham"]
    repeated = sorted({at for at in ham.index[ham.index.duplicated()]})
    if repeated:
        raise CheckFailure(
            f"a frame of 5 ham and 9 spam rows: your result holds {len(ham)} ham rows, ham row "
            f"{repeated[0]} among them more than once ({len(repeated)} rows repeated): the ham "
            "rows were drawn WITH replacement (replace=True, for instance only when there are "
            "fewer ham than spam rows), so one message comes twice and the random split can "
            "put its copies in both the training and the test set; draw without replacement, "
            ".sample(n, random_state=123), which raises ValueError when the ham rows run short")


def check_balanced_dataset(impl):
    check_cases(state_probed(impl, [
        ("30 ham + 6 spam", lambda f: _balanced_case(f, 30, 6, seed=1, first_index=100)),
        ("43 ham + 9 spam, spaces around some messages",
         lambda f: _balanced_case(f, 43, 9, seed=2, first_index=7, spaced=True)),
        ("40 ham + 10 spam, two messages repeated",
         lambda f: _balanced_case(f, 40, 10, seed=3, first_index=50, repeats=True)),
        ("12 ham + 0 spam", _no_spam_case),
        ("25 ham + 5 spam, two ham messages with a spam message's text",
         lambda f: _balanced_case(f, 25, 5, seed=8, first_index=300, shared=True)),
        ("28 ham + 6 spam, index labels out of order, the index named 'id'",
         lambda f: _balanced_case(f, 28, 6, seed=14, first_index=500, shuffled=True,
                                  index_name="id")),
        ("16 ham + 4 spam, index labels repeated", _repeated_index_case),
        ("33 ham + 7 spam, capitals and double spaces in some messages",
         lambda f: _balanced_case(f, 33, 7, seed=11, first_index=20, typed=True)),
        # 12 / 47 * 47 is 11.999999999999998 in floating point: a count through a fraction
        ("35 ham + 12 spam", lambda f: _balanced_case(f, 35, 12, seed=9, first_index=60)),
        ("8 ham + 8 spam (as many ham as spam)",
         lambda f: _balanced_case(f, 8, 8, seed=12, first_index=400)),
        ("20 ham + 5 spam, columns Text then Label",
         lambda f: _balanced_case(f, 20, 5, seed=13, first_index=30, text_first=True)),
        ("14 ham + 4 spam, two messages missing (NaN)", _missing_text_case),
        ("14 ham + 4 spam, an empty and a blank message",
         lambda f: _missing_text_case(f, blank=True)),
        ("5 ham + 9 spam (fewer ham than spam)", _fewer_ham_case),
    ]))


# --- ex6_2: the dataset's padding and truncation ----------------------------------------------


_FALSY_PAD = ("pad_token_id=0 came out as 50256, yet pad_token_id=9 pads with 9: 0 is falsy, "
              "so `pad_token_id or 50256` (or `if pad_token_id:`) drops it; 0 is a real id "
              "(GPT-2's '!') and a valid padding id: use the argument as it is")


def _pads_right_when_told(impl, text, model, tok, kwargs, expected_ids):
    """Whether the answer feeds the expected ids when pad_token_id=50256 is passed explicitly
    (its own default is then the only thing wrong); a crash is no evidence."""
    model.calls.clear()
    try:
        impl(text, model, tok, "cpu", pad_token_id=PAD, **kwargs)
    except Exception:  # noqa: BLE001 (then the plain hint stays)
        model.calls.clear()
    return bool(model.calls) and model.calls[-1]["ids"].tolist() == [expected_ids]


def _default_pad_hint(value):
    """The hint for an answer that pads right given pad_token_id=50256 but not by default."""
    return (f"the ids are right but padded with {value}, and with pad_token_id={PAD} passed "
            f"explicitly the padding is right: the DEFAULT of pad_token_id is {value}; keep the "
            f"signature's pad_token_id={PAD} (GPT-2's <|endoftext|>"
            + ("; 50257 is the vocabulary SIZE, one past the last id)" if value == PAD + 1
               else ")"))


def _row_causes(ids, length, pad):
    """The usual padding and truncation mistakes applied to one message's ids."""
    def fill(row, n, value):
        return row + [value] * (n - len(row))
    return {
        "the padding comes before the message; append it after":
        [pad] * (length - len(ids[:length])) + ids[:length],
        "you padded with 0; pad with pad_token_id (the argument)": fill(ids[:length], length, 0),
        "you padded with 50256 though pad_token_id was given; use the argument":
        fill(ids[:length], length, PAD),
        "you kept the END of the message; keep its first max_length tokens":
        fill(ids[-length:], length, pad),
        "you cut the message to max_length - 1 tokens (one real token lost); keep the first "
        "max_length tokens, ids[:max_length]": fill(ids[:length - 1], length, pad),
        f"this message ({len(ids)} ids) was not cut to max_length = {length}: keep "
        "ids[:max_length] in the list you pad (a loop variable reassigned with "
        "ids = ids[:max_length] leaves the stored list as it was)": fill(ids, length, pad)
        if len(ids) > length else None,
        f"this message ({len(ids)} ids) kept max_length + 1 = {length + 1} ids: the slice is one "
        "too long (ids[:max_length + 1]); keep ids[:max_length]":
        fill(ids[:length + 1], length, pad) if len(ids) > length else None,
    }


def _head_and_tail(row, ids, length):
    """The sentence naming a cut in the middle (a text's first k ids, then its last
    length - k) when ``row`` starts with that and the text is longer than ``length``, else
    None."""
    if len(ids) <= length or length < 2:
        return None
    for k in range(1, length):
        if row[:length] == ids[:k] + ids[len(ids) - (length - k):]:
            return (f"it holds the text's first {k} ids, then its LAST {length - k} ids (the "
                    f"text has {len(ids)}): the text was cut in the middle, keeping its start "
                    "and its end (a head + tail truncation); keep the FIRST ids, "
                    f"ids[:{length}], as the training messages were cut")
    return None


def _spam_case(impl, texts, labels, max_length, pad, label_first=False, tok=None, bom=False):
    tok = tok or CharTokenizer()
    encoded = [tok.encode(t) for t in texts]
    length = max(len(ids) for ids in encoded) if max_length is None else max_length
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "train.csv"
        frame = pd.DataFrame({"Text": texts, "Label": labels})
        # the book's files have Label first; read the columns by name, not by position
        (frame[["Label", "Text"]] if label_first else frame).to_csv(
            csv, index=None, encoding="utf-8-sig" if bom else "utf-8")
        columns = "columns Label, Text" if label_first else "columns Text, Label"
        kwargs = {} if max_length is None else {"max_length": max_length}
        if pad != PAD:
            kwargs["pad_token_id"] = pad
        try:
            dataset = impl(csv, tok, **kwargs)
        except Exception as err:  # noqa: BLE001 (named when a probe shows the cause)
            if pad > 32_767 and ("out of bounds" in str(err) or "overflow" in str(err)):
                # before the probes below: they pad with 50,256, which a uint16 array holds
                raise CheckFailure(
                    f"your code raised {type(err).__name__}: {err}, with pad_token_id={pad}: "
                    "the ids were kept in a narrow integer type (a numpy or torch uint16 or "
                    "int16 array, to save memory), which cannot hold this padding id; a "
                    "tokenizer with a larger vocabulary (cl100k's end-of-text is 100,257) "
                    "needs more: keep the ids as Python ints or int64 (torch.long)") from err
            if label_first and _reads_text_first(impl, tok, folder, frame):
                raise CheckFailure(
                    f"your code raised {type(err).__name__}: {err}. Given the same rows with "
                    "the columns Text, Label it works, but this file has Label first (as the "
                    "book's files do): the columns are taken by position or named by hand "
                    "(names=['Text', 'Label'], usecols=[0, 1], skiprows=1 with names); read "
                    "the header with pd.read_csv(csv_file) and the columns by name") from err
            if not label_first and _reads_label_by_position(impl, tok, folder, frame):
                raise CheckFailure(
                    f"your code raised {type(err).__name__}: {err}. Given the same rows with "
                    "the columns Label, Text (the book's order) it works, but this file has "
                    "Text first: the columns are named by hand or taken by position "
                    "(names=['Label', 'Text'] over the header, usecols=[0, 1], iloc[:, 1]), "
                    "so the Text you encode holds the labels; read the header with "
                    "pd.read_csv(csv_file) and the columns by name") from err
            if _reads_index_column(impl, tok, folder, frame):
                raise CheckFailure(
                    f"your code raised {type(err).__name__}: {err}. It reads the first column "
                    "as the index (index_col=0: given a CSV saved with its index as an extra "
                    "first column, it works), but this CSV has no index column, so the Text "
                    "column became the index: read it with pd.read_csv(csv_file)") from err
            if _reads_tabs(impl, tok, folder, frame):
                raise CheckFailure(
                    f"your code raised {type(err).__name__}: {err}. It reads a tab-separated "
                    "file (given the same rows separated by tabs, it works): the CSV here is "
                    "comma-separated, so read it with pd.read_csv(csv_file) and its default "
                    "sep=','") from err
            if isinstance(err, TypeError) and "for -: 'list' and 'int'" in str(err):
                line = traceback.extract_tb(err.__traceback__)[-1]
                raise CheckFailure(
                    f"your code raised TypeError: {err} (line {line.lineno} of "
                    f"{Path(line.filename).name}): a LIST minus an int. In an expression such as "
                    "[pad_token_id] * self.max_length - len(ids) the * is done first, so the "
                    "subtraction gets a list: put the count in parentheses, "
                    "[pad_token_id] * (self.max_length - len(ids))") from err
            if not _maps_label_words(impl, tok, folder):
                raise
            raise CheckFailure(_WORDS_HINT.format(err=f"{type(err).__name__}: {err}")) from err
        call = (f"SpamDataset(csv, tokenizer{''.join(f', {k}={v}' for k, v in kwargs.items())})"
                f" ({columns})")
        if getattr(dataset, "max_length", None) != length:
            hint = (f"the longest message; the messages are {[len(ids) for ids in encoded]} "
                    "ids long" if max_length is None else
                    "max_length itself when it is given, even if every message is shorter")
            if max_length is None and getattr(dataset, "max_length", None) == max(
                    len(t) for t in texts):
                hint = ("the longest message in token ids; you counted characters of the text: "
                        "use max(len(ids) for ids in self.encoded_texts)")
            by_chars = len(tok.encode(max(texts, key=len)))
            if max_length is None and getattr(dataset, "max_length", None) == by_chars != max(
                    len(t) for t in texts):
                hint = (f"the most token ids of any message; {by_chars} is the id count of the "
                        "message with the most CHARACTERS, which is not the one with the most "
                        "ids here (a character can be several ids: '€' is 3 bytes): take the "
                        "max over the encoded lists, max(len(ids) for ids in "
                        "self.encoded_texts)")
            if max_length is None and getattr(dataset, "max_length", None) == max(
                    len(tok.encode(t.lstrip())) for t in texts) != length and _drops_leading(
                        dataset, texts, tok):
                hint = ("the longest message as it is in the CSV; the spaces at the start of a "
                        "message were dropped (skipinitialspace=True, or lstrip): read the CSV "
                        "with pd.read_csv(csv_file) and encode each text as it is")
            latin = [t.encode("utf-8").decode("latin-1") for t in texts]
            if max_length is None and latin != texts and getattr(
                    dataset, "max_length", None) == max(len(tok.encode(t)) for t in latin) \
                    and _fresh_max_length(impl, csv, tok) == dataset.max_length:
                hint = ("the longest message as it is in the CSV; the file was decoded as "
                        "latin-1 (encoding='latin-1'), so each accented letter or symbol became "
                        "several characters: the CSV is UTF-8, pandas' default; read it with "
                        "pd.read_csv(csv_file)")
            got_length = getattr(dataset, "max_length", None)
            as_bytes = max(len(t.encode("utf-8")) for t in texts)
            if max_length is None and got_length == as_bytes != length:
                try:  # the ids stored are the text's own: only the length was measured wrong
                    own_ids = _rows_start_with(_dataset_rows(dataset), encoded)
                except Exception:  # noqa: BLE001 (no rows: keep the hint above)
                    own_ids = False
                if own_ids:
                    hint = (f"the longest message in token ids; {got_length} is the most UTF-8 "
                            "BYTES of any text (len(text.encode('utf-8'))), while your rows "
                            "hold the tokenizer's ids, fewer than the bytes here (one id per "
                            "character; GPT-2 has one id for many words): measure the ids you "
                            "store, max(len(ids) for ids in self.encoded_texts)")
            trimmed = {
                "at the end of a message": [_without_padding(ids, pad) for ids in encoded],
                "anywhere in a message": [[i for i in ids if i != pad] for ids in encoded]}
            for where, kept in trimmed.items():
                if max_length is None and kept != encoded and got_length == max(
                        len(ids) for ids in kept) != length:
                    hint = (f"the longest message; {got_length} is its length once the ids "
                            f"equal to pad_token_id ({pad}) {where} are dropped (taken for "
                            "padding already there), but a message may hold that id as a real "
                            "token (" + (f"{chr(pad)!r} here; " if isinstance(
                                tok, CharTokenizer) and 32 < pad < 127 else "")
                            + "GPT-2's id 0 is '!'): keep every id "
                            "and only append padding")
                    break
            if max_length is None and got_length == len(max(encoded)) != length \
                    and _longest_probe(impl, tok, folder) in (None, "len_of_max"):
                hint = ("the longest message; len(max(encoded_texts)) is the length of the "
                        "largest list in list order (max compares lists element by element): "
                        "use max(len(ids) for ids in self.encoded_texts)")
            if max_length is None and got_length == max(len(t.split()) for t in texts) \
                    != length and _longest_probe(impl, tok, folder) in (None, "words"):
                hint = ("the longest message in token ids; you counted its WORDS (text.split()): "
                        "use max(len(ids) for ids in self.encoded_texts)")
            if max_length is None and got_length == len(encoded[-1]) != length \
                    and _longest_probe(impl, tok, folder) == "last":
                hint = (f"the longest message; {got_length} is the LAST message's id count "
                        "(another file confirms it): a loop that returns its loop variable "
                        "(the last length it saw) instead of the running maximum, or "
                        "len(self.encoded_texts[-1]); take the max over every message, "
                        "max(len(ids) for ids in self.encoded_texts)")
            if max_length is None and got_length == len(encoded[0]) != length \
                    and _longest_probe(impl, tok, folder) == "first":
                hint = (f"the longest message; {got_length} is the FIRST message's id count "
                        "(len(self.encoded_texts[0]); another file confirms it): take the max "
                        "over every message, max(len(ids) for ids in self.encoded_texts)")
            for part, rows, how in (
                    ("last", encoded[:-1], "a range or slice that stops one early, "
                     "range(len(...) - 1) or [:-1]"),
                    ("first", encoded[1:], "a range or slice that starts at 1")):
                if max_length is None and rows and got_length == max(
                        len(ids) for ids in rows) != length:
                    hint = (f"the longest message; that is the longest of every message but the "
                            f"{part} (here the {part} one is the longest): {how}; use "
                            "max(len(ids) for ids in self.encoded_texts)")
            if max_length is None and getattr(dataset, "max_length", None) == length + 1:
                hint = "the longest message, one id shorter: without a + 1"
                longest_row = max(range(len(encoded)), key=lambda j: len(encoded[j]))
                try:
                    row = dataset[longest_row][0].tolist()
                except Exception:  # noqa: BLE001 (no row to show: keep the plain hint)
                    row = None
                if row is not None and row[:-1] == encoded[longest_row]:
                    added = row[-1]
                    hint = ("the longest message, one id shorter: " + (
                        "without an end-of-text token appended (that is chapter 7's collate; "
                        "here padding alone fills the rows)" if added == PAD else
                        f"its row holds its {length} ids, then id {added}"
                        + (f" ({chr(added)!r})" if isinstance(tok, CharTokenizer) else "")
                        + ": something was added after each text or its ids (a newline, a "
                        "space, an end marker?); encode the text alone"))
            if max_length is None and label_first and got_length == max(
                    len(tok.encode(str(label))) for label in labels) != length:
                hint = (f"the longest message; {got_length} is the length of an encoded LABEL: "
                        "the texts were read by column position (iloc[:, 0], values[:, 0]), "
                        "and this CSV has the book's column order, Label then Text: read them "
                        "by name, self.data['Text']")
            changed = _changed_texts_hint(dataset, texts, tok, impl) if max_length is None \
                else None
            if changed is None and max_length is None and getattr(
                    dataset, "max_length", None) == max(
                        len(tok.encode(t.strip())) for t in texts) != length:
                changed = _STRIPPED
                try:
                    as_is = _rows_start_with(_dataset_rows(dataset),
                                             [tok.encode(t) for t in texts])
                except Exception:  # noqa: BLE001 (no rows: the plain strip hint)
                    as_is = False
                if as_is:
                    changed = ("the longest message as it is in the CSV; your rows hold each "
                               "text's ids as they are, but the longest length was measured "
                               "on the STRIPPED texts (a .strip() in the max(...) line): "
                               "measure the ids you store, max(len(ids) for ids in ...)")
            hint = changed or hint
            if _tokenizer_ignored(lambda t: _dataset_rows(fresh_copy(impl)(csv, t)), tok):
                hint = _OWN_TOKENIZER
            if max_length is not None and got_length == max(len(e) for e in encoded) > length:
                try:
                    first = len(dataset[0][0])
                except Exception:  # noqa: BLE001 (the item checks below name it)
                    first = None
                hint = (f"max_length itself when it is given; {got_length} is the longest "
                        "message's length" + (
                            f", and the inputs are padded to it too (dataset[0] has {first} "
                            "ids): set self.max_length = max_length and pad every message to it"
                            if first == got_length else
                            f"; the inputs have {first} ids, right, but self.max_length must "
                            "hold max_length too (the training script reads it)"
                            if first == length else ""))
            if max_length == 0 and got_length == max(len(ids) for ids in encoded):
                hint = ("max_length itself, 0: your code took max_length=0 for None and "
                        "padded to the longest message: `if max_length:` (or `max_length or "
                        "...`) is False for 0 as for None; test `if max_length is None`")
            if max_length is None and got_length == 1024 < length:
                hint = (f"the longest message, {length} ids: with max_length=None you capped "
                        "the length at 1,024, GPT-2's context; None means the longest message, "
                        "with no cut (the script compares that with the model's context)")
            if max_length is not None and got_length == 1024 < length:
                hint = (f"max_length itself, {length}: you capped a given max_length at 1,024, "
                        "GPT-2's context (min(max_length, 1024)); an int max_length is the "
                        "length, with no cap (the script compares it with the model's context)")
            if max_length is None and "max_length" not in kwargs:
                try:
                    explicit = getattr(impl(csv, tok, max_length=None, **kwargs),
                                       "max_length", None)
                except Exception:  # noqa: BLE001 (no probe result: keep the hint above)
                    explicit = None
                if explicit == length:
                    hint = (f"the longest message; without max_length you padded to "
                            f"{got_length}, but with max_length=None passed explicitly to "
                            f"{length}: the default of max_length is not None; make it "
                            "max_length=None")
            if not hasattr(dataset, "max_length"):
                probe = None if max_length is not None else 3
                other = f"max_length={probe}"
                works = False
                try:
                    works = hasattr(impl(csv, tok, max_length=probe), "max_length")
                except Exception:  # noqa: BLE001 (no probe result: say what is missing)
                    pass
                raise CheckFailure(
                    f"{call}: your dataset has no attribute max_length"
                    + (f" (with {other} it has one: it is set in one branch only)"
                       if works else "")
                    + f": store the padded length, self.max_length = {length} here (the "
                    "training script reads it to check it against the model's context)")
            raise CheckFailure(f"{call}: dataset.max_length is "
                               f"{getattr(dataset, 'max_length', None)!r}, expected {length} "
                               f"({hint})")
        if len(dataset) != len(texts):
            same = (" (that is dataset.max_length, the padded length)"
                    if len(dataset) == length else
                    f" (that is {len(texts)} rows x 2 columns: the frame's .size counts CELLS; "
                    "len(self.data) or self.data.shape[0] counts rows)"
                    if len(dataset) == 2 * len(texts) else
                    " (that is the CSV's 2 COLUMNS: .shape[1] or len(self.data.columns); the "
                    "rows are len(self.data) or .shape[0])" if len(dataset) == 2 and
                    _len_of_rows(impl, tok, folder, 5) == 2 else
                    " (one less than the rows: a header line subtracted, len(self.data) - 1, or "
                    "a range that stops one early; pandas already reads the header as the "
                    "column names, so len(self.data) is the number of messages; a file of 5 "
                    "rows gives 4 too)" if _len_of_rows(impl, tok, folder, 5) == 4
                    and len(dataset) == len(texts) - 1 else "")
            extra = ""
            distinct = len(set(zip(texts, labels)))
            if distinct < len(texts) and len(dataset) == distinct:
                extra = (f": {len(dataset)} is the number of DISTINCT rows; this CSV holds a "
                         "message twice, and each copy is a row of its own (drop_duplicates, "
                         "or a set or dict keyed by text, keeps one): keep every row as read")
            short = [i for i, ids in enumerate(encoded)
                     if max_length is None or len(ids) <= max_length]
            if len(short) < len(texts) and len(dataset) == len(short) and _holds_rows(
                    dataset, [encoded[i] + [pad] * (length - len(encoded[i])) for i in short]):
                extra = (f": {len(dataset)} is the number of messages of at most "
                         f"max_length={max_length} ids, and your rows are exactly those "
                         f"messages: the {len(texts) - len(short)} longer one(s) were dropped "
                         "(a filter on the length); keep every row and cut a long message to "
                         "its FIRST max_length ids, ids[:max_length]")
            kept = [i for i, t in enumerate(texts) if t.strip()]
            if len(kept) < len(texts) and len(dataset) == len(kept) and _holds_rows(
                    dataset, [encoded[i][:length] + [pad] * (length - len(encoded[i][:length]))
                              for i in kept]):
                extra = (f": {len(dataset)} is the number of messages that are not blank, and "
                         f"your rows are exactly those: the blank message(s) "
                         f"{[texts[i] for i in range(len(texts)) if i not in kept]} were dropped "
                         "(a filter such as Text.str.strip() != '', or na_values/dropna that "
                         "turn a blank text into a missing one); a message of spaces is still "
                         "a row of the CSV: keep every row and encode it as it is")
            if len(dataset) == len(texts) + 1 and _reads_headerless(impl, tok, folder, frame):
                extra = (": one row too many, the CSV's header line read as a message "
                         "(header=None; given the same rows without a header line, the count "
                         "is right): the first line holds the column names, which "
                         "pd.read_csv(csv_file) reads as such by default")
            raise CheckFailure(f"{call}: len(dataset) is {len(dataset)}{same}, expected "
                               f"{len(texts)}, the number of messages (rows of the CSV){extra}")
        for i, (ids, label) in enumerate(zip(encoded, labels)):
            try:
                item = dataset[i]
            except IndexError as err:
                short = {name: len(value) for name, value in vars(dataset).items()
                         if isinstance(value, list) and len(value) < len(texts)}
                if not short:
                    raise
                try:
                    contrast = impl(csv, tok, max_length=length, **kwargs)
                    contrast = [contrast[j] for j in range(len(texts))]
                except Exception:  # noqa: BLE001 (no contrast: say what is short)
                    contrast = None
                used_up = (f" With max_length={length} given it works, so the max over the "
                           "lengths in the None branch used up an ITERATOR (map(...), a "
                           "generator expression, or zip) that the rows were built from "
                           "afterwards: an iterator can be walked once; make the encoded texts "
                           "a list first, [tokenizer.encode(t) for t in self.data['Text']]"
                           if contrast is not None and max_length is None else "")
                raise CheckFailure(
                    f"{call}: dataset[{i}] raised IndexError: {err}, though len(dataset) is "
                    f"{len(dataset)}: your dataset's list "
                    + ", ".join(f"self.{n} holds {k} item(s)" for n, k in short.items())
                    + f", not one per message ({len(texts)}).{used_up}") from err
            except (TypeError, ValueError, RuntimeError) as err:
                if _maps_label_words(impl, tok, folder):
                    raise CheckFailure(f"{call}: dataset[{i}]: " + _WORDS_HINT.format(
                        err=f"{type(err).__name__}: {err}")) from err
                data = getattr(dataset, "data", None)
                if "'str'" in str(err) and isinstance(data, pd.DataFrame) and "Label" in data \
                        and len(data) and all(isinstance(v, str) for v in data["Label"]):
                    raise CheckFailure(
                        f"{call}: dataset[{i}] raised {type(err).__name__}: {err}. Your "
                        f"self.data['Label'] holds strings ({data['Label'].iloc[i]!r}), not "
                        "ints: the CSV was read as text (dtype=str, or the column converted): "
                        "read it with pd.read_csv(csv_file), which gives the 0/1 labels as "
                        "ints, or convert them with int(...)") from err
                if not label_first and _reads_label_by_position(impl, tok, folder, frame):
                    raise CheckFailure(
                        f"{call}: dataset[{i}] raised {type(err).__name__}: {err}. Your code "
                        "reads the label by column POSITION (given the same rows with Label as "
                        "the first column, as in the book's files, it works): this CSV has the "
                        "columns Text, Label, so read the label by its name, "
                        "self.data.iloc[index]['Label']") from err
                if not label_first:
                    raise
                raise CheckFailure(f"{call}: dataset[{i}] raised {type(err).__name__}: {err}. "
                                   "This CSV has the columns in the book's order (Label, Text): "
                                   "read the label by its column name, self.data.iloc[index]"
                                   "['Label'], not by position") from err
            if not (isinstance(item, (tuple, list)) and len(item) == 2):
                raise CheckFailure(f"{call}: dataset[{i}] is a {type(item).__name__}; return a "
                                   "pair (input_ids, label)")
            x, y = item
            if torch.is_tensor(x) and torch.is_tensor(y) and x.dim() == 0 and y.dim() == 1:
                raise CheckFailure(f"{call}: dataset[{i}] is (a 0-d tensor, a tensor of "
                                   f"{len(y)} ids): the pair is in the wrong order; return "
                                   "(input_ids, label), the ids first, as the training loop "
                                   "unpacks it")
            for name, t in (("input", x), ("label", y)):
                if not torch.is_tensor(t) or t.dtype != torch.long:
                    kind = t.dtype if torch.is_tensor(t) else type(t).__name__
                    made = (": numpy infers float64 from empty lists (np.array of rows "
                            "without ids, then torch.from_numpy or torch.tensor keeps it)"
                            if torch.is_tensor(t) and t.dtype == torch.float64 else
                            ": torch.tensor infers float32 from an empty list")
                    fix = (": pass dtype=np.int64 to np.array (or dtype=torch.long)"
                           if torch.is_tensor(t) and t.dtype == torch.float64 else
                           ": pass dtype=torch.long")
                    empty = (made + (" (max_length=0 leaves no id in a row)" if max_length == 0
                                     else "") + fix
                             if torch.is_tensor(t) and t.is_floating_point() and not t.numel()
                             else "")
                    raise CheckFailure(f"{call}: dataset[{i}]'s {name} is {kind}; expected a "
                                       "torch.long tensor (embeddings and cross_entropy need "
                                       f"int64 ids and class indices){empty}")
            expected = ids[:length] + [pad] * (length - len(ids[:length]))
            if x.dim() == 0:
                raise CheckFailure(f"{call}: dataset[{i}] input is a 0-d tensor ({x.item()}), "
                                   f"expected shape ({length},): one 1-D row of ids per message")
            if x.tolist() != expected:
                causes = _row_causes(ids, length, pad)
                stripped = tok.encode(texts[i].strip())
                causes["the text was stripped (or otherwise changed) before encoding; encode "
                       "each message exactly as it is in the CSV"] = (
                    stripped[:length] + [pad] * (length - len(stripped[:length])))
                if max_length is not None:
                    chars = tok.encode(texts[i][:length])
                    causes[f"the TEXT was cut to {length} characters before encoding; a "
                           "character can be several token ids (here 'é' is 2 bytes): encode "
                           "the whole text, then keep the first max_length ids"] = (
                        chars + [pad] * (length - len(chars)))
                    for key in [k for k in causes if "kept max_length + 1" in k]:
                        if causes[key] == chars + [pad] * (length - len(chars)):
                            del causes[key]  # a cut by characters gives the same ids here
                if len(texts[i]) != len(ids):
                    causes[f"the padding was counted from the TEXT's {len(texts[i])} "
                           f"characters, not its {len(ids)} token ids (a character can be "
                           "several ids: an accented one such as 'é' is 2 bytes): append "
                           "self.max_length - len(ids) padding ids"] = (
                        ids[:length] + [pad] * max(0, length - len(texts[i])))
                explicit = None
                if max_length is None and len(ids) < length:
                    try:  # padding that lives in the max_length branch shows up when it is given
                        explicit = impl(csv, tok, max_length=length, **kwargs)[i][0].tolist()
                    except Exception:  # noqa: BLE001 (no contrast: keep the other causes)
                        explicit = None
                if max_length is None and len(ids) < length and explicit == list(ids):
                    causes[f"dataset[{i}] gave the message's {len(ids)} ids with no padding, "
                           f"though dataset.max_length is {length}, and even with max_length="
                           f"{length} given it comes back unpadded: __getitem__ does not return "
                           "the padded lists built in __init__ (it encodes the text again, or "
                           "reads a list kept from before the padding): return "
                           "self.encoded_texts[index], the padded ids"] = list(ids)
                elif max_length is None and len(ids) < length:
                    causes[f"with max_length=None no padding was added (this message keeps its "
                           f"{len(ids)} ids): pad every message to self.max_length = {length}, "
                           "the longest message; the max_length ARGUMENT is None here, so "
                           "padding counted from it adds nothing"] = list(ids)
                if label_first:
                    as_text = tok.encode(str(label))
                    causes["that row is the encoded LABEL: the texts were read by column "
                           "position (iloc[:, 0], values[:, 0]), and this CSV has the book's "
                           "column order, Label then Text: read them by name, "
                           "self.data['Text']"] = (as_text[:length]
                                                   + [pad] * (length - len(as_text[:length])))
                longest = max(len(e) for e in encoded)
                if max_length is not None and longest != length:
                    causes[f"the message was cut to max_length = {length} but padded to "
                           f"{longest}, the longest message's length: pad to self.max_length "
                           "(max_length when it is given), not to the longest message"] = (
                        ids[:length] + [pad] * (longest - len(ids[:length])))
                lowered = tok.encode(texts[i].lower())
                causes["the text was lowercased before encoding; encode each message exactly "
                       "as it is in the CSV (GPT-2's tokens tell 'Call' from 'call')"] = (
                    lowered[:length] + [pad] * (length - len(lowered[:length])))
                hint = _matching_cause(x.tolist(), {k: v for k, v in causes.items()
                                                    if v != expected})
                if hint is None and x.tolist() == [expected]:
                    hint = (f"the input has shape {tuple(x.shape)}, one dimension too many: "
                            f"return a 1-D tensor of {length} ids (the DataLoader adds the "
                            "batch dimension)")
                kept, tail = x.tolist()[:len(ids[:length])], x.tolist()[len(ids[:length]):]
                narrow = narrowed_dtype(tail[0], pad) if tail else None
                if hint is None and kept == ids[:length] and len(set(tail)) == 1 \
                        and len(x) == length and narrow is not None:
                    hint = (f"the message is right but padded with {tail[0]}: that is "
                            f"pad_token_id ({pad}) " + (f"rounded in {narrow}, "
                                                        f"{_ROUNDING[narrow]}" if narrow
                                                        in _ROUNDING else f"wrapped around in "
                                                        f"{narrow}, which cannot hold it")
                            + f": the ids were kept in a {narrow} array or tensor on the way "
                            "(numpy's astype or dtype=, to save memory); a tokenizer with a "
                            "larger vocabulary (cl100k's end-of-text is 100,257) needs more: "
                            "keep the ids as Python ints or int64 (torch.long)")
                if hint is None and kept == ids[:length] and len(set(tail)) == 1 \
                        and len(x) == length and tail[0] != pad:
                    hint = (f"the message is right but padded with {tail[0]}, not with "
                            f"pad_token_id ({pad} here): fill with the pad_token_id argument "
                            "(whatever id it is), not with an id you encode or choose"
                            + (f" ({tail[0]} is this test tokenizer's eot_token: padding "
                               "comes from the argument, not from the tokenizer)"
                               if tail[0] == tok.eot_token else ""))
                    if "pad_token_id" not in kwargs and tail[0] != tok.eot_token:
                        try:
                            given = impl(csv, tok, pad_token_id=PAD, **kwargs)[i][0].tolist()
                        except Exception:  # noqa: BLE001 (no contrast: keep the hint above)
                            given = None
                        if given == expected:
                            hint = _default_pad_hint(tail[0])
                columns = [(e[:length] + [pad] * (length - len(e[:length])))[i]
                           for e in encoded] if i < length else None
                if hint is None and len(encoded) > 1 and x.tolist() == columns:
                    hint = (f"dataset[{i}] holds position {i} of EVERY message (one id from each "
                            f"of the {len(encoded)} messages): the padded ids were stacked as "
                            "(max_length, messages), one COLUMN per message (pad_sequence "
                            "without batch_first=True, or a transpose): keep one row per "
                            "message, shape (messages, max_length), and return row index")
                distinct = list(dict.fromkeys(texts))
                if hint is None and i < len(distinct) < len(texts) and texts[i] != distinct[i] \
                        and x.tolist() == (tok.encode(distinct[i])[:length] + [pad] * (
                            length - len(tok.encode(distinct[i])[:length]))):
                    hint = (f"that is the {len(distinct)} DISTINCT messages' row {i} "
                            f"({distinct[i]!r}): this CSV holds {texts[i]!r} twice and only the "
                            "distinct texts were encoded (Text.unique(), a set, or a dict keyed "
                            "by text), so every row after the repeat is shifted: encode every "
                            "row of the Text column, repeats included")
                try:
                    all_rows = _dataset_rows(dataset)
                except Exception:  # noqa: BLE001 (no rows to compare: no sharing to name)
                    all_rows = []
                wanted = [e[:length] + [pad] * (length - len(e[:length])) for e in encoded]
                cropped = [(e[:length] + [pad] * length)[-length:] if length else []
                           for e in encoded]  # padded past the length, then its END kept
                if hint is None and all_rows == cropped != wanted:
                    hint = (f"each row is the END of the message with {length} padding ids "
                            f"appended: the padding went on first and the row was then cut to "
                            f"its LAST {length} ids (row[-length:], as generate_text_simple "
                            "crops), so the padding pushes a short message out; keep the "
                            "message's FIRST ids, ids[:length], then append pad_token_id up to "
                            "the length")
                if hint is None and len(all_rows) > 1 and len(set(map(tuple, wanted))) > 1 \
                        and all(r == all_rows[0] for r in all_rows):
                    last = next((j for j in reversed(range(len(encoded))) if all_rows[0][
                        :len(encoded[j][:length])] == encoded[j][:length]), None)
                    hint = (f"every row of the dataset is the same list, {_short_repr(all_rows[0])}"
                            + (", the LAST message's row" if all_rows[0] == wanted[-1] else
                               ", which starts with the LAST message's ids, written over what "
                               "the longer messages before it left" if last == len(encoded) - 1
                               else "")
                            + ": the rows are ONE list object shared by every message (a row "
                            "list made once before the loop, or [[pad_token_id] * n] * m, which "
                            "repeats a reference to a single list, so filling row i fills them "
                            "all): make a new list per message, "
                            "ids + [pad_token_id] * (self.max_length - len(ids))")
                others = [j for j, t in enumerate(texts) if j != i and x.tolist() == (
                    encoded[j][:length] + [pad] * (length - len(encoded[j][:length])))]
                if hint is None and others:
                    hint = (f"that is message {others[0]}'s row ({texts[others[0]]!r}): "
                            "dataset[i] must be row i of the CSV, in the file's order; the "
                            "rows were reordered (sorted or shuffled) after reading, or the "
                            "index is off")
                real = [t for t in x.tolist() if t != pad]
                start = next((j for j in range(1, len(ids)) if real and
                              ids[j:j + len(real)] == real), None)
                if hint is None and start is not None:
                    hint = (f"the row holds the message's ids from index {start} on: its first "
                            f"{start} id(s) are missing (a slice such as ids[{start}:], or a "
                            "loop that starts at 1): keep the ids from the start, ids[:length]")
                want_row = ids[:length] + [pad] * (length - len(ids[:length]))
                row = x.tolist()
                first_pad = row.index(pad) if pad in row else 0
                if hint is None and first_pad > 0 and pad not in ids[:length] \
                        and len(row) == len(want_row) \
                        and [t for t in row if t != pad] == ids[:length]:
                    after = [t for t in row[first_pad:] if t != pad]
                    hint = (f"the message's ids are all there and in order, but the padding "
                            f"sits INSIDE the message: position {first_pad} holds padding and "
                            f"its last {len(after)} id(s) {after[:8]} come after it (a "
                            "list.insert(len(ids) - 1, ...) or an index off by one puts the "
                            "padding before the last id): append it after the message, "
                            "ids + [pad_token_id] * n")
                middle = _head_and_tail(x.tolist(), ids, length)
                if hint is None and middle:
                    hint = f"the row is not the message's first {length} ids: {middle}"
                if hint is None and sorted(x.tolist()) == sorted(want_row):
                    order = ("sorted" if x.tolist() == sorted(want_row) or real == sorted(real)
                             else "reversed" if x.tolist() == want_row[::-1] else "reordered")
                    k = next(j for j, (a, b) in enumerate(zip(x.tolist(), want_row)) if a != b)
                    hint = (f"the right ids, but {order} (position {k} holds {x.tolist()[k]}, "
                            f"expected {want_row[k]}): keep each message's ids in the order "
                            "tokenizer.encode returns them (no sorted(), set() or [::-1]), "
                            "then the padding")
                    # how the ids moved, read on the first reordered message of 3+ ids
                    # (two ids swapped are a reversal and a roll alike)
                    for j, want_ids in enumerate(encoded):
                        try:
                            got_j = [t for t in dataset[j][0].tolist() if t != pad]
                        except Exception:  # noqa: BLE001 (no row: no relation to name)
                            break
                        if order == "reordered" and len(want_ids[:length]) >= 3 and sorted(
                                got_j) == sorted(want_ids[:length]) != got_j:
                            moved = describe_difference(torch.tensor(got_j), torch.tensor(
                                want_ids[:length]), dims=("positions",), where=False)
                            hint += f" (message {j}, {texts[j]!r}: {moved})" if moved else ""
                            break
                if hint is None and real and not any(tok.encode(t)[:len(real)] == real
                                                     for t in texts):
                    shown = real[:8] + (["..."] if len(real) > 8 else [])
                    hint = (f"the row's ids {shown} do not start any message of this CSV "
                            f"(row {i}'s text {texts[i]!r} encodes to {ids[:8]}"
                            f"{' ...' if len(ids) > 8 else ''}): the row was built from "
                            "another text, or the ids were changed after encoding; encode "
                            "each message's text exactly as read, tokenizer.encode(text)")
                if hint is None and x.tolist() == ids[:length] and len(ids) < length:
                    no_max = {k: v for k, v in kwargs.items() if k != "max_length"}
                    try:
                        padded = len(impl(csv, tok, **no_max)[i][0]) > len(ids)
                    except Exception:  # noqa: BLE001 (then no contrast to name)
                        padded = False
                    hint = (f"the message's {len(ids)} ids came back with no padding at all"
                            + (" though with max_length=None the same message IS padded: "
                               "your padding runs only when max_length is None (inside that "
                               "branch)" if padded and "max_length" in kwargs else "")
                            + f"; after the cut, append pad_token_id to every message up to "
                            f"{length} ids")
                full = next((j for j, e in enumerate(encoded) if len(e) >= length > 1), None)
                if hint is None and len(x) == length - 1 and full is not None:
                    try:
                        longest_row = dataset[full][0].tolist()
                    except Exception:  # noqa: BLE001 (no contrast: the count hint below)
                        longest_row = None
                    if longest_row == encoded[full][:length - 1]:
                        hint = (f"every input is {length - 1} ids, one short of max_length = "
                                f"{length}, and even message {full} ({texts[full]!r}), which "
                                f"fills all {length} positions without padding, lost its "
                                f"LAST id ({encoded[full][length - 1]}): the last id of every "
                                "row is dropped after the padding (ids[:-1], a chapter-5 "
                                "input/target shift, or a range that stops one early), not a "
                                "padding count; return the whole padded row")
                copies = texts.count(texts[i])
                need = length - len(ids[:length])
                if (hint is None and copies > 1 and need > 0
                        and x.tolist() == ids[:length] + [pad] * (need * copies)):
                    hint = (f"every input must have max_length = {length} ids; this one has "
                            f"{len(x)}: its text {texts[i]!r} is in the CSV {copies} times, and "
                            f"its row got the padding {copies} times ({need} ids each): the "
                            "rows of a repeated text are ONE shared list (ids kept per text in "
                            "a dict, for instance), padded in place once for each row; give "
                            "every row its own list (ids + [pad_token_id] * n, or list(ids))")
                if hint is None and len(x) != length:
                    extra = len(x) - length
                    padding_only = (x.tolist()[:len(ids[:length])] == ids[:length]
                                    and set(x.tolist()[len(ids[:length]):]) <= {pad})
                    hint = (f"every input must have max_length = {length} ids; this one has "
                            f"{len(x)}" + (" (one padding id too few)" if extra == -1
                                           else " (one padding id too many)" if extra == 1
                                           else f" (the message's ids are right, then "
                                           f"{abs(extra)} padding ids too "
                                           f"{'many' if extra > 0 else 'few'}: a count such as "
                                           f"self.max_length {'+' if extra > 0 else '-'} "
                                           f"{abs(extra)} - len(ids)? pad with "
                                           "self.max_length - len(ids))"
                                           if padding_only else ""))
                if (hint or "").startswith("you padded with 50256 though") and pad == 0:
                    try:
                        probe = impl(csv, tok, **{**kwargs, "pad_token_id": 9})[i][0].tolist()
                    except Exception:  # noqa: BLE001 (no probe result: keep the hint)
                        probe = None
                    if probe == ids[:length] + [9] * (length - len(ids[:length])):
                        hint = _FALSY_PAD
                if (hint or "").startswith("you padded with 0;") and "pad_token_id" not in kwargs:
                    probe = impl(csv, tok, pad_token_id=PAD, **kwargs)[i][0].tolist()
                    if probe == expected:  # 50256 given explicitly works: the default is 0
                        hint = ("your default pad_token_id pads with 0; keep the signature's "
                                "default pad_token_id=50256 (GPT-2's <|endoftext|>)")
                if hint is None:
                    got_ids = x.tolist()
                    k = next((j for j, (a, b) in enumerate(zip(got_ids, expected)) if a != b),
                             min(len(got_ids), len(expected)))
                    where = ""
                    if k < min(len(got_ids), len(expected)):
                        value, kept = got_ids[k], ids[:length]
                        where = (f"; position {k} holds {value}, expected {expected[k]}, "
                                 + (f"in the message part ({len(kept)} ids)" if k < len(kept)
                                    else "in the padding"))
                        if value in ids and ids.index(value) != k:
                            where += (f"; {value} is the message's id at index "
                                      f"{ids.index(value)}: the ids are shifted or reordered")
                        elif value == pad:
                            where += "; that is the padding id, where a message id belongs"
                    kept = ids[:length]
                    end = next((j for j in range(len(kept), len(got_ids))
                                if got_ids[j] == pad), len(got_ids))
                    added = got_ids[len(kept):end] if got_ids[:len(kept)] == kept else []
                    if added and len(kept) < length:
                        shown = "".join(chr(t) for t in added) if isinstance(
                            tok, CharTokenizer) and max(added) < 0x110000 else None
                        where += (f"; the message's {len(kept)} ids are right, then "
                                  f"{len(added)} more id(s) {added[:6]}"
                                  + (f" ({shown!r})" if shown is not None else "")
                                  + " before the padding: something was added after each text "
                                  "or its ids (a newline, a space, an end marker?); encode the "
                                  "text alone")
                    hint = (f"the first difference is at position {k} (this message has "
                            f"{len(ids)} ids, max_length is {length}, the padding id {pad})"
                            f"{where}: the message's first max_length ids, then padding. "
                            + describe_difference(x, torch.tensor(expected)))
                raise CheckFailure(f"{call}: dataset[{i}] input ({texts[i]!r}) is {x.tolist()}, "
                                   f"expected {expected}: {hint}")
            if y.shape != () or y.item() != label:
                hint = _label_order_hint(dataset, labels, texts) if y.shape == () else ""
                if y.shape == (1,) and y.item() == label:
                    hint = (": the label has shape (1,), one dimension too many "
                            "(torch.tensor([label])): a batch of them would be (batch, 1), "
                            "not the (batch,) class indices cross_entropy wants; use "
                            "torch.tensor(label)")
                if y.dim() == 1 and y.numel() == label:
                    hint = (f": the label has shape ({label},), as many elements as the label's "
                            "value: torch.LongTensor(label) (like torch.Tensor(n) or "
                            "torch.empty(n)) makes an uninitialised tensor OF THAT SIZE, not "
                            "one holding the value; use torch.tensor(label, dtype=torch.long)")
                try:
                    read = [int(dataset[j][1]) for j in range(len(labels))]
                except Exception:  # noqa: BLE001 (no labels to compare)
                    read = None
                if y.shape == () and read == [1 - lab for lab in labels] and set(labels) == {
                        0, 1}:
                    hint = (f": every label is inverted (the CSV's labels {list(labels)} came "
                            f"out as {[1 - lab for lab in labels]}): 1 - label, a negation or "
                            "a map that swaps 0 and 1: the Label column already holds 1 for "
                            "spam and 0 for ham; use the value as it is")
                elif y.shape == () and _labels_all_zero(impl, tok, folder):
                    hint = (": every label came out 0 though the CSV holds 1s: the Label column "
                            "already holds 0 and 1 (a comparison with 'spam' is never true); "
                            "use the value as it is")
                    if set(labels) == {1}:
                        hint = (": every label came out 0 though this CSV holds only 1s, while "
                                "files holding both 0 and 1 come out right: the labels were "
                                "recoded (astype('category').cat.codes, pd.factorize or a "
                                "LabelEncoder number the labels PRESENT in the file from 0, so "
                                "a file of spam only gives 0): use the Label value as it is")
                if hint.startswith(": every item has the first row's label") and \
                        _labels_of_probe(impl, tok, folder, [1, 0, 0]) != [1, 1, 1]:
                    hint = ""  # a constant label, not the first row's: another file tells
                if not hint and read is not None and len(read) == len(labels):
                    bad = [j for j, (r, lab) in enumerate(zip(read, labels)) if r != lab]
                    hint = (f": the labels read are {read}, the CSV's are {list(labels)}; rows "
                            f"{bad} differ (texts {[texts[j] for j in bad][:3]}), "
                            + ("and each differing row holds another row's label, so the "
                               "labels are read at the wrong rows" if sorted(read) == sorted(
                                   labels) else "and they are not the file's labels in any "
                               "order, so they come from somewhere else than the Label "
                               "column (computed from the text, or a constant?)")
                            + ": dataset[i]'s label is the Label value of row i, as read")
                raise CheckFailure(f"{call}: dataset[{i}] label is {y.tolist()}, expected "
                                   f"tensor({label}) (a 0-d tensor of the row's Label, read by "
                                   f"its column name){hint}")


_WORDS_HINT = ("your code raised {err}. It reads 'ham'/'spam' words: given a CSV whose Label "
               "column holds the words it works, but this CSV's Label column already holds 0 "
               "and 1 (the words were mapped before the CSV was saved), so a .map({{'ham': 0, "
               "'spam': 1}}) turns every label into NaN: use the Label value as it is")


def _holds_rows(dataset, rows):
    """Whether ``dataset[i][0]`` lists ``rows[i]`` for every row (False on any failure)."""
    try:
        return all(torch.as_tensor(dataset[i][0]).tolist() == row for i, row in enumerate(rows))
    except Exception:  # noqa: BLE001 (no probe result)
        return False


def _dataset_rows(dataset):
    return [dataset[i][0].tolist() for i in range(len(dataset))]


def _rows_start_with(rows, changed):
    return len(rows) == len(changed) and all(row[:len(ids)] == ids
                                             for row, ids in zip(rows, changed))


# texts on which the usual changes all differ: a strip, a collapse of inner runs, a cut line
# break and unescaped entities (told apart when several changes fit the case's texts)
_TELLING_TEXTS = [" ab  c\td &amp; e\n", "f"]


def _changed_texts_hint(dataset, texts, tok, impl=None):
    """The cause from ``_TEXT_CHANGES`` whose changed texts' ids start the dataset's rows and
    give its max_length, or None. When several fit (stripping the ends and collapsing runs of
    whitespace change "  win now " alike), a fresh copy of ``impl`` on ``_TELLING_TEXTS``
    picks the one it reproduces."""
    try:
        rows = _dataset_rows(dataset)
    except Exception:  # noqa: BLE001 (no rows to compare)
        return None
    fits = []
    for cause, change in [(_STRIPPED, str.strip), *_TEXT_CHANGES, *_DATASET_TEXT_CHANGES]:
        changed = [tok.encode(change(t)) for t in texts]
        if changed != [tok.encode(t) for t in texts] and _rows_start_with(rows, changed) and \
                getattr(dataset, "max_length", None) == max(len(ids) for ids in changed):
            fits.append((cause, change))
    if len(fits) > 1 and impl is not None:
        probe = _rows_of_texts(impl, _TELLING_TEXTS, tok)
        told = [(cause, change) for cause, change in fits if probe is not None and
                _rows_start_with(probe, [tok.encode(change(t)) for t in _TELLING_TEXTS])]
        fits = told or fits
    if not fits:
        return None
    cause = fits[0][0]
    return ("" if cause == _STRIPPED else "the longest message as it is in the CSV; ") + cause


_NO_SPACES = ("the spaces between the words are missing from your rows: each word was encoded "
              "on its own and the ids joined (a loop over text.split(), or the spaces removed), "
              "and the spaces are part of the message (with GPT-2's tokenizer ' there' is one "
              "id of its own): encode the whole text at once, tokenizer.encode(text)")
_QUOTES_REMOVED = ("every double quote was removed from the messages (text.replace('\"', ''), "
                   "perhaps to undo the CSV's quoting): pd.read_csv already gives each message "
                   "back as it was written, its own quotes included; encode each text as read")
# more changes of the texts, for the dataset only (classify_review's fallback names any change
# from the ids it finds missing or added)
_DATASET_TEXT_CHANGES = [
    ("the text '<|endoftext|>' typed in a message was removed before encoding (a replace of "
     "'<|endoftext|>' by ''): those characters are part of the message; encode them as text, "
     "tokenizer.encode(text) without allowed_special", lambda t: t.replace("<|endoftext|>", "")),
    (_NO_SPACES, lambda t: t.replace(" ", "")),
    (_NO_SPACES, lambda t: "".join(t.split())),
    ("the whitespace at the END of each message was stripped (text.rstrip(): trailing spaces "
     "and line breaks), while the start was kept: those characters are part of the message "
     "and have ids of their own; encode each text exactly as read", str.rstrip),
    (_QUOTES_REMOVED, lambda t: t.replace('"', "")),
]


def _rows_of_texts(impl, texts, tok):
    """The rows of a freshly loaded copy of the answer on a CSV of ``texts`` (None on error)."""
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "probe.csv"
        pd.DataFrame({"Text": texts, "Label": [0] * len(texts)}).to_csv(csv, index=None)
        try:
            return _dataset_rows(fresh_copy(impl)(csv, tok))
        except Exception:  # noqa: BLE001 (no probe result)
            return None


_STRIPPED = ("the longest message as it is in the CSV; the texts were stripped before "
             "encoding: encode each message exactly as it is")


def _fresh_max_length(impl, csv, tok):
    """max_length of a freshly loaded copy of the answer on ``csv`` (a replay of a reading
    mistake must hold there too; one that comes from state kept between calls does not)."""
    try:
        return getattr(fresh_copy(impl)(csv, tok), "max_length", None)
    except Exception:  # noqa: BLE001 (no probe result)
        return None


def _longest_probe(impl, tok, folder):
    """Which length an answer takes as the longest on texts whose longest (11 ids), most words
    (6), len(max(encoded)) (2, for "zz"), first message (3) and last message (5) differ:
    "longest", "words", "len_of_max", "first", "last" or None."""
    csv = Path(folder) / "longest_probe.csv"
    pd.DataFrame({"Text": ["abc", "zz", "a b c d e f", "ab cd"], "Label": [1, 0, 1, 0]}).to_csv(
        csv, index=None)
    try:
        got = getattr(impl(csv, tok), "max_length", None)
    except Exception:  # noqa: BLE001 (no probe result)
        return None
    return {11: "longest", 6: "words", 2: "len_of_max", 3: "first", 5: "last"}.get(
        got) if tok.encode(
        "zz") == [122, 122] else None


def _maps_label_words(impl, tok, folder):
    """Whether the answer works on a CSV whose labels are the words 'spam'/'ham' (and maps them
    to 1/0): it then reads words where the data holds numbers."""
    csv = Path(folder) / "words.csv"
    pd.DataFrame({"Text": ["ab", "c"], "Label": ["spam", "ham"]}).to_csv(csv, index=None)
    try:
        data = impl(csv, tok)
        return [int(data[j][1]) for j in range(2)] == [1, 0]
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _len_of_rows(impl, tok, folder, n):
    """len() of the answer's dataset for a CSV of ``n`` short messages (None if it fails)."""
    csv = Path(folder) / f"rows{n}.csv"
    pd.DataFrame({"Text": [f"m{k}" for k in range(n)], "Label": [k % 2 for k in range(n)]}
                 ).to_csv(csv, index=None)
    try:
        return len(impl(csv, tok))
    except Exception:  # noqa: BLE001 (no probe result)
        return None


def _reads_index_column(impl, tok, folder, frame):
    """Whether the answer works on the same rows saved with their index as a first column."""
    indexed = Path(folder) / "indexed.csv"
    frame.to_csv(indexed)
    try:
        data = impl(indexed, tok)
        return len(data) == len(frame) and torch.is_tensor(data[0][0])
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _reads_text_first(impl, tok, folder, frame):
    """Whether the answer gives the right labels on the same rows saved as Text, Label."""
    text_first = Path(folder) / "text_first.csv"
    frame[["Text", "Label"]].to_csv(text_first, index=None)
    try:
        data = impl(text_first, tok)
        return [int(data[j][1]) for j in range(len(frame))] == list(frame["Label"])
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _reads_label_by_position(impl, tok, folder, frame):
    """Whether the answer gives the right labels on the same rows saved with Label first."""
    swapped = Path(folder) / "label_first.csv"
    frame[["Label", "Text"]].to_csv(swapped, index=None)
    try:
        data = impl(swapped, tok)
        return [int(data[j][1]) for j in range(len(frame))] == list(frame["Label"])
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _reads_headerless(impl, tok, folder, frame):
    """Whether the answer has one row per line on the same rows written without a header."""
    bare = Path(folder) / "bare.csv"
    frame.to_csv(bare, index=None, header=False)
    try:
        return len(impl(bare, tok)) == len(frame)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _reads_tabs(impl, tok, folder, frame):
    """Whether the answer works on the same rows written with tabs between the columns."""
    tsv = Path(folder) / "tabs.csv"
    frame.to_csv(tsv, index=None, sep="\t")
    try:
        data = impl(tsv, tok)
        return len(data) == len(frame) and torch.is_tensor(data[0][0])
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _labels_all_zero(impl, tok, folder):
    """Whether a CSV whose labels are all 1 comes out as all 0 (labels mapped from words)."""
    csv = Path(folder) / "probe.csv"
    # spam-like words: labels guessed from the text come out 1 there, a word compare gives 0
    pd.DataFrame({"Text": ["win free cash", "c"], "Label": [1, 1]}).to_csv(csv, index=None)
    try:
        data = impl(csv, tok)
        return [int(data[j][1]) for j in range(2)] == [0, 0]
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _labels_of_probe(impl, tok, folder, labels):
    """The labels the answer reads from a probe CSV with these ``labels`` (None on a failure)."""
    csv = Path(folder) / "label_probe.csv"
    texts = ["c", "ab", "zz", "d", "e"][:len(labels)]
    pd.DataFrame({"Text": texts, "Label": labels}).to_csv(csv, index=None)
    try:
        data = impl(csv, tok)
        return [int(data[j][1]) for j in range(len(labels))]
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _drops_leading(dataset, texts, tok):
    """Whether a message that starts with spaces comes back without them (the rest kept)."""
    for i, text in enumerate(texts):
        if text != text.lstrip():
            try:
                row = dataset[i][0].tolist()
            except Exception:  # noqa: BLE001 (any failure: no pattern to name)
                return False
            kept = tok.encode(text.lstrip())
            return row[:len(kept)] == kept
    return False


def _label_order_hint(dataset, labels, texts=None):
    """Name the row the labels come from when every item's label is another row's, or when
    rows holding one text all got the label of one of them (labels looked up by the text)."""
    got = []
    for j in range(len(labels)):
        try:
            y = dataset[j][1]
            got.append(int(y.item()) if torch.is_tensor(y) and y.numel() == 1 else None)
        except Exception:  # noqa: BLE001 (any failure: no pattern to name)
            return ""
    n = len(labels)
    causes = {
        ": dataset[i] returns the label of row i - 1 (an index off by one); read row i's own "
        "Label": [labels[j - 1] for j in range(n)],
        ": dataset[i] returns the label of row i + 1 (an index off by one); read row i's own "
        "Label": [labels[(j + 1) % n] for j in range(n)],
        ": every item has the first row's label; read the Label of row index "
        "(self.data.iloc[index]['Label'])": [labels[0]] * n,
    }
    if texts is not None and len(set(texts)) < len(texts):
        last, first = dict(zip(texts, labels)), {}
        for text, label in zip(texts, labels):
            first.setdefault(text, label)
        twice = next(t for t in texts if texts.count(t) > 1)
        rows = [j for j, t in enumerate(texts) if t == twice]
        for which, table in (("LAST", last), ("FIRST", first)):
            causes[f": rows {rows} hold the same text {twice!r} with the labels "
                   f"{[labels[j] for j in rows]}, and each got its {which} copy's label: the "
                   "label was looked up by the message's text (a dict keyed by text, "
                   "or a filter on Text == text); a repeated text is a row of its own with its "
                   "own label: read row index's Label, self.data.iloc[index]['Label']"] = [
                       table[t] for t in texts]
    hint = _matching_cause(got, {k: v for k, v in causes.items() if v != list(labels)})
    return hint or f": the labels of rows 0-{n - 1} are {got}, expected {list(labels)}"


def _named_by_variant(impl, texts, labels, what, variants, tok=None):
    """Run the dataset case on ``texts``; when it fails but the same case passes on one of
    ``variants``, (the changed texts, what that shows), say so; ``what`` names the messages."""
    try:
        _spam_case(impl, texts, labels, None, PAD, tok=tok)
    except Exception as err:  # noqa: BLE001 (named when a changed text passes)
        for changed, shows in variants:
            if changed == texts:
                continue
            try:
                _spam_case(impl, changed, labels, None, PAD, tok=tok)
            except Exception:  # noqa: BLE001 (not this change: try the next)
                continue
            said = ("your dataset differs" if isinstance(err, CheckFailure) else
                    f"your code raised {type(err).__name__}")
            raise CheckFailure(f"{said} on {what}, yet {shows}") from err
        raise


def _named_by_removal(impl, texts, labels, what, removals):
    """``_named_by_variant`` with the texts' characters of one group of ``removals`` taken out;
    ``removals`` maps the characters to (their name, the hint)."""
    variants = []
    for chars, (name, hint) in removals.items():
        plain = texts
        for char in chars:
            plain = [t.replace(char, "") for t in plain]
        variants.append((plain, f"the same messages without {name} work: {hint}"))
    _named_by_variant(impl, texts, labels, what, variants)


def _quoted_case(impl):
    """Messages with commas and double quotes, which a CSV writes in quotes."""
    texts, labels = ['Hi, you won "cash", call now', "ok", "sure, see you"], [1, 0, 0]
    hint = (f"the CSV writes {texts[0]!r} in quotes (\"Hi, you won \"\"cash\"\", call now\"), "
            "and your reading does not undo that quoting (quoting=csv.QUOTE_NONE, or lines split "
            "on ','): read the file with pd.read_csv(csv_file) and its default quoting")
    try:
        _spam_case(impl, texts, labels, None, PAD)
    except Exception as err:  # noqa: BLE001 (a reading slip: named by the removal below)
        if isinstance(err, CheckFailure) and _QUOTES_REMOVED in str(err):
            raise  # the rows name the change: no reading to blame
    _named_by_removal(impl, texts, labels, "messages with commas and double quotes",
                      {',"': ("commas and quotes", hint)})


def _doubled_quotes_case(impl):
    """Messages holding two double quotes in a row, as typed (an empty quote, a reply code):
    the CSV writes each as four, and pd.read_csv gives the two back; named when the same
    messages with one quote in place of two pass (a replace of '""' by '"' undoes the CSV's
    quoting a second time)."""
    texts, labels = ['reply "" to stop', 'say ""hi"" to Tom', "ok"], [1, 0, 0]
    hint = ("two double quotes in a row inside a message came back as one: pd.read_csv "
            "already undid the CSV's quoting (the file holds them as four), so a replace of "
            "'\"\"' by '\"' (or a second pass of unquoting) changes the message itself; encode "
            "each text as read")
    _named_by_variant(impl, texts, labels, "messages holding two double quotes in a row",
                      [([t.replace('""', '"') for t in texts],
                        f"the same messages with one quote in place of two work: {hint}")])


def _marker_text_case(impl):
    """A message that holds the text '<|endoftext|>' (typed in an SMS): encoded as text."""
    tok = _MarkerTokenizer()
    _marker_named(lambda: _spam_case(impl, ["win <|endoftext|> cash", "ok", "see you"],
                                     [1, 0, 0], None, PAD, tok=tok), tok)


_SYMBOL_HINTS = {
    "#": "a '#' in a message: pd.read_csv(..., comment='#') cuts each line at its first '#' "
         "(SMS messages hold '#' often)",
    "\\": "a backslash in a message: pd.read_csv(..., escapechar='\\\\') takes it as an escape "
          "character and drops it",
}


def _symbols_case(impl):
    """Messages holding '#' and a backslash, which the CSV writes as they are."""
    texts = ["WIN #1 prize; txt 87121", "ok; at C:\\home\\me", "call #2 now"]
    _named_by_removal(impl, texts, [1, 0, 1], str(texts), {
        symbol: (repr(symbol), f"{hint}; read the file with pd.read_csv(csv_file) and its "
                               "defaults")
        for symbol, hint in _SYMBOL_HINTS.items()})


def _whitespace_case(impl):
    """Messages holding a tab, a line break and a Windows line break (\\r\\n), which the CSV
    keeps inside the (quoted) text."""
    texts = ["WIN\tcash now", "ok see you\nat six", "fine", "call me\r\nlater"]
    keep = "; pd.read_csv keeps it inside the message: encode each text as read"
    _named_by_removal(impl, texts, [1, 0, 0, 1], str(texts), {
        "\r": ("the carriage return", "a Windows line break (\\r\\n) inside a message came "
                "back without its \\r: the file was opened in text mode without newline='' "
                "(open(csv_file) turns \\r\\n into \\n; the csv module needs "
                f"open(csv_file, newline=''), or use pd.read_csv(csv_file)){keep}"),
        "\t": ("the tab", "a tab inside a message was changed (replaced by a space, or the text "
                          f"split on whitespace and joined again){keep}"),
        "\n\r": ("the line breaks", "a line break inside a message was changed or dropped "
                                 "(splitlines(), replace('\\n', ' '), or lines read one by one)"
                                 f"{keep}")})


def _edge_quotes_case(impl):
    """Messages that start or end with a double quote; named when the same messages with those
    quotes stripped pass (text.strip('"') drops a message's own quotes)."""
    texts, labels = ['"Free" entry for you', 'he said "ok"', "fine"], [1, 0, 0]
    try:
        _spam_case(impl, texts, labels, None, PAD)
    except CheckFailure as err:
        try:
            _spam_case(impl, [t.strip('"') for t in texts], labels, None, PAD)
        except Exception:  # noqa: BLE001 (not the quotes: report the first failure)
            raise err from None
        raise CheckFailure(f"{err}. The same messages without their first or last double "
                           "quote pass: the quotes a message starts or ends with were dropped "
                           "(text.strip('\"'), or a quotechar that eats them); pd.read_csv "
                           "already undid the file's CSV quoting, so encode each text as "
                           "read") from None


def _rewritten_file_case(impl):
    """Two files written one after the other at the same path: the second dataset must hold
    the second file's messages (a cache keyed by the path returns the first file's)."""
    tok, first, second = CharTokenizer(), ["old news", "bye"], ["win cash", "hi", "see you"]
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "train.csv"
        pd.DataFrame({"Text": first, "Label": [0, 0]}).to_csv(csv, index=None)
        impl(csv, tok)
        pd.DataFrame({"Text": second, "Label": [1, 0, 0]}).to_csv(csv, index=None)
        dataset = impl(csv, tok)
        try:
            rows = [dataset[i][0].tolist() for i in range(len(dataset))]
        except Exception:  # noqa: BLE001 (the plain case below names a crash)
            rows = None
    _spam_case(impl, second, [1, 0, 0], None, PAD)
    longest = max(len(t) for t in second)
    if rows != [tok.encode(t) + [PAD] * (longest - len(t)) for t in second]:
        old = len(rows or []) == len(first) and all(
            r[:len(t)] == tok.encode(t) for r, t in zip(rows, first))
        raise CheckFailure(
            "a CSV rewritten at a path your code had read before gave "
            + ("the rows of the file read there before" if old else f"the rows {rows}")
            + ", though the same file at a new path is read right: your code keeps the data "
            "of an earlier call (a cache keyed by the file path, a module-level dict or "
            "lru_cache): read the file with pd.read_csv(csv_file) on every call")


def _crlf_rows(impl, tok, texts, labels, label_first, ending):
    """The (ids, label) pairs of a dataset read from a CSV whose rows end in ``ending``, or the
    exception it raised."""
    frame = pd.DataFrame({"Text": texts, "Label": labels})
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "train.csv"
        (frame[["Label", "Text"]] if label_first else frame).to_csv(
            csv, index=None, lineterminator=ending)
        try:
            dataset = impl(csv, tok)
            return [(dataset[i][0].tolist(), int(dataset[i][1])) for i in range(len(dataset))]
        except Exception as err:  # noqa: BLE001 (compared with the same rows ending in \n)
            if raised_not_implemented(err):  # an untouched stub stays "not attempted"
                raise
            return err


def _crlf_file_case(impl):
    """A CSV saved on Windows: every row, the header included, ends in \r\n. pd.read_csv
    reads it like a \n file; lineterminator='\n' (or lines split on '\n') keeps the '\r' in
    the last column's name and values."""
    tok, texts, labels = CharTokenizer(), ["win cash", "ok", "see you"], [1, 0, 0]
    longest = max(len(t) for t in texts)
    want = [(tok.encode(t) + [PAD] * (longest - len(t)), y) for t, y in zip(texts, labels)]
    for label_first in (True, False):
        got = _crlf_rows(impl, tok, texts, labels, label_first, "\r\n")
        if got == want:
            continue
        order = "Label, Text" if label_first else "Text, Label"
        said = (f"raised {type(got).__name__}: {got}" if isinstance(got, Exception)
                else f"gave {got}, expected {want}")
        if _crlf_rows(impl, tok, texts, labels, label_first, "\n") != want:
            raise CheckFailure(f"a CSV with the columns {order} whose rows end in \\r\\n: "
                               f"SpamDataset(csv, tokenizer) {said}")
        raise CheckFailure(
            f"a CSV with the columns {order} whose rows end in \\r\\n (a file saved on "
            f"Windows): SpamDataset(csv, tokenizer) {said}; the same rows ending in \\n are "
            "read right, so the '\\r' of each row end was kept (in the last column's name and "
            "values): lineterminator='\\n' or lines split on '\\n' do that; read the file "
            "with pd.read_csv(csv_file) and its defaults, which take \\r\\n as a row end")


def _two_datasets_case(impl):
    """Two datasets alive at once (a training set, then a validation set from another file):
    the first must keep its own rows and labels once the second is built (data kept on the
    class, not on self, is shared by every dataset)."""
    tok, first, second = CharTokenizer(), (["win now", "ok"], [1, 0]), (
        ["see you", "cash prize!", "hi"], [0, 1, 0])
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "train.csv", Path(folder) / "val.csv"]
        for path, (texts, labels) in zip(paths, (first, second)):
            pd.DataFrame({"Text": texts, "Label": labels}).to_csv(path, index=None)
        train = impl(paths[0], tok)
        impl(paths[1], tok)
        try:
            got = [(train[i][0].tolist(), int(train[i][1])) for i in range(len(first[0]))]
        except Exception as err:  # noqa: BLE001 (named below with the crash)
            got = err
    longest = max(len(t) for t in first[0])
    want = [(tok.encode(t) + [PAD] * (longest - len(t)), y) for t, y in zip(*first)]
    if got == want:
        return
    if isinstance(got, Exception):
        said = f"raises {type(got).__name__}: {got}"
    else:
        parts = [name for name, k in (("ids", 0), ("labels", 1))
                 if [g[k] for g in got] != [w[k] for w in want]]
        said = (f"gives {' and '.join(parts)} {[g[1] if parts == ['labels'] else g for g in got]}"
                f", expected {[w[1] if parts == ['labels'] else w for w in want]}")
    raise CheckFailure(
        f"a dataset built from {first[0]} (labels {first[1]}), read again after a second "
        f"dataset was built from another file ({second[0]}, labels {second[1]}), {said}: the "
        "second dataset changed the first, so your code keeps its data on the CLASS (a class "
        "attribute such as SpamDataset.labels, type(self).labels = ..., or a class-level list "
        "shared by every dataset): keep each dataset's texts, ids and labels on self")


def _bom_case(impl):
    """A UTF-8 file that starts with a byte-order mark, as Excel and Notepad write one."""
    texts, labels = ["hi", "hello there", "yo"], [0, 1, 0]
    try:
        _spam_case(impl, texts, labels, None, PAD, bom=True)
    except Exception as err:  # noqa: BLE001 (named when the file without the mark passes)
        try:
            _spam_case(impl, texts, labels, None, PAD)
        except Exception:  # noqa: BLE001 (not the mark: the first failure stands)
            raise err from None
        said = str(err) if isinstance(err, CheckFailure) else f"{type(err).__name__}: {err}"
        how = ("(open(..., encoding='utf-8') with the csv module, or a header split by hand): "
               "pd.read_csv(csv_file) removes it, and open() does with encoding='utf-8-sig'")
        if _sniffs_separator(impl, texts, labels):
            how = ("(your pd.read_csv call has sep=None: the python engine's csv.Sniffer then "
                   "guesses the separator and leaves the mark in the header, while the default "
                   "sep=',' removes it): leave sep at its default, pd.read_csv(csv_file)")
        raise CheckFailure(
            "a CSV that starts with a byte-order mark (U+FEFF, which Excel and Notepad put at "
            "the start of UTF-8 files) fails, though the same file without it passes: your "
            "reading keeps the mark, so the first column is named '\\ufeffText', not 'Text' "
            f"{how}. What the file with the mark gave: {said.split('. ')[0]}") from err


def _sniffs_separator(impl, texts, labels):
    """Whether the answer reads the BOM file with ``pd.read_csv(..., sep=None)``, the
    separator-sniffing path that keeps the mark (a spy sees the call)."""
    calls, original = [], pd.read_csv

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    pd.read_csv = spy
    try:
        _spam_case(impl, texts, labels, None, PAD, bom=True)
    except Exception:  # noqa: BLE001 (the calls made are what counts)
        pass
    finally:
        pd.read_csv = original
    return any("sep" in kw and kw["sep"] is None for kw in calls)


def _unicode_case(impl):
    """Texts with a ligature, a full-width letter, both forms of an accent and two non-breaking
    spaces (byte tokenizer): named when the same texts changed one usual way pass."""
    texts = ["\ufb01ne deal", "cafe\u0301 or\xa0\xa0caf\xe9", "\uff37in now"]
    labels = [0, 0, 1]
    _named_by_variant(impl, texts, labels, f"the texts {texts!r}", [
        ([change(t) for t in texts], f"the same texts changed this way pass: {cause}")
        for cause, change in _TEXT_CHANGES], tok=ByteTokenizer())


def _order_named(run, impl, by_position, call, signature):
    """Run ``run(by_position)``, a wrapper that calls the answer with its options by position;
    when it fails and ``run(impl)`` (the same options by keyword) passes, name parameters in
    another order than the stub's ``signature``."""
    try:
        run(by_position)
    except CheckFailure as err:
        try:
            run(impl)
        except CheckFailure:
            raise err from None
        raise CheckFailure(f"{call} failed, though the same call with keywords passes: your "
                           f"parameters are not in the stub's order {signature}. What the "
                           f"positional call gave: {err}") from None


def _positional_case(impl):
    """The stub's signature, (csv_file, tokenizer, max_length, pad_token_id), called by
    position; named when the same call by keyword passes (parameters in another order)."""
    texts, labels = ["hi", "hello there", "yo"], [0, 1, 0]

    class ByPosition:  # calls the answer with max_length and pad_token_id as positional args
        def __new__(cls, csv, tok, max_length=None, pad_token_id=PAD):
            return impl(csv, tok, max_length, pad_token_id)
    _order_named(lambda f: _spam_case(f, texts, labels, 5, 7), impl, ByPosition,
                 "SpamDataset(csv, tokenizer, 5, 7) (max_length and pad_token_id given by "
                 "position)", "(csv_file, tokenizer, max_length=None, pad_token_id=50256)")


def _class_containers(impl):
    """The sizes of the lists, dicts and sets kept on the answer's class (and its own base
    classes), by name: data kept there is shared by every dataset."""
    sizes = {}
    for klass in getattr(impl, "__mro__", ())[:-1]:
        if klass.__module__.startswith(("torch", "builtins", "typing")):
            continue
        for name, value in vars(klass).items():
            if isinstance(value, (list, dict, set)) and name not in sizes:
                sizes[name] = len(value)
    return sizes


def _class_state_hint(impl):
    """Names a class-level list, dict or set that grows when one more dataset is built (data
    appended to ``encoded_texts = []`` in the class body lands in ONE list that every
    dataset shares), or None when there is none (the answer is not a class, or nothing on it
    grows)."""
    before = _class_containers(impl)
    if not before:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.csv"
        pd.DataFrame({"Text": ["hi", "ok"], "Label": [0, 1]}).to_csv(path, index=None)
        try:
            impl(path, CharTokenizer())
        except Exception:  # noqa: BLE001 (no dataset built: no growth to name)
            return None
    grown = [name for name, size in _class_containers(impl).items()
             if size > before.get(name, size)]
    if not grown:
        return None
    return (f"{impl.__name__}.{grown[0]} is defined in the CLASS body (a class attribute such as "
            f"`{grown[0]} = []` above __init__), so every dataset appends to that ONE shared "
            "object and it grows with each dataset built (here by "
            f"{_class_containers(impl)[grown[0]] - before[grown[0]]} with two messages): create "
            f"it in __init__, self.{grown[0]} = [...]")


def _with_class_state_hint(impl, cases):
    """``cases`` (from state_probed) whose failure that names state kept between calls also
    names the class attribute that keeps it, when one grows with every dataset."""
    def wrap(run):
        def case():
            try:
                run()
            except CheckFailure as err:
                if "between calls" not in str(err):
                    raise
                hint = _class_state_hint(impl)
                if hint is None:
                    raise
                raise CheckFailure(f"{hint}. {err}", margin=err.margin) from err
        return case
    return [(name, wrap(run)) for name, run in cases]


def check_spam_dataset(impl):
    texts_a, labels_a = ["hi", "hello there", "yo"], [0, 1, 0]
    texts_b = ["Call NOW", "ok", "see you at six", "win cash!", "On my way", "sure"]
    labels_b = [1, 0, 0, 1, 0, 0]
    # "€" and "é" are several UTF-8 bytes (ids) each; the spaces around a message are kept
    texts_c, labels_c = ["café?", "  win €5 now ", "ok", "naïve plan"], [0, 1, 0, 0]
    check_cases(_with_class_state_hint(impl, state_probed(impl, [
        ("3 messages, max_length=None", lambda f: _spam_case(f, texts_a, labels_a, None, PAD)),
        ("3 messages, max_length=5, pad 7", lambda f: _spam_case(f, texts_a, labels_a, 5, 7)),
        ("6 messages, max_length=17 (longer than all), pad 3",
         lambda f: _spam_case(f, texts_b, labels_b, 17, 3)),
        ("6 messages, max_length=4", lambda f: _spam_case(f, texts_b, labels_b, 4, PAD)),
        ("3 messages, Label column first",
         lambda f: _spam_case(f, texts_a, labels_a, None, PAD, label_first=True)),
        ("6 messages, max_length=9, pad 2, Label column first",
         lambda f: _spam_case(f, texts_b, labels_b, 9, 2, label_first=True)),
        ("4 messages with accents and spaces, max_length=None, byte tokenizer",
         lambda f: _spam_case(f, texts_c, labels_c, None, PAD, tok=ByteTokenizer())),
        ("4 messages with accents, max_length=4, byte tokenizer",
         lambda f: _spam_case(f, texts_c, labels_c, 4, PAD, tok=ByteTokenizer())),
        # the same texts with one id per character: ids cached by text from the byte
        # tokenizer's calls come back here
        ("4 messages with accents, max_length=None, one id per character",
         lambda f: _spam_case(f, texts_c, labels_c, None, PAD)),
        ("3 messages, max_length=None, pad 5",
         lambda f: _spam_case(f, texts_a, labels_a, None, 5)),
        ("3 messages, the longest last, max_length=None",
         lambda f: _spam_case(f, ["ok", "win", "call me back later"], [0, 1, 0], None, PAD)),
        ("2 messages, one of 1,030 ids, max_length=None",
         lambda f: _spam_case(f, ["hi", "w" * 1030], [0, 1], None, PAD)),
        ("2 messages, one of 1,030 ids, max_length=1,040 (past GPT-2's 1,024)",
         lambda f: _spam_case(f, ["hi", "w" * 1030], [0, 1], 1040, PAD)),
        ("3 messages, max_length=5 and pad 7 given by position", _positional_case),
        ("4 messages, one of them twice, max_length=6",
         lambda f: _spam_case(f, ["ok", "win cash", "ok", "see you"], [0, 1, 0, 0], 6, PAD)),
        ("6 messages, max_length=11, pad 0",
         lambda f: _spam_case(f, texts_b, labels_b, 11, 0)),
        # a larger vocabulary (cl100k's end-of-text is 100,257): past int16 and uint16
        ("3 messages, max_length=6, pad 100,257",
         lambda f: _spam_case(f, texts_a, labels_a, 6, 100257)),
        ("3 messages with commas and quotes, max_length=None", _quoted_case),
        ("3 messages with '#' and a backslash, max_length=None", _symbols_case),
        ("3 messages, two starting or ending with a double quote", _edge_quotes_case),
        ("3 messages, two holding two double quotes in a row", _doubled_quotes_case),
        ("3 messages, one holding the text '<|endoftext|>'", _marker_text_case),
        ("a file rewritten at a path read before", _rewritten_file_case),
        # the longest message ends in two '!' (id 33 here, as GPT-2's id 0 is '!') and holds
        # one more inside: dropping the ids equal to the padding id at the end, or anywhere,
        # gives 9 or 8, not 11
        ("3 messages, the longest ending in the padding id, max_length=None, pad 33",
         lambda f: _spam_case(f, ["hi", "win! cash!!", "ok"], [0, 1, 0], None, 33)),
        ("2 messages, both spam, max_length=None",
         lambda f: _spam_case(f, ["win cash", "call now"], [1, 1], None, PAD)),
        # 4 characters but 12 bytes, 6 characters but 7 bytes: the message with the most
        # characters has neither the most ids nor as many ids as characters
        ("3 messages, the one with the most ids not the most characters, byte tokenizer",
         lambda f: _spam_case(f, ["ok", "€€€€", "héllo!"], [0, 1, 0], None, PAD,
                              tok=ByteTokenizer())),
        ("3 messages in a file that starts with a byte-order mark", _bom_case),
        ("3 messages with a ligature, a full-width letter, two forms of 'é' and non-breaking "
         "spaces, byte tokenizer", _unicode_case),
        ("3 messages, max_length=0", lambda f: _spam_case(f, texts_a, labels_a, 0, PAD)),
        ("4 messages: a tab, a line break, a Windows line break", _whitespace_case),
        # the longest message starts with a space, ends with a line break and holds HTML
        # entities, as the SMS data does ('&lt;', '&amp;'): each usual change shortens it
        ("3 messages: a final line break and HTML entities, max_length=None",
         lambda f: _spam_case(f, ["ok", " see you &lt;3 &amp; bye\n", "Tom &amp; me\n"],
                              [0, 1, 0], None, PAD)),
        ("two datasets from two files, the first read again", _two_datasets_case),
        ("3 messages in a file whose rows end in \\r\\n (saved on Windows)", _crlf_file_case),
        # the same text as spam and as ham: each row keeps its own label
        ("4 messages, one text twice, once spam and once ham, max_length=None",
         lambda f: _spam_case(f, ["free entry", "ok", "free entry", "see you"], [1, 0, 0, 1],
                              None, PAD)),
        # a message of one space (pandas reads it as ' ', not as missing): still a message
        ("4 messages, one of them a single space, max_length=None",
         lambda f: _spam_case(f, ["ok", " ", "win cash", "see you"], [0, 1, 1, 0], None, PAD)),
    ])))


# --- ex6_3: padding to the longest message or to the full context ----------------------------


def _pad_case(impl, encoded, context, context_length, pad):
    given = copy.deepcopy(encoded)
    inner = list(given)  # the caller's row lists themselves, to tell them from the outer list
    kwargs = {"context_length": context_length}
    if pad != PAD:
        kwargs["pad_token_id"] = pad
    call = f"pad_batch(lengths {[len(e) for e in encoded]}, {context!r}, {kwargs})"
    try:
        got = impl(given, context, **kwargs)
    except TypeError as err:
        if "expected Tensor as element" not in str(err):
            raise
        raise CheckFailure(f"{call}: your code raised TypeError: {err}. torch.stack (and "
                           "torch.cat) join TENSORS, and the rows are Python lists: build the "
                           "result from the lists at once, torch.tensor(rows, dtype=torch.long), "
                           "or stack torch.tensor(row) for each row") from err
    except (RuntimeError, ValueError, IndexError) as err:
        length = _pad_length(encoded, context, context_length)
        if any(len(e) > length for e in encoded) and _works_when_cut(impl, encoded, context,
                                                                      kwargs, length, pad):
            raise CheckFailure(f"{call}: your code raised {type(err).__name__}: {err}. It "
                               f"works once the lists are cut to {length} ids, so the lists "
                               f"longer than the length ({length}) were not cut to it (left "
                               "whole, or cut to a larger number"
                               + (f" such as context_length = {context_length}"
                                  if context_length > length else "") + "): keep their "
                               "first ids, ids[:length], before padding or filling a row") \
                from err
        if any(len(e) < length for e in encoded) and _works_when_full(impl, encoded, context,
                                                                      kwargs, length, pad):
            raise CheckFailure(f"{call}: your code raised {type(err).__name__}: {err}. It "
                               f"works once every list has at least {length} ids, so the lists "
                               f"shorter than the length ({length}) were not padded (rows of "
                               "different lengths cannot form one tensor): append pad_token_id "
                               "up to the length, whatever context is") from err
        if isinstance(err, ValueError) and isinstance(context, str) and \
                repr(context) in str(err) and "int()" in str(err):
            raise CheckFailure(f"{call}: your code raised ValueError: {err}. The option "
                               f"{context!r} reached int(context), the branch meant for an int "
                               f"length: the test for {context!r} did not stop the later tests "
                               "(a chain of `if ... if ... else` where `if ... elif ... else` "
                               "was meant, or the option's name misspelled)") from err
        if isinstance(context, int) and context > context_length:
            try:
                wider = impl(copy.deepcopy(encoded), context, **{**kwargs,
                                                                 "context_length": context})
            except Exception:  # noqa: BLE001 (no evidence: the message below stays)
                wider = None
            if torch.is_tensor(wider) and tuple(wider.shape) == (len(encoded), context):
                raise CheckFailure(f"{call}: your code raised {type(err).__name__}: {err}. "
                                   f"It works with context_length={context}, so it refuses an "
                                   f"int length ({context}) longer than context_length "
                                   f"({context_length}): an int is the length itself, even "
                                   "past the context (only 'longest' is capped by "
                                   "context_length): pad or cut every list to it") from err
        outer = _cuts_outer_list(impl, encoded, context, kwargs, length, pad)
        if outer:
            raise CheckFailure(f"{call}: your code raised {type(err).__name__}: {err}. "
                               + outer) from err
        if isinstance(err, ValueError) and "empty" in str(err) and not any(encoded):
            raise CheckFailure(f"{call}: your code raised ValueError: {err}. Every message "
                               "here is empty, and a max over no values raises (a max that "
                               "skips the empty lists, or max(...) of an empty list): the "
                               "longest list has 0 ids, max(len(ids) for ids in encoded_texts), "
                               f"so the result has shape ({len(encoded)}, 0)") from err
        raise
    if given != encoded and inner == encoded and len(given) == len(encoded) \
            and sorted(map(id, given)) == sorted(map(id, inner)):
        moved = next(i for i, (g, e) in enumerate(zip(given, inner)) if g is not e)
        raise CheckFailure(f"{call} reordered the OUTER list it was given in place: it holds "
                           "the same lists, untouched, but in another order (lengths now "
                           f"{[len(e) for e in given]}; position {moved} holds another list "
                           "than before): encoded_texts.sort(...) or .reverse() reorders the "
                           "caller's list; find the longest with max(len(ids) for ids in "
                           "encoded_texts), or sort a copy, sorted(encoded_texts, key=len)")
    if given != encoded and inner == encoded and len(given) == len(encoded):
        raise CheckFailure(f"{call} changed the OUTER list it was given in place: its items "
                           f"are now new lists (of lengths {[len(e) for e in given]}), though the "
                           "lists it held are untouched: encoded_texts[i] = row writes the "
                           "padded rows into the caller's list; collect them in a new list, "
                           "rows = [...], and build the tensor from that")
    if given != encoded:
        cut = any(len(g) < len(e) for g, e in zip(given, encoded))
        raise CheckFailure(f"{call} changed the lists it was given in place (they now have "
                           f"lengths {[len(e) for e in given]}); build new rows instead of "
                           + ("cutting the caller's lists (del ids[length:], ids[:] = ... or "
                              "pop() change the list itself; ids[:length] makes a new one)"
                              if cut else "extending the caller's lists"))
    if not torch.is_tensor(got) or got.dtype != torch.long:
        kind = got.dtype if torch.is_tensor(got) else type(got).__name__
        cut = [e[:_pad_length(encoded, context, context_length)] for e in encoded]
        right = [e + [pad] * (_pad_length(encoded, context, context_length) - len(e))
                 for e in cut]
        floats = torch.is_tensor(got) and got.is_floating_point()
        hint = (": torch.tensor infers float32 from rows that hold no ids; pass "
                "dtype=torch.long" if floats and got.numel() == 0 else
                f": the ids are right but stored as {got.dtype} (dtype=torch.float or "
                ".float() somewhere, or a tensor made with torch.ones, torch.zeros or "
                "torch.empty without dtype, which is float32 and keeps that when ids are "
                "copied in); create it with dtype=torch.long, which nn.Embedding needs"
                if floats and got.tolist() == right else "")
        if isinstance(got, (list, tuple)) and len(got) == len(right) and all(
                torch.is_tensor(r) and r.tolist() == w for r, w in zip(got, right)):
            hint = (f": a {type(got).__name__} of {len(got)} row tensors, each right: stack "
                    "them into one (n, length) tensor, torch.stack(rows), or build it with "
                    "torch.tensor(rows, dtype=torch.long)")
        raise CheckFailure(f"{call} returned {kind}; expected a torch.long tensor (n, length)"
                           f"{hint}")
    longest = max(len(e) for e in encoded)
    length = _pad_length(encoded, context, context_length)
    expected = [e[:length] + [pad] * (length - len(e[:length])) for e in encoded]
    if got.tolist() == expected:
        return
    if len(encoded) > length and got.dim() == 2 and got.tolist() == expected[:length]:
        raise CheckFailure(f"{call} returned {got.shape[0]} rows for {len(encoded)} lists, the "
                           f"first {length}: " + _OUTER_CUT.format(length=length))
    if got.dim() != 2:
        hint = (f"a batch of {len(encoded)} message must still be (n, length) = "
                f"({len(encoded)}, {length}); the batch dimension was dropped (a .squeeze(), "
                "or [0], removes it when n is 1): return the (n, length) tensor as it is"
                if got.tolist() == expected[0] and len(encoded) == 1 else
                f"no row at all for {len(encoded)} lists that are all empty: the empty lists "
                "were skipped (an `if ids` filter, or a loop that passes over them); an empty "
                f"message still needs its row of {length} padding ids"
                if got.numel() == 0 and not any(encoded) else
                f"expected shape ({len(encoded)}, {length}), one row of {length} ids per list")
        raise CheckFailure(f"{call} returned shape {tuple(got.shape)}: {hint}")

    def rows(n, value=pad, keep_end=False, at_start=False):
        out = []
        for e in encoded:
            kept = e[-n:] if keep_end else e[:n]
            filler = [value] * (n - len(kept))
            out.append(filler + kept if at_start else kept + filler)
        return out
    fitting = [len(e) for e in encoded if len(e) <= context_length]
    causes = {
        f"an int length of {context} was capped at 1,024, GPT-2's context (min(length, 1024)): "
        "an int means exactly that length, even past 1,024":
        rows(1024) if isinstance(context, int) and length > 1024 else None,
        f"'longest' padded to max(longest, context_length) = {max(longest, context_length)}: "
        "cap it with min(longest, context_length)":
        rows(context_length) if context == "longest" and longest < context_length else None,
        f"'longest' went past context_length={context_length}: cap the length with "
        f"min(longest, context_length)": rows(longest) if context == "longest" else None,
        f"one padding column too many: the length is {length}, not {length + 1}":
        rows(length + 1),
        "'model' padded to 1,024 tokens: use the context_length argument" + (
            f" ({context_length} here, longer than GPT-2's 1,024: no cap such as "
            "min(context_length, 1024))" if context_length > 1024 else ""): rows(1024),
        f"'model' went past context_length={context_length} to the longest list ({longest} "
        "ids; max(context_length, longest) or a length taken from the lists): 'model' is "
        "exactly context_length, and longer lists keep their first context_length ids":
        rows(longest) if context == "model" and longest > context_length else None,
        "'model' padded to the longest message; it means the model's whole context_length":
        rows(longest) if context == "model" else None,
        f"an int length was capped at the longest message ({longest}); pad to that length even "
        "when every message is shorter":
        rows(min(length, longest)) if isinstance(context, int) else None,
        f"an int length was capped at context_length ({context_length}); an int means exactly "
        "that length (only 'longest' is capped by the context)":
        rows(min(length, context_length)) if isinstance(context, int) else None,
        _PAD_ZERO: rows(length, value=0),
        f"ids equal to pad_token_id ({pad}) were dropped from the lists before padding: a "
        "message may hold that id as a real token (GPT-2's id 0 is '!'); keep every id and "
        "only append padding": _pad_without_pad_ids(encoded, context, context_length, pad),
        "you padded with 50256 though pad_token_id was given": rows(length, value=PAD),
        _EOT_APPENDED: [(e + [PAD])[:length] + [pad] * (length - len((e + [PAD])[:length]))
                        for e in encoded] if pad != PAD else None,
        "you kept the END of long messages; keep their first tokens": rows(length, keep_end=True),
        f"each row is the END of its list with {length} padding ids appended: the padding "
        f"went on first and the row was then cut to its LAST {length} ids (row[-length:], as "
        "generate_text_simple crops), so the padding pushes a short list out; keep the "
        "list's FIRST ids, ids[:length], then append pad_token_id up to the length":
        [(e + [pad] * length)[-length:] if length else [] for e in encoded],
        f"the lists were cut to context_length ({context_length}), not to the length chosen "
        f"({length}): an int length may be longer than the context, so cut each list to the "
        "length itself, ids[:length], then pad": [
            (e[:context_length] + [pad] * (length - len(e[:context_length])))[:length]
            for e in encoded] if isinstance(context, int) and length > context_length else None,
        f"'longest' was capped at context_length - 1 = {context_length - 1}: cap it with "
        "min(longest, context_length)": rows(context_length - 1)
        if context == "longest" and longest >= context_length else None,
        "'longest' took the FIRST list's length; the batch is not sorted: use the longest, "
        "max(len(ids) for ids in encoded_texts)":
        rows(min(len(encoded[0]), context_length)) if context == "longest" else None,
        _LEN_OF_MAX: rows(min(len(max(encoded)), context_length))
        if context == "longest" else None,
        f"'longest' counted only the ids that differ from pad_token_id ({pad}), so a list "
        f"holding {pad} as a real token counts shorter (a probe without that id gives the "
        "longest list's width): count every id, max(len(ids) for ids in encoded_texts)":
        rows(min(max(sum(i != pad for i in e) for e in encoded), context_length))
        if context == "longest" else None,
        "'longest' took the LAST list's length; the batch is not sorted: use the longest, "
        "max(len(ids) for ids in encoded_texts)":
        rows(min(len(encoded[-1]), context_length)) if context == "longest" else None,
        f"an int context was handled like 'model' (padded to context_length = "
        f"{context_length}); an int means exactly that length, here {context}":
        rows(context_length) if isinstance(context, int) else None,
        f"an int context was handled like 'longest' (padded to {min(longest, context_length)}); "
        "an int means exactly that length": rows(min(longest, context_length))
        if isinstance(context, int) else None,
        "the padding comes before the message; append it": rows(length, at_start=True),
        _SHORTEST: rows(min(min(len(e) for e in encoded), context_length))
        if context == "longest" else None,
        f"one column too few: the length is {length}, not {length - 1} (a - 1 or a range that "
        "stops one early)": rows(length - 1) if length > 0 else None,
        f"a list of {length} ids or more lost its last kept id to padding: it was cut to "
        f"length - 1 = {length - 1} ids (ids[:length - 1]) and padded; keep ids[:length]":
        [e[:length - 1] + [pad] * (length - len(e[:length - 1])) for e in encoded]
        if length > 0 else None,
        _LONGEST_FITTING: rows(max(fitting)) if context == "longest" and fitting
        and longest > context_length else None,
    }
    causes = {k: v for k, v in causes.items() if v != expected}
    hint = _matching_cause(got.tolist(), causes)
    if hint is not None and hint.startswith("an int context was handled like 'longest'"):
        probe = longest + 3
        try:
            wide = impl([list(e) for e in encoded], probe,
                        **{**kwargs, "context_length": max(context_length, probe)})
        except Exception:  # noqa: BLE001 (no probe result: keep the hint)
            wide = None
        if torch.is_tensor(wide) and wide.dim() == 2 and wide.shape[1] == probe:
            hint = (f"an int length shorter than the longest list grew to it (padded to "
                    f"{longest}, not cut to {context}), though an int longer than every list "
                    f"({probe}) gives that width: the length was taken as at least the longest "
                    "list (max(int, longest)); an int means exactly that length: cut longer "
                    "lists to it")
        try:
            one = impl([list(e) for e in encoded], 1, **kwargs) if context == 0 else None
        except Exception:  # noqa: BLE001 (no probe result: keep the hint)
            one = None
        if torch.is_tensor(one) and one.dim() == 2 and one.shape[1] == 1:
            hint = ("the int length 0 was taken as no length and fell back to 'longest', "
                    "though length 1 gives width 1: 0 is falsy (`if not length`, `context or "
                    "...`); test the options by name (== 'longest', == 'model') and take any "
                    "int, 0 included, as the length")
    if hint is not None and got.tolist() == causes.get(_SHORTEST) != causes.get(_LEN_OF_MAX):
        hint = _SHORTEST
    elif hint == _LEN_OF_MAX and got.tolist() == causes.get(_SHORTEST):
        # [[5, 6, 7], [8], [1, 2, 3, 4, 5]]: the largest list in list order, [8], is also the
        # shortest; a batch where they differ tells the two mistakes apart
        probe = impl([[1, 1, 1, 1], [5, 5], [2]], "longest", context_length=1024)
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 1:
            hint = _SHORTEST
    if context == "longest" and got.tolist() == rows(min(
            max(len(set(e)) for e in encoded), context_length)) != expected:
        # [[1] * 40, [2]]: one distinct id per list is also the shortest list's length; lists
        # of 3 distinct ids, 5 copies of one id and 1 id give 3, 1 and 5 columns apart
        try:
            probe = impl([[1, 2, 3], [4] * 5, [6]], "longest", context_length=1024)
        except Exception:  # noqa: BLE001 (any failure: keep the first hint)
            probe = None
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 3:
            hint = _DISTINCT_IDS
    trailing = _pad_without_trailing_pad(encoded, context, context_length, pad)
    if context == "longest" and trailing is not None and got.tolist() == trailing:
        # [[0, 5, 0], [7], [3, 0]] with pad 0: 2 columns is also the last list's length; a
        # batch whose last list is the shortest tells the two apart
        try:
            probe = impl([[6, pad, pad], [7, 8, pad, pad], [9]], "longest",
                         context_length=1024, pad_token_id=pad)
        except Exception:  # noqa: BLE001 (any failure: keep the first hint)
            probe = None
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 2:
            hint = _TRAILING_PAD.format(pad=pad)
    if hint == _LEN_OF_MAX and context == "longest":
        # [[1] * 40, [2]]: the largest list in list order, [2], is also the only list after the
        # first; a batch whose first list is both the longest and the largest tells them apart
        try:
            probe = impl([[3, 3, 3, 3], [1, 1], [2]], "longest", context_length=1024)
        except Exception:  # noqa: BLE001 (any failure: keep the first hint)
            probe = None
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 2:
            hint = ("'longest' left out the FIRST list: lists of 4, 2 and 1 ids gave 2 columns, "
                    "the longest of the lists after the first (encoded_texts[1:], or a loop "
                    "from index 1): take the longest over every list, max(len(ids) for ids "
                    "in encoded_texts)")
    if hint == _LEN_OF_MAX and any(pad in e for e in encoded):
        # the largest list in list order may also be the one with the fewest non-padding ids;
        # a batch without the padding id tells the two mistakes apart
        try:
            probe = impl([[1, 1, 1, 1], [5, 5], [2]], "longest", context_length=1024,
                         pad_token_id=pad)
        except Exception:  # noqa: BLE001 (any failure: keep the first hint)
            probe = None
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 4:
            hint = next(k for k in causes if k.startswith("'longest' counted only the ids"))
    if hint is not None and hint.startswith("'longest' took the FIRST list's length"):
        # [[5, 6, 7], [8], [1, 2, 3, 4, 5]]: the first list's length, 3, is also the number of
        # lists and the mean length; four lists of 2, 7, 1 and 3 ids tell them apart
        try:
            probe = impl([[1, 1], [5] * 7, [2], [3, 3, 3]], "longest", context_length=1024)
        except Exception:  # noqa: BLE001 (any failure: keep the first hint)
            probe = None
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 4:
            hint = ("'longest' took the NUMBER of lists, len(encoded_texts) (4 lists of 2, 7, 1 "
                    "and 3 ids gave 4 columns): the length is that of the longest list, "
                    "max(len(ids) for ids in encoded_texts)")
        if torch.is_tensor(probe) and probe.dim() == 2 and probe.shape[1] == 3:
            hint = ("'longest' took the MEAN length of the lists (4 lists of 2, 7, 1 and 3 ids "
                    "gave 3 columns, 13 // 4, and long lists were cut to it): the length is "
                    "that of the longest list, max(len(ids) for ids in encoded_texts)")
    if hint in ("you padded with 50256 though pad_token_id was given", _EOT_APPENDED):
        # one message two ids short of the length tells an end marker from 50256 padding
        try:
            probe = impl([[5], [6, 7]], 4, context_length=16, pad_token_id=9)
        except Exception:  # noqa: BLE001 (no probe result: keep the hint)
            probe = None
        if torch.is_tensor(probe) and probe.tolist() == [[5, PAD, 9, 9], [6, 7, PAD, 9]]:
            hint = _EOT_APPENDED
    if hint is not None and hint.startswith("'longest' was capped at context_length - 1") \
            or hint == _LONGEST_FITTING:
        # lists of 3, 10 and 2 ids, context 7: capped at context - 1 gives 6 columns, the
        # longest list that fits gives 3 (and leaving out the first list gives 7)
        try:
            probe = impl([[2] * 3, [1] * 10, [4] * 2], "longest", context_length=7,
                         pad_token_id=9)
        except Exception:  # noqa: BLE001 (no probe result: say what differs)
            probe = None
        width = probe.shape[-1] if torch.is_tensor(probe) and probe.dim() == 2 else None
        hint = _LONGEST_FITTING if width == 3 else hint if width == 6 else None
    if hint == "you padded with 50256 though pad_token_id was given" and pad == 0:
        try:
            probe = impl(copy.deepcopy(encoded), context, **{**kwargs, "pad_token_id": 9})
        except Exception:  # noqa: BLE001 (no probe result: keep the hint)
            probe = None
        if torch.is_tensor(probe) and probe.tolist() == rows(length, value=9):
            hint = _FALSY_PAD
    if hint == _PAD_ZERO and "pad_token_id" not in kwargs:
        probe = impl(copy.deepcopy(encoded), context, pad_token_id=PAD, **kwargs)
        if torch.is_tensor(probe) and probe.tolist() == expected:
            hint = ("your default pad_token_id pads with 0 (given 50256 explicitly, the rows "
                    "are right): keep the signature's default pad_token_id=50256")
    if hint is not None and hint.startswith(("'model' padded to the longest message",
                                             "an int length was capped at the longest")) \
            and _stops_at_longest(impl, encoded, context, longest):
        hint = (f"no row grows past the longest list ({longest} ids), neither for 'model' nor "
                "for an int length: the rows were padded only up to the longest list and then "
                "cut to the length (pad_sequence pads to the longest list, and a slice "
                "[:, :length] can only shorten): pad every row up to the length itself")
    width = {len(ids) for ids in encoded}
    if width != {0} and len(width) == 1 and got.tolist() == [list(ids) for ids in encoded] \
            and _right_with_shorter_list(impl, encoded, context, kwargs, expected):
        hint = (f"every list here has {width.pop()} ids, and your rows came back as the lists "
                "are, not cut or padded to the length; with one shorter list added, the same "
                "lists come out right: a shortcut for lists of one length (torch.tensor("
                "encoded_texts) when all lengths match) skips the cut and the padding; one "
                "length still has to become the chosen length ('model', an int, or the "
                "context cap)")
    if hint is None and _fresh_copy_pads_right(impl, encoded, context, kwargs, expected):
        hint = ("a fresh copy of your code gets this very call right, but after the earlier "
                "calls it does not: your code keeps state between calls (a cache, a "
                f"module-level variable or a mutable default argument; here the width is "
                f"{got.shape[-1]}, not {len(expected[0]) if expected else 0}): compute every "
                "row from this call's lists alone")
    if hint is None:
        hint = _pad_fallback(got, expected, encoded, context, context_length)
        if hint.startswith("the ids are right but the padding is") and \
                "pad_token_id" not in kwargs:
            probe = impl(copy.deepcopy(encoded), context, pad_token_id=PAD, **kwargs)
            if torch.is_tensor(probe) and probe.tolist() == expected:
                hint = _default_pad_hint(int(hint.split("padding is ")[1].split(",")[0]))
    if hint is not None and hint.startswith("'longest' padded to max(") and _swaps_model(
            impl, encoded, kwargs, longest, context_length, pad):
        hint = ("'longest' and 'model' are swapped: 'longest' padded to the whole "
                f"context_length ({context_length}) and 'model' to the longest list; 'longest' "
                "is min(longest list, context_length) and 'model' is context_length")
    raise CheckFailure(f"{call} gave {_rows_text(got.tolist())}, expected "
                       f"{_rows_text(expected)}: {hint}")


def _fresh_copy_pads_right(impl, encoded, context, kwargs, expected):
    """Whether a freshly loaded copy of the answer gives ``expected`` for this call."""
    fresh = fresh_copy(impl)
    if fresh is None:
        return False
    try:
        again = fresh(copy.deepcopy(encoded), context, **kwargs)
    except Exception:  # noqa: BLE001 (no evidence of state either way)
        return False
    return torch.is_tensor(again) and again.tolist() == expected


def _rows_text(rows):
    """Rows for a message, each run of one repeated id written once with its count:
    [[5, 6, 7, 50256 x 1021]] rather than 1,024 numbers."""
    def row_text(row):
        parts, k = [], 0
        while k < len(row):
            j = k
            while j < len(row) and row[j] == row[k]:
                j += 1
            parts.extend([str(row[k])] * (j - k) if j - k < 4 else [f"{row[k]} x {j - k}"])
            k = j
        return "[" + ", ".join(parts) + "]"
    return "[" + ", ".join(row_text(r) for r in rows) + "]"


def _right_with_shorter_list(impl, encoded, context, kwargs, expected):
    """Whether lists of one length plus one list a single id long come out with the original
    lists' rows right (a shortcut taken only when every list has one length)."""
    try:
        got = impl(copy.deepcopy(encoded) + [[1]], context, **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.dim() == 2 and got[:len(encoded)].tolist() == expected


def _stops_at_longest(impl, encoded, context, longest):
    """Whether the OTHER way to ask for a length past the longest list ('model' for an int
    context, an int for 'model') also stops at the longest list's width."""
    other = ("model", {"context_length": longest + 3}) if isinstance(context, int) else (
        longest + 3, {"context_length": longest + 5})
    try:
        got = impl(copy.deepcopy(encoded), other[0], **other[1])
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.dim() == 2 and got.shape[1] == longest


def _swaps_model(impl, encoded, kwargs, longest, context_length, pad):
    """Whether 'model' gives the rows 'longest' should (the two options swapped)."""
    length = min(longest, context_length)
    try:
        got = impl(copy.deepcopy(encoded), "model", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.tolist() == [
        e[:length] + [pad] * (length - len(e[:length])) for e in encoded]


_SHORTEST = ("'longest' padded to the SHORTEST list (min instead of max over the lengths): use "
             "max(len(ids) for ids in encoded_texts), capped by context_length")
_LEN_OF_MAX = ("len(max(encoded_texts)) is the length of the largest list in list order (max "
               "compares lists element by element), not of the longest: use max(len(ids) for "
               "ids in encoded_texts)")
_PAD_ZERO = "you padded with 0; pad with pad_token_id (the argument)"
_DISTINCT_IDS = ("'longest' counted each list's DISTINCT ids (len(set(ids))), so a list that "
                 "repeats an id counts shorter (lists of 3 distinct ids, 5 copies of one id and "
                 "1 id gave 3 columns): count every id, max(len(ids) for ids in encoded_texts)")
_TRAILING_PAD = ("ids equal to pad_token_id ({pad}) at the END of a list were dropped before "
                 "'longest' was measured (a loop or rstrip that takes them for padding already "
                 "there; lists [6, {pad}, {pad}], [7, 8, {pad}, {pad}] and [9] gave 2 columns, "
                 "not 4), so a message that ends in that id as a real token (GPT-2's id 0 is "
                 "'!') counts shorter: keep every id and only append padding")
_EOT_APPENDED = ("an end-of-text id 50256 was put after each message before the padding (a "
                 "probe padded with 9 to 4 ids gave [[5, 50256, 9, 9], [6, 7, 50256, 9]]): "
                 "pad_batch appends only pad_token_id; a message gets no end marker")
_LONGEST_FITTING = ("'longest' left out the lists longer than context_length and took the "
                    "longest of the others (lists of 3, 10 and 2 ids with context 7 gave 3 "
                    "columns): 'longest' is min(longest list, context_length), so a list past "
                    "the context is cut to it and the width is context_length")


def _pad_fallback(got, expected, encoded, context, context_length):
    shape, want = tuple(got.shape), (len(expected), len(expected[0]) if expected else 0)
    if shape == want[::-1] and shape != want:
        return (f"the result is transposed: shape {shape}, expected {want} (one ROW per "
                "message: torch.stack(rows) or torch.tensor(rows), not stacked on dim=1)")
    if len(shape) == 2 and shape[0] != want[0] and shape[1] == want[1]:
        have, seen, lost = Counter(map(tuple, got.tolist())), Counter(), []
        for i, e in enumerate(map(tuple, expected)):
            seen[e] += 1
            if seen[e] > have[e]:
                lost.append(i)
        added = Counter(have) - Counter(map(tuple, expected))
        merged = not added and lost and all(expected[i] in got.tolist() for i in lost)
        return (f"expected shape {want}, got {shape}: {len(expected)} lists must give "
                f"{len(expected)} rows, one per list, in order; "
                + (f"the rows of lists {lost} are missing, and each of those lists is identical "
                   "to an earlier one that kept its row: identical lists were merged into one "
                   "row (a set, a dict keyed by the list, unique()); keep a row for every list, "
                   "repeats included" if merged else
                   f"the rows of lists {lost} are missing, and those lists are empty: the empty "
                   "lists were skipped (an `if ids` filter); an empty message still needs its "
                   "row of padding ids" if not added and all(not encoded[i] for i in lost) else
                   f"the rows of lists {lost} are missing" + (
                       f" and {sum(added.values())} row(s) that match no list were added"
                       if added else "") + ": make exactly one row per list"))
    if shape != want:
        lens, width = [len(e) for e in encoded], shape[-1] if len(shape) == 2 else None
        quantities = {"the longest list's length": max(lens, default=0),
                      "the shortest list's length": min(lens, default=0),
                      "the SUM of the list lengths": sum(lens), "the number of lists": len(lens),
                      "context_length": context_length, "context_length - 1": context_length - 1,
                      "context_length + 1": context_length + 1}
        part = next((k for k in range(2, len(lens)) if max(lens[:k]) == width), None)
        if part is not None and width < max(lens):
            quantities[f"the longest of the first {part} lists only (a slice such as "
                       f"encoded_texts[:{part}]: the lists after them were never measured; "
                       "take the max over every list)"] = width
        same = [k for k, v in quantities.items() if v == width != want[1]]
        return (f"expected shape {want}, got {shape}: with context={context!r} and "
                f"context_length={context_length} the length is {want[1]} (lists of lengths "
                f"{lens})" + (f"; your width {width} is {' and '.join(same)} here: the length "
                              "was taken from that quantity" if same and shape[0] == want[0]
                              else "")
                + ". " + describe_difference(got, torch.tensor(expected),
                                             dims=("messages", "length")))
    row = next(i for i, (a, b) in enumerate(zip(got.tolist(), expected)) if a != b)
    if sorted(got.tolist()) == sorted(expected):
        by_length = [expected[i] for i in sorted(range(len(encoded)),
                                                 key=lambda i: -len(encoded[i]))]
        how = (" (sorted by length, longest first)" if got.tolist() == by_length else "")
        return (f"the rows are right but in another order{how}: row {row} holds the row of a "
                f"list of another length, not of list {row} ({len(encoded[row])} ids); row i "
                "must be list i: keep the caller's order (do not sort the lists)")
    rows = got.tolist()
    if len({tuple(r) for r in rows}) == 1 and len({tuple(e) for e in expected}) > 1 \
            and rows[0] in expected:
        j = max(i for i, e in enumerate(expected) if e == rows[0])
        last = " (the LAST list)" if j == len(expected) - 1 else ""
        return (f"every row is the same, the row of list {j}{last}: the rows are one object "
                "shown several times (a row list or tensor made once before the loop, "
                "changed in place for each message and appended again; [row] * n does the "
                "same), so each shows the last values written: make a new row for each message")
    width = want[1]
    kept = [e[:width] for e in encoded]
    fill = {v for g, k in zip(got.tolist(), kept) for v in g[len(k):]} if all(
        g[:len(k)] == k for g, k in zip(got.tolist(), kept)) else set()
    padding = {v for e, k in zip(expected, kept) for v in e[len(k):]}
    if len(fill) == 1 and len(padding) == 1 and fill != padding:
        value, want_pad = fill.pop(), padding.pop()
        wrapped = narrowed_dtype(value, want_pad)
        if wrapped in _ROUNDING:
            return (f"the ids are right but the padding is {value}: that is pad_token_id "
                    f"({want_pad}) rounded in {wrapped}, {_ROUNDING[wrapped]}: the tensor was "
                    f"built or filled as {wrapped} on the way (dtype=torch.{wrapped}, .half() "
                    "or a .to() to it) and only then made long: build it as torch.long from "
                    "the start (GPT-2's ids go up to 50,256)")
        if wrapped is not None:
            return (f"the ids are right but the padding is {value}: that is pad_token_id "
                    f"({want_pad}) wrapped around in {wrapped}, which cannot hold it, so the "
                    f"tensor was built or cast as {wrapped} on the way (dtype=torch.{wrapped} "
                    "or a .to() to it) and only then made long: build it as torch.long from "
                    "the start (GPT-2's ids go up to 50,256)")
        return (f"the ids are right but the padding is {value}, not pad_token_id "
                f"({want_pad} here): fill the rows with the pad_token_id argument")
    pairs = [(g, e) for got_row, want_row in zip(got.tolist(), expected)
             for g, e in zip(got_row, want_row) if g != e]
    narrow = {narrowed_dtype(g, e) for g, e in pairs}
    if pairs and len(narrow) == 1 and None not in narrow:
        (name,), (g, e) = narrow, pairs[0]
        how = (f"rounded in {name}, {_ROUNDING[name]}" if name in _ROUNDING
               else f"wrapped around in {name}, which cannot hold it")
        return (f"{len(pairs)} id(s) differ, each the right id passed through {name}: {e} came "
                f"out as {g}, {how}: the ids went through {'an' if name[0] in 'iu' else 'a'} "
                f"{name} tensor on the way "
                f"(dtype=torch.{name} or a .to() to it) before they were made long: build and "
                "copy the rows as torch.long (GPT-2's ids go up to 50,256)")
    if len(fill) == 2 and len(padding) == 1 and padding < fill:
        (other,), (pad,) = fill - padding, padding
        cols = {c for g in got.tolist() for c, v in enumerate(g) if v == other}
        longest = max(len(k) for k in kept)
        if cols == set(range(longest, width)):
            return (f"the ids are right, and the padding is pad_token_id ({pad}) up to column "
                    f"{longest}, the longest list's length, but {other} in the {width - longest} "
                    f"columns after it (in every row): a second padding step that widens the "
                    f"batch from the longest list to {width} fills with {other} (F.pad's "
                    f"default value is 0; torch.zeros or torch.cat with zeros): pass "
                    f"value=pad_token_id there too")
    bad = [i for i, (g, e) in enumerate(zip(got.tolist(), expected)) if g != e]
    sizes = sorted({len(encoded[i]) for i in bad})
    good = sorted({len(e) for i, e in enumerate(encoded) if i not in bad})
    k = next(j for j, (a, b) in enumerate(zip(got.tolist()[row], expected[row])) if a != b)
    part = (f"in the message part (it has {len(encoded[row])} ids)" if k < len(encoded[row])
            else f"in the padding, after the message's {min(len(encoded[row]), width)} ids")
    value = got.tolist()[row][k]
    if k >= len(encoded[row]) and kept[row]:
        tail = got.tolist()[row][len(kept[row]):]
        seen = (f"the message's last id ({kept[row][-1]}) repeated" if set(tail) == {
            kept[row][-1]} else "the message's ids again (the list repeated)"
            if tail == (kept[row] * width)[:len(tail)] else "the ids of the message part"
            if set(tail) <= set(kept[row]) else None)
        if seen is not None:
            part += f"; the padding holds {_rows_text([tail])[1:-1]}, {seen}, not pad_token_id"
    mine = got.tolist()[row][:len(kept[row])]
    offsets = {g - e for i in range(len(kept)) for g, e in zip(got.tolist()[i], kept[i])}
    if k < len(encoded[row]) and len(kept[row]) > 1 and mine == encoded[row][::-1][:width]:
        part += "; it is the list REVERSED (ids[::-1]): keep the ids in their order"
    elif k < len(encoded[row]) and len(offsets) == 1 and 0 not in offsets and all(
            got.tolist()[i][len(kept[i]):] == expected[i][len(kept[i]):]
            for i in range(len(kept))):
        shift = offsets.pop()
        part += (f"; every id of every message is {shift:+d} from the list's own (the padding "
                 f"is right): the ids were shifted (an id {shift:+d} somewhere, as if an id "
                 "were reserved); keep the ids as they are")
    elif k < len(encoded[row]) and (edits := _id_edits(kept[row], _without_padding(
            got.tolist()[row], _padding_id(expected[row], kept[row])))):
        part += f"; against the list's own ids, {edits}"
        gone = Counter(kept[row]) - Counter(got.tolist()[row])
        if gone and all(Counter(kept[row])[v] > n for v, n in gone.items()) and \
                all(Counter(got.tolist()[row])[v] for v in gone):
            part += (" (each missing id is a repeat of one kept: repeated ids were dropped, "
                     "by set(), dict.fromkeys or unique(); keep every id as it is)")
    elif k < len(encoded[row]) and value in encoded[row] and encoded[row].index(value) != k:
        part += (f"; it holds {value}, the list's id at index {encoded[row].index(value)}, "
                 f"where index {k} belongs")
    which = ""
    if sizes == [0]:
        which = (": only the rows of EMPTY lists differ, so an empty list takes another path in "
                 "your code (an empty list is falsy: `if ids`, `ids or ...`); it gets "
                 "pad_token_id in every column like any other short list")
    elif all(s > width for s in sizes) and all(s <= width for s in good):
        which = (f": only the rows of lists longer than the length ({width}) differ, so the cut "
                 "is what differs: keep each long list's first ids, ids[:length]")
    elif all(s < width for s in sizes) and all(s >= width for s in good):
        which = (f": only the rows of lists shorter than the length ({width}) differ, so the "
                 "padding is what differs: append pad_token_id after the ids")
    return (f"rows {bad} differ (lists of {[len(encoded[i]) for i in bad]} ids; the other "
            f"rows are right); row {row} is {got.tolist()[row]}, expected {expected[row]}, first "
            f"off at column {k}, {part}{which}; each row is the list's first ids, then "
            "pad_token_id up to the length")


_ROUNDING = {"float16": "which holds every integer only up to 2,048",
             "bfloat16": "which holds every integer only up to 256"}


def _without_padding(row, pad):
    """``row`` without the run of ``pad`` ids at its end."""
    end = len(row)
    while end and row[end - 1] == pad:
        end -= 1
    return row[:end]


def _padding_id(row, kept):
    """The padding id of an expected ``row`` whose message part is ``kept`` (None: no padding)."""
    return row[len(kept)] if len(row) > len(kept) else None


def _pad_without_pad_ids(encoded, context, context_length, pad):
    """The rows of the reference when it first drops every id equal to ``pad`` (None when no
    list holds that id)."""
    if not any(pad in e for e in encoded):
        return None
    kept = [[t for t in e if t != pad] for e in encoded]
    length = _pad_length(kept, context, context_length)
    return [e[:length] + [pad] * (length - len(e[:length])) for e in kept]


def _pad_without_trailing_pad(encoded, context, context_length, pad):
    """The rows of the reference when it first drops the run of ``pad`` ids at the end of each
    list (None when no list ends in that id)."""
    if not any(e and e[-1] == pad for e in encoded):
        return None
    kept = [_without_padding(e, pad) for e in encoded]
    length = _pad_length(kept, context, context_length)
    return [e[:length] + [pad] * (length - len(e[:length])) for e in kept]


def _pad_length(encoded, context, context_length):
    if context == "longest":
        return min(max(len(e) for e in encoded), context_length)
    return context_length if context == "model" else context


_OUTER_CUT = ("the OUTER list was cut to the length (encoded_texts[:{length}] keeps the first "
              "{length} LISTS, not the first {length} ids of each list): cut each list, "
              "ids[:length], and keep one row for every list")


def _cuts_outer_list(impl, encoded, context, kwargs, length, pad):
    """The hint for an answer that cuts the list of lists instead of each list: given lists no
    longer than ``length``, it returns only the first ``length`` rows (or None)."""
    if not 0 < length < len(encoded):
        return None
    cut = [e[:length] for e in encoded]
    try:
        got = impl(copy.deepcopy(cut), context, **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    expected = [e + [pad] * (length - len(e)) for e in cut]
    if torch.is_tensor(got) and got.tolist() == expected[:length]:
        return (f"Given the same lists cut to {length} ids it returns {length} rows for "
                f"{len(encoded)} lists: " + _OUTER_CUT.format(length=length))
    return None


def _works_when_cut(impl, encoded, context, kwargs, length, pad):
    """Whether the answer gives the expected rows when no list is longer than ``length``."""
    cut = [e[:length] for e in encoded]
    try:
        got = impl(copy.deepcopy(cut), context, **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    expected = [e + [pad] * (length - len(e)) for e in cut]
    return torch.is_tensor(got) and got.tolist() == expected


def _works_when_full(impl, encoded, context, kwargs, length, pad):
    """Whether the answer gives the expected rows when every list has ``length`` ids or more
    (short lists filled up with a real id)."""
    real = 3 if pad != 3 else 4
    full = [(e + [real] * length)[:max(length, len(e))] for e in encoded]
    try:
        got = impl(copy.deepcopy(full), context, **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.tolist() == [e[:length] for e in full]


_UNWRITTEN = -1234  # what the check writes into memory your code leaves uninitialised


class _FilledEmpty(TorchFunctionMode):
    """Fills every tensor that torch.empty and its kin make with ``_UNWRITTEN``: memory left
    uninitialised then shows as one known value, not whatever the allocator held (which may
    differ from call to call, or happen to be the padding id)."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if getattr(func, "__name__", "") in ("empty", "empty_like", "new_empty",
                                             "empty_strided") and torch.is_tensor(out):
            try:
                with torch.no_grad():
                    out.fill_(_UNWRITTEN)
            except (RuntimeError, TypeError):  # a dtype that cannot hold it (uint8, bool)
                pass
        return out


def _pad_unwritten_case(impl, encoded):
    """A result made with torch.empty whose padding is never written: named from the positions
    that keep the value the check put into the fresh memory."""
    try:
        with _FilledEmpty():
            got = impl(copy.deepcopy(encoded), "longest", context_length=16)
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 (the other cases name it)
        return
    if not (torch.is_tensor(got) and got.dim() == 2 and got.shape[0] == len(encoded)):
        return
    unwritten = (got == _UNWRITTEN).nonzero().tolist()
    if not unwritten:
        return
    in_padding = all(col >= len(encoded[row]) for row, col in unwritten)
    where = ", ".join(f"row {r} column {c}" for r, c in unwritten[:3])
    raise CheckFailure(
        f"pad_batch(lengths {[len(e) for e in encoded]}, 'longest', context_length=16): "
        f"{len(unwritten)} position(s) of your result ({where}"
        f"{'...' if len(unwritten) > 3 else ''}) were never written: your code made the result "
        "with torch.empty (or empty_like/new_empty), whose memory is uninitialised (the check "
        f"filled it with {_UNWRITTEN} and found that value there), and "
        + ("wrote each list's ids but not the padding after them: start from torch.full((n, "
           "length), pad_token_id, dtype=torch.long) and copy the ids in, or write "
           "pad_token_id after each list" if in_padding else
           "left some positions unset: start from torch.full((n, length), pad_token_id, "
           "dtype=torch.long) and copy each list's first ids in"))


def _pad_twice_case(impl, encoded):
    """The same call twice: the second answer must equal the first (no state kept). Run first,
    so a list that grows from call to call shows before its rows stop fitting together; an
    answer that raises is left to the other cases."""
    others = ([[1] * 9, [2, 2]], [[3, 3, 3], [4]])  # longest 9 and 3, after a longest of 5
    try:
        first = impl(copy.deepcopy(encoded), "longest", context_length=16)
        second = impl(copy.deepcopy(encoded), "longest", context_length=16)
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 (the other cases name it)
        return
    if torch.is_tensor(first) and torch.is_tensor(second) and not torch.equal(first, second):
        grew = (f" (it grew from {tuple(first.shape)} to {tuple(second.shape)}: rows of the "
                "first call came back)" if second.shape[0] > first.shape[0] else "")
        raise CheckFailure(f"pad_batch(lengths {[len(e) for e in encoded]}, 'longest', "
                           f"context_length=16) called twice gave two different results{grew}: "
                           "your code keeps state between calls (a mutable default argument "
                           "such as rows=[], or a module-level list): build new rows on every "
                           "call")
    try:
        later = [impl(copy.deepcopy(o), "longest", context_length=16) for o in others]
    except Exception:  # noqa: BLE001 (the other cases name it)
        return
    widths = [tuple(t.shape)[-1] if torch.is_tensor(t) and t.dim() == 2 else None
              for t in [first] + later]
    longest = max(len(e) for e in encoded)
    if widths == [longest] * 3 and all(max(map(len, o)) != longest for o in others):
        raise CheckFailure(f"pad_batch(lengths {[len(e) for e in encoded]}, 'longest', "
                           f"context_length=16) gave width {longest}, right, but the next calls "
                           f"on lists of lengths {[len(e) for e in others[0]]} and "
                           f"{[len(e) for e in others[1]]} also gave width {longest} (expected "
                           f"{max(map(len, others[0]))} and {max(map(len, others[1]))}): your "
                           "code keeps the first call's length (a module-level variable, a "
                           "cache or a mutable default argument): compute the length from "
                           "encoded_texts on every call")


def _pad_kept_case(impl):
    """Two calls with one result shape: the first call's tensor must not change when the second
    call runs (one buffer reused between calls would be overwritten)."""
    first_lists, second_lists = [[5, 6, 7], [8]], [[1, 2], [3, 4, 9]]
    try:
        first = impl(copy.deepcopy(first_lists), "longest", context_length=16)
        kept = first.clone() if torch.is_tensor(first) else None
        second = impl(copy.deepcopy(second_lists), "longest", context_length=16)
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 (the other cases name it)
        return
    if kept is not None and not torch.equal(first, kept):
        same = (" (both calls returned the same tensor object)" if second is first else
                " (the two results share their storage)" if torch.is_tensor(second)
                and second.data_ptr() == first.data_ptr() else "")
        raise CheckFailure(f"pad_batch({first_lists}, 'longest') returned {kept.tolist()}, "
                           f"but after a second call on {second_lists} (same shape) that "
                           f"tensor holds {first.tolist()}{same}: your code reuses one output "
                           "tensor between calls (a module-level buffer or a cache keyed by "
                           "shape, filled in place), so every batch the caller kept changes: "
                           "return a new tensor on every call")


def _pad_default_case(impl, encoded):
    got = impl(copy.deepcopy(encoded))
    width = tuple(got.shape)[-1] if torch.is_tensor(got) and got.dim() == 2 else None
    longest = max(len(e) for e in encoded)
    if width != longest:
        hint = ("the default is context='longest'; you padded to the whole context (1,024), "
                "as 'model' does" if width == 1024 else "the default is context='longest'")
        raise CheckFailure(f"pad_batch(lengths {[len(e) for e in encoded]}) with the default "
                           f"context gave width {width}, expected {longest}: {hint}")
    got = impl(copy.deepcopy(encoded), "model")
    width = tuple(got.shape)[-1] if torch.is_tensor(got) and got.dim() == 2 else None
    if width != 1024:
        raise CheckFailure(f"pad_batch(..., 'model') without context_length gave width {width}, "
                           "expected 1024: the default context_length is 1024 (GPT-2's)")


def _built_option(run, option, call):
    """Run ``run(option)`` with ``option`` a string built at run time (equal to the literal, but
    another object, as a value read from a command line or a config file is); when it fails and
    the literal passes, name a comparison with ``is``. ``call`` shows the call in the message."""
    built = "".join(option[i:i + 3] for i in range(0, len(option), 3))
    try:
        run(built)
    except Exception as err:  # noqa: BLE001 (named when the literal passes)
        try:
            run(sys.intern(built))
        except Exception:  # noqa: BLE001 (the literal fails too: the first failure stands)
            raise err from None
        raise CheckFailure(
            f"{call} fails when {option!r} is a string built at run time (equal to the "
            "literal, but another object, as a value read from a command line or a file is), "
            f"and passes with the literal {option!r}: your code compares the option with `is` "
            "(object identity, true for equal literals only because Python reuses them); "
            f"compare with ==, == {option!r}. What the built string gave: "
            f"{str(err).split('. ')[0]}") from err


def _built_option_case(impl):
    """'longest' and 'model' given as strings built at run time."""
    encoded = [[5, 6, 7], [8], [1, 2, 3, 4, 5]]
    for context, context_length in (("longest", 4), ("model", 7)):
        _built_option(lambda c, n=context_length: _pad_case(impl, encoded, c, n, PAD), context,
                      f"pad_batch(..., {context!r}, context_length={context_length})")


def _pad_positional_case(impl):
    """Every option given by position, in the stub's order; named when keywords pass."""
    def by_position(encoded, context, context_length=1024, pad_token_id=PAD):
        return impl(encoded, context, context_length, pad_token_id)
    b = [[9, 8, 7, 6, 5, 4], [3, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9], [4, 4, 4, 4]]
    _order_named(lambda f: _pad_case(f, b, "longest", 7, 11), impl, by_position,
                 "pad_batch(lists, 'longest', 7, 11) (context_length and pad_token_id given "
                 "by position)", "(encoded_texts, context='longest', context_length=1024, "
                 "pad_token_id=50256)")


def check_pad_batch(impl):
    a = [[5, 6, 7], [8], [1, 2, 3, 4, 5]]
    b = [[9, 8, 7, 6, 5, 4], [3, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9], [4, 4, 4, 4]]
    check_cases(state_probed(impl, [
        ("3 messages, 'longest', fresh memory filled", lambda f: _pad_unwritten_case(f, a)),
        ("3 messages, 'longest' twice", lambda f: _pad_twice_case(f, a)),
        ("2 messages, 'longest' twice, the first result kept", _pad_kept_case),
        ("3 messages, 'longest'", lambda f: _pad_case(f, a, "longest", 1024, PAD)),
        ("3 messages, 'model', context 16", lambda f: _pad_case(f, a, "model", 16, PAD)),
        ("3 messages, length 2, pad 0", lambda f: _pad_case(f, a, 2, 16, 0)),
        ("3 messages, length 7", lambda f: _pad_case(f, a, 7, 16, PAD)),
        ("4 messages, length 10, context 8", lambda f: _pad_case(f, b, 10, 8, PAD)),
        ("4 messages, 'longest', context 7, pad 11", lambda f: _pad_case(f, b, "longest", 7, 11)),
        ("4 messages, 'model', context 12", lambda f: _pad_case(f, b, "model", 12, 11)),
        ("4 messages, 'model', context 5 (shorter than a list)",
         lambda f: _pad_case(f, b, "model", 5, 11)),
        ("2 messages, 'longest', context 32",
         lambda f: _pad_case(f, [[1] * 40, [2]], "longest", 32, PAD)),
        ("2 empty messages, 'longest', context 5",
         lambda f: _pad_case(f, [[], []], "longest", 5, PAD)),
        ("3 messages, one empty, length 4, pad 11",
         lambda f: _pad_case(f, [[5, 6], [], [7, 8, 9, 10, 12]], 4, 16, 11)),
        ("3 messages holding the padding id 0 as a real token, 'longest', pad 0",
         lambda f: _pad_case(f, [[0, 5, 0], [7], [3, 0]], "longest", 16, 0)),
        ("3 messages, default context", lambda f: _pad_default_case(f, a)),
        ("1 message, length 4", lambda f: _pad_case(f, [[6, 2]], 4, 16, PAD)),
        ("2 messages, 'model', context 1,100 (longer than GPT-2's)",
         lambda f: _pad_case(f, [[5, 6, 7], [8]], "model", 1100, PAD)),
        ("1 message, length 1,030 (past GPT-2's 1,024), context 2,048",
         lambda f: _pad_case(f, [[6, 2]], 1030, 2048, PAD)),
        ("3 messages, 'longest' and 'model' built at run time", _built_option_case),
        ("4 messages, 'longest', context 7 and pad 11 given by position", _pad_positional_case),
        ("3 messages, length 0", lambda f: _pad_case(f, a, 0, 16, PAD)),
        # a larger vocabulary (cl100k's end-of-text is 100,257): past int16 and uint16
        ("3 messages, 'longest', pad 100,257",
         lambda f: _pad_case(f, a, "longest", 16, 100257)),
        # GPT-2's ids go past int16 (32,767) and past what float16 holds exactly (2,048)
        ("3 messages with ids past 32,767, 'longest', pad 11",
         lambda f: _pad_case(f, [[40001, 50255, 7], [32769], [50000, 3, 33333, 2]],
                             "longest", 16, 11)),
        ("6 messages, the longest last, 'longest'",
         lambda f: _pad_case(f, [[3, 4], [5], [6, 7, 8], [9], [2, 2], [1, 2, 3, 4, 5, 6]],
                             "longest", 16, PAD)),
    ]))


# --- ex6_4: replacing the head and freezing the right parameters ------------------------------


CLASSIFIER_CONFIGS = [
    # (GPT config, num_classes): pairwise distinct sizes in each
    ({"vocab_size": 100, "context_length": 8, "emb_dim": 16, "n_heads": 2, "n_layers": 3,
      "drop_rate": 0.0, "qkv_bias": False}, 5),
    ({"vocab_size": 90, "context_length": 12, "emb_dim": 24, "n_heads": 4, "n_layers": 2,
      "drop_rate": 0.1, "qkv_bias": True}, 3),
]


def _classifier_case(impl, cfg, num_classes, trainable, arrive_eval=False, arrive_frozen=False):
    from llmscratch import GPTModel

    torch.manual_seed(123)
    model = GPTModel(cfg).train(not arrive_eval)
    if arrive_frozen:  # as an earlier 'last_layer' call (a rerun notebook cell) leaves it
        model.requires_grad_(False)
    before = {n for n, _ in model.named_parameters()}
    pre_frozen = set()
    if trainable == "all" and cfg["qkv_bias"]:  # a model that arrives partly frozen
        for name, param in model.trf_blocks[0].named_parameters():
            param.requires_grad = False
            pre_frozen.add(f"trf_blocks.0.{name}")
    old_head = model.out_head
    modes = {n: m.training for n, m in model.named_modules() if not n.startswith("out_head")}
    try:
        got = impl(model, num_classes, trainable)
    except IndexError as err:
        if "out of range" not in str(err):
            raise
        raise CheckFailure(f"trainable={trainable!r}, n_layers={cfg['n_layers']}: your code "
                           f"raised IndexError: {err}. This model has {cfg['n_layers']} "
                           f"blocks (trf_blocks[0] to trf_blocks[{cfg['n_layers'] - 1}]): a "
                           "block index written as a number fits only one model size; the "
                           "last block is model.trf_blocks[-1] whatever the depth") from err
    except TypeError as err:
        if "torch.Size" not in str(err):
            raise
        raise CheckFailure(f"trainable={trainable!r}, n_layers={cfg['n_layers']}: your code "
                           f"raised TypeError: {err}. nn.Linear got a whole shape (a torch.Size, "
                           "such as weight.shape) where one size belongs: emb_dim is one "
                           "number, model.out_head.in_features (weight.shape[1])") from err
    except AttributeError as err:
        if str(err).startswith("'tuple' object has no attribute 'requires_grad"):
            raise CheckFailure(
                f"trainable={trainable!r}, n_layers={cfg['n_layers']}: your code raised "
                f"AttributeError: {err}. Your loop got (name, parameter) PAIRS, as "
                "named_parameters() gives them, and set requires_grad on a pair: unpack them, "
                "for name, param in model.named_parameters(), or loop over "
                "model.parameters()") from err
        names = re.findall(r"object has no attribute '(weight|bias)'", str(err))
        if not names or "LayerNorm" not in str(err):
            raise
        raise CheckFailure(f"trainable={trainable!r}, n_layers={cfg['n_layers']}: your code "
                           f"raised AttributeError: {err}. The book's LayerNorm (final_norm, "
                           "norm1, norm2) names its parameters scale and shift, not weight and "
                           "bias as torch.nn.LayerNorm does: unfreeze every parameter of the "
                           "module, for param in model.final_norm.parameters()") from err
    last = f"trf_blocks.{cfg['n_layers'] - 1}."
    where = f"trainable={trainable!r}, num_classes={num_classes}, n_layers={cfg['n_layers']}"
    head = model.out_head
    emb = cfg["emb_dim"]
    if head is old_head:
        untouched = all(p.requires_grad for n, p in model.named_parameters()
                        if n not in pre_frozen)
        if trainable == "all" and _replaces_head(impl, cfg, num_classes, "last_layer"):
            raise CheckFailure(f"{where}: the model kept its old {cfg['vocab_size']}-word head: "
                               "'last_layer' replaces it but 'all' does not (an early return "
                               "in the 'all' branch?): replace model.out_head in every mode, "
                               "then count")
        if not untouched and head.out_features == num_classes:
            raise CheckFailure(f"{where}: the model still has its old head: setting "
                               "out_head.out_features only changes a number, the weight is "
                               f"still {tuple(head.weight.shape)} (vocabulary x emb_dim): "
                               f"assign a new layer, model.out_head = nn.Linear({emb}, "
                               f"{num_classes})")
        raise CheckFailure(f"{where}: the model you were given " + (
            "is unchanged (old head, nothing frozen): change it in place, as the docstring "
            "says; a copy (copy.deepcopy) leaves the caller's model as it was" if untouched
            else "still has its old head: assign the new layer to model.out_head"))
    if not isinstance(head, torch.nn.Linear):
        raise CheckFailure(f"{where}: out_head is a {type(head).__name__}; expected a new "
                           f"nn.Linear({emb}, {num_classes})")
    if (head.in_features, head.out_features) != (emb, num_classes):
        swapped = (head.in_features, head.out_features) == (num_classes, emb)
        hint = (" (in and out swapped)" if swapped else
                " (ONE output for two classes, as a sigmoid classifier has: this head gives "
                "one logit per class, and the argmax and cross_entropy that follow read both; "
                "use num_classes outputs whatever its value)"
                if (num_classes, head.out_features) == (2, 1) and head.in_features == emb else
                " (use the num_classes argument)" if head.in_features == emb else
                f" ({head.in_features} is the vocabulary size: the old head's out_features, "
                "or tok_emb.weight.shape[0]; emb_dim is the old head's in_features, or "
                "tok_emb.weight.shape[1])" if head.in_features == cfg["vocab_size"] else
                " (768 is GPT-2 small's emb_dim; read it from the model)"
                if head.in_features == 768 else
                f" ({head.in_features} is the context length, the number of ROWS of pos_emb "
                "(pos_emb.weight.shape[0]); emb_dim is the old head's in_features, or "
                "pos_emb.weight.shape[1])" if head.in_features == cfg["context_length"] else
                f" ({head.in_features} is 2 x emb_dim, the count of a LayerNorm's parameters "
                "(scale and shift, or weight and bias) such as final_norm's; emb_dim is the "
                "old head's in_features)" if head.in_features == 2 * emb else
                f" ({head.in_features} is {head.in_features // emb} x emb_dim {emb}: a size "
                "read from a larger tensor or a count of several; emb_dim is the old head's "
                "in_features)" if head.in_features % emb == 0 and head.in_features > emb else
                f" (your in_features {head.in_features} is {head.in_features - emb:+d} from "
                f"emb_dim {emb}; read it from model.out_head.in_features)"
                if head.in_features != emb else "")
        raise CheckFailure(f"{where}: out_head is Linear({head.in_features}, "
                           f"{head.out_features}), expected Linear({emb}, {num_classes}): emb_dim "
                           f"in, num_classes out{hint}")
    if head.bias is None:
        raise CheckFailure(f"{where}: the new head has no bias (bias=False); the book's head, "
                           "nn.Linear(emb_dim, num_classes), keeps its bias")
    old = old_head.weight
    if (head.weight.dtype, head.weight.device) != (old.dtype, old.device):
        raise CheckFailure(f"{where}: the new head's weight is {head.weight.dtype} on "
                           f"{head.weight.device}, the model's weights are {old.dtype} on "
                           f"{old.device}: the forward pass would fail (a matmul needs one dtype "
                           "and one device; .double(), .half() or .to(...) on the head?): keep "
                           "nn.Linear(emb_dim, num_classes) as built, or give it the old head's "
                           "dtype and device")
    gained = sorted(n for n, _ in model.named_parameters()
                    if n not in before and not n.startswith("out_head."))
    if gained:
        kept = [n for n, p in model.named_parameters() if n in gained
                and any(p is q for q in old_head.parameters())]
        raise CheckFailure(
            f"{where}: the model holds parameters it did not have before, {gained[:4]}"
            + (f" ({kept[0]} is the OLD head's weight, kept on the model under another name)"
               if kept else "")
            + ": a module assigned as an attribute of the model becomes part of it, so it "
            "stays in model.parameters() and in the state_dict ('all' then trains and counts "
            f"its {sum(p.numel() for n, p in model.named_parameters() if n in gained)} "
            "values too): replace model.out_head and keep nothing else on the model (a "
            "reference outside it, in a plain variable, is not registered)")
    if not torch.count_nonzero(head.weight):
        raise CheckFailure(f"{where}: the new head's weights are all zero: keep nn.Linear's own "
                           "random initialisation (with a zero head every class starts with the "
                           "same logit)")
    if trainable == "last_layer":
        if same_under_two_seeds(
                lambda probe: (impl(probe, num_classes, "last_layer"),
                               probe.out_head.weight.detach().clone())[1],
                prepare=lambda: (_model_under_seed_123(cfg),), seeds=(11, 12)):
            probe = _model_under_seed_123(cfg)
            old_rows = probe.out_head.weight.detach().clone()  # (vocab_size, emb_dim)
            impl(probe, num_classes, "last_layer")
            new_rows = probe.out_head.weight.detach()
            if all(any(torch.equal(row, old) for old in old_rows) for row in new_rows):
                raise CheckFailure(f"{where}: the new head's weight rows are rows of the OLD "
                                   "vocabulary head (copied from out_head.weight, e.g. its first "
                                   f"{num_classes} rows): keep the new nn.Linear's own random "
                                   "initialisation; the old head's rows belong to tokens, not "
                                   "classes")
            heads, states = [], []
            for seed in (11, 12):
                probe = _model_under_seed_123(cfg)
                torch.manual_seed(seed)
                impl(probe, num_classes, "last_layer")
                heads.append(probe.out_head)
                states.append(torch.get_rng_state())
            if heads[0] is heads[1]:
                raise CheckFailure(f"{where}: two models got the very same head MODULE (one "
                                   "nn.Linear object shared by both): a head kept between calls "
                                   "(a module-level variable, a cache or a default argument): "
                                   "build a new nn.Linear(emb_dim, num_classes) on every call")
            if torch.equal(states[0], states[1]):
                raise CheckFailure(f"{where}: two calls made after different seeds built the "
                                   "same head and left the generator in the same state: your "
                                   "code reseeds the global generator (torch.manual_seed), which "
                                   "resets the caller's random numbers; leave the seeding to the "
                                   "caller")
            raise CheckFailure(f"{where}: two calls made after different seeds (11 and 12) built "
                               "heads with the same weights, though the caller's generator was "
                               "left alone: the head's weights do not come from the caller's "
                               "random numbers (a generator of your own, or weights set by "
                               "hand): keep nn.Linear's own initialisation")
    all_names = [n for n, _ in model.named_parameters()]
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    head_names = {"out_head.weight", "out_head.bias"}
    block = {n for n in all_names if n.startswith(last)}
    norm = {n for n in all_names if n.startswith("final_norm.")}
    expected = {"last_layer": head_names, "last_block": head_names | block | norm,
                "all": set(all_names)}[trainable]
    if names != expected:
        first_block = {n for n in all_names if n.startswith("trf_blocks.0.")}
        before_last = {n for n in all_names
                       if n.startswith(f"trf_blocks.{cfg['n_layers'] - 2}.")}
        causes = {
            "'all' left the parameters that were already frozen (here the first block) "
            "frozen: set requires_grad = True on every parameter, do not only skip the "
            "freezing": expected - pre_frozen if pre_frozen else None,
            "nothing was frozen: set requires_grad = False on every parameter first":
            set(all_names),
            "the new head is frozen: create it AFTER the freezing loop (a new nn.Linear trains "
            "by default)": expected - head_names,
            "final_norm stays frozen: unfreeze it with the last block": expected - norm,
            "final_norm's shift stays frozen (only its scale was unfrozen): unfreeze every "
            "parameter of final_norm": expected - {"final_norm.shift"}
            if trainable == "last_block" else None,
            "you unfroze the FIRST block: the last one is model.trf_blocks[-1]":
            (expected - block) | first_block,
            "'all' should leave every parameter trainable, not just the head":
            head_names if trainable == "all" else None,
            "the last block and final_norm stay frozen: unfreeze their parameters (setting "
            "requires_grad on a module, model.final_norm.requires_grad = True, does nothing; "
            "loop over module.parameters() or call module.requires_grad_(True))":
            head_names if trainable == "last_block" else None,
            "'last_layer' trained what 'last_block' should (the last block and final_norm "
            "too): are the two branches swapped? 'last_layer' trains the new head only":
            head_names | block | norm if trainable == "last_layer" else None,
            "'last_layer' trains the new head only; final_norm stays frozen there":
            head_names | norm if trainable == "last_layer" else None,
            "you unfroze the last TWO blocks; 'last_block' is model.trf_blocks[-1] only":
            expected | before_last,
            "you unfroze EVERY transformer block; 'last_block' is model.trf_blocks[-1] only":
            expected | {n for n in all_names if n.startswith("trf_blocks.")}
            if trainable == "last_block" else None,
            "you unfroze the embeddings (tok_emb, pos_emb) too; they stay frozen":
            expected | {n for n in all_names if n.startswith(("tok_emb.", "pos_emb."))}
            if trainable != "all" else None,
            "'all' trains every parameter, the embeddings and final_norm too, not only the "
            "blocks and the head": head_names | {n for n in all_names
                                                 if n.startswith("trf_blocks.")}
            if trainable == "all" else None,
            "only the parameters named 'weight' (the 2-D matrices: a filter on the name or on "
            "p.dim() > 1) were frozen, so the biases and the LayerNorm scale and shift still "
            "train: freeze every parameter (model.parameters())":
            expected | {n for n in all_names if not n.endswith("weight")}
            if trainable != "all" else None,
        }
        digit = str(cfg["n_layers"] - 1)
        causes[f"every block parameter whose name holds the digit {digit} trains "
               f"(trf_blocks.0.norm{digit}, ff.layers.{digit} ...): your code looks for the last "
               f"block's index as a substring ({digit!r} in name), which other names contain "
               "too; unfreeze model.trf_blocks[-1].parameters() (or test "
               f"name.startswith('trf_blocks.{digit}.'))"] = (
            expected | {n for n in all_names if n.startswith("trf_blocks.") and digit in n}
            if trainable == "last_block" else None)
        causes["you unfroze the second-to-last block (trf_blocks[-2]): the last one is "
               "model.trf_blocks[-1]"] = (
            (expected - block) | before_last if trainable == "last_block" else None)
        if cfg["n_layers"] > 2:  # with 2 layers every block but the last IS trf_blocks[-2]
            body_blocks = {n for n in all_names if n.startswith("trf_blocks.")} - block
            causes["you unfroze every block BUT the last (a slice, trf_blocks[:-1], where "
                   "trf_blocks[-1] is the last block alone), so the last block stays frozen: "
                   "unfreeze model.trf_blocks[-1]"] = (
                (expected - block) | body_blocks if trainable == "last_block" else None)
        ff = {n for n in block if n.startswith(f"{last}ff.")}
        causes["only the last block's feed-forward (trf_blocks[-1].ff) was unfrozen: unfreeze "
               "the WHOLE block, its attention and both LayerNorms too "
               "(model.trf_blocks[-1].parameters())"] = (
            expected - (block - ff) if trainable == "last_block" else None)
        emb_names = {n for n in all_names if n.startswith(("tok_emb.", "pos_emb."))}
        causes["only the transformer blocks were frozen (a loop over "
               "model.trf_blocks.parameters()), so tok_emb, pos_emb and final_norm still train: "
               "freeze every parameter, model.parameters()"] = (
            expected | emb_names | norm if trainable == "last_layer" else None)
        not_weights = {n for n in block | norm if not n.endswith("weight")}
        causes["in the last block only the parameters named 'weight' were unfrozen, so its "
               "biases and its LayerNorms' scale and shift stay frozen: unfreeze every "
               "parameter of trf_blocks[-1] (module.parameters(), whatever the name)"] = (
            expected - (not_weights - norm) if trainable == "last_block" else None)
        causes["only the parameters named 'weight' were unfrozen (in the last block and in "
               "final_norm), so the biases and the LayerNorm scale and shift stay frozen: "
               "unfreeze every parameter of trf_blocks[-1] and final_norm"] = (
            expected - not_weights if trainable == "last_block" else None)
        att = {n for n in block if n.startswith(f"{last}att.")}
        causes["only the last block's attention (trf_blocks[-1].att) was unfrozen: unfreeze the "
               "WHOLE block, its feed-forward and both LayerNorms too "
               "(model.trf_blocks[-1].parameters())"] = (
            expected - (block - att) if trainable == "last_block" else None)
        hint = _matching_cause(names, {k: v for k, v in causes.items() if v != expected})
        if hint is not None and hint.startswith("nothing was frozen") and trainable != "all" \
                and _freezes_in_mode(impl, cfg, num_classes, "last_layer" if trainable ==
                                     "last_block" else "last_block"):
            other = "last_layer" if trainable == "last_block" else "last_block"
            hint = (f"nothing was frozen with {trainable!r}, though with {other!r} the body is "
                    "frozen: your freezing depends on the mode (e.g. requires_grad = trainable "
                    f"!= {other!r}); freeze every parameter for every mode but 'all', then "
                    "unfreeze what the mode trains")
        typos = sorted({k for q in model.parameters() for k in vars(q)
                        if "grad" in k.lower() and k != "requires_grad"})
        if (hint or "").startswith("nothing was frozen") and _freezes_state_dict(
                impl, cfg, num_classes, trainable):
            hint = ("nothing was frozen, and your code called model.state_dict(): its values are "
                    "DETACHED copies of the weights (tensors that share the data but are not "
                    "the Parameters), so requires_grad set on them never reaches the model: "
                    "loop over model.parameters() (or call model.requires_grad_(False))")
        if (hint or "").startswith("nothing was frozen") and _freezes_param_data(
                impl, cfg, num_classes, trainable):
            hint = ("nothing was frozen, and your code set requires_grad on param.data: .data "
                    "is a new DETACHED tensor on every access (it shares the weights but is "
                    "not the Parameter), so the flag never reaches the model: set "
                    "param.requires_grad = False on the parameter itself")
        now_modes = dict(model.named_modules())
        to_eval = [n or "the model" for n, was in modes.items()
                   if was and n in now_modes and not now_modes[n].training]
        if (hint or "").startswith("nothing was frozen") and to_eval:
            hint = (f"nothing was frozen, and your code switched {to_eval[0]} (which arrived in "
                    "training mode) to eval mode: .eval() (or .train(False)) only turns dropout "
                    "off, it does not freeze anything; freezing is requires_grad: set "
                    "param.requires_grad = False on every parameter (model.requires_grad_(False))"
                    ", then unfreeze what the mode trains")
        if (hint or "").startswith("nothing was frozen") and typos:
            hint = (f"nothing was frozen: your code set an attribute named {typos[0]!r} on the "
                    "parameters, a new attribute that PyTorch never reads (a misspelling, or "
                    "assigning to the method requires_grad_): set param.requires_grad = False, "
                    "or call param.requires_grad_(False)")
        flagged = {k: vars(m)["requires_grad"] for k, m in model.named_modules()
                   if "requires_grad" in vars(m)}  # model.final_norm.requires_grad = True
        owners, stuck = [], []
        for mod_name, flag in flagged.items():
            inside = {q for q in all_names if not mod_name or q.startswith(f"{mod_name}.")}
            wrong = sorted(inside & (expected - names) if flag else inside & (names - expected))
            if wrong:
                owners.append((re.sub(r"\.(\d+)", r"[\1]", f"model.{mod_name}".rstrip(".")),
                               bool(flag)))
                stuck += wrong
        if owners:
            flag = owners[0][1]
            hint = (f"{', '.join(stuck[:3])}{' ...' if len(stuck) > 3 else ''} stay "
                    f"{'frozen' if flag else 'trainable'}: your code set "
                    f"{' and '.join(f'{o}.requires_grad = {f}' for o, f in owners)} on the "
                    "MODULE (setting requires_grad on a module only makes a new plain attribute "
                    "that PyTorch never reads; only parameters have it): set it on every "
                    "parameter (for p in "
                    f"{owners[0][0]}.parameters(): p.requires_grad = {flag}) or call "
                    f"{owners[0][0]}.requires_grad_({flag})")
        other_mode = (_trainable_in_mode(impl, cfg, num_classes, "last_block") if (
            hint or "").startswith("'last_layer' trained what 'last_block' should") else None)
        if other_mode == head_names:
            hint = ("'last_layer' trained what 'last_block' should (the last block and final_norm "
                    "too), and 'last_block' trained the head only: the two branches are "
                    "swapped; 'last_layer' trains the new head only")
        elif other_mode is not None and other_mode != names:
            hint = ("'last_layer' trained what 'last_block' should (the last block and final_norm "
                    "too), and 'last_block' trained something else again: 'last_layer' trains "
                    "the new head only")
        if other_mode == names:
            hint = ("'last_layer' trained the same parameters as 'last_block' (the head, the last "
                    "block and final_norm), and 'last_block' is right: your unfreezing of the "
                    "last block also runs for 'last_layer' (a condition such as trainable != "
                    "'all', or one that lists both modes); unfreeze the block and final_norm "
                    "for 'last_block' only: 'last_layer' trains the new head only")
        if trainable == "last_block" and names == head_names and not any(
                "requires_grad" in vars(m) for m in (model.trf_blocks[-1], model.final_norm)):
            hint = ("'last_block' left only the head trainable, exactly as 'last_layer': the "
                    "last block and final_norm were never unfrozen (your 'last_block' branch did "
                    "not run: check the string you compare trainable with, 'last_block'; or it "
                    "unfroze nothing): set requires_grad = True on every parameter of "
                    "model.trf_blocks[-1] and model.final_norm")
            if _sets_train_mode(impl, cfg, num_classes):
                hint = ("'last_block' left only the head trainable: your code switched the "
                        "last block or final_norm to training MODE (a probe model in eval "
                        "mode came back with them in train mode): .train() turns dropout on, it "
                        "does not unfreeze; set requires_grad = True on every parameter of "
                        "model.trf_blocks[-1] and model.final_norm (module.requires_grad_(True))")
            if _unfreezes_before_freezing(impl, cfg, num_classes):
                hint = ("'last_block' left only the head trainable: the last block was "
                        "unfrozen BEFORE the loop that freezes every parameter (a probe whose "
                        "last block arrives frozen found it trainable when your code first "
                        "went over model.parameters(), and frozen at the end), so that loop "
                        "froze it again: freeze everything first, then unfreeze "
                        "model.trf_blocks[-1] and model.final_norm")
        if arrive_frozen and trainable == "last_block" and names < expected \
                and _trainable_in_mode(impl, cfg, num_classes, trainable) == expected:
            hint = ("the last block and final_norm stay frozen: this model ARRIVED "
                    "frozen (as an earlier 'last_layer' call leaves it), and on a fully "
                    "trainable model your 'last_block' is right, so your code only freezes what "
                    "must not train and never unfreezes the last block and final_norm: freeze "
                    "every parameter, then set requires_grad = True on every parameter of "
                    "model.trf_blocks[-1] and model.final_norm")
        if hint is None and trainable == "last_block" and names == expected - block \
                and _unfreezes_block_11(impl, num_classes):
            hint = (f"the last block (here trf_blocks.{cfg['n_layers'] - 1}) stays frozen, but "
                    "on a 12-layer model trf_blocks.11 trains: your code names GPT-2 small's "
                    "last block (trf_blocks[11], or the name 'trf_blocks.11'), which fits one "
                    "depth only; use model.trf_blocks[-1]")
        if hint is None and trainable == "last_block" and names == expected - block:
            n = cfg["n_layers"]
            hint = (f"the last block stays frozen entirely: no parameter named "
                    f"'trf_blocks.{n - 1}.*' trains ({len(block)} of them; with {n} layers the "
                    f"last index is {n - 1}), while the head and final_norm train: "
                    + ("only parameters the block holds ITSELF are unfrozen (a probe parameter "
                       "set directly on trf_blocks[-1] trains, its att, ff, norm1 and norm2 stay "
                       "frozen): parameters(recurse=False) skips the submodules, and the block "
                       "has no parameter of its own"
                       if _unfreezes_own_only(impl, cfg, num_classes) else
                       f"the block was not reached (a probe parameter set directly on "
                       f"trf_blocks[-1] stays frozen too). By name, its prefix is "
                       f"'trf_blocks.{n - 1}.' (len(model.trf_blocks) - 1: 'trf_blocks.{n}.' "
                       "names nothing)")
                    + "; unfreeze model.trf_blocks[-1].parameters()")
        parts = {}  # the last block's direct submodules (att, ff, norm1, norm2): their params
        for n in block:
            parts.setdefault(n[len(last):].split(".")[0], set()).add(n)
        whole = sorted(k for k, v in parts.items() if v <= names)
        if hint is None and trainable == "last_block" and names - block == expected - block \
                and 0 < len(names & block) < len(block) \
                and set().union(*(parts[k] for k in whole)) == names & block:
            hint = (f"in the last block only {whole} train; "
                    f"{sorted(set(parts) - set(whole))} stay frozen (the head and final_norm "
                    "are right): 'last_block' trains every parameter of model.trf_blocks[-1]: "
                    "loop over model.trf_blocks[-1].parameters()")
        leaves = {}  # the last block's leaf modules (att.W_query, ff.layers.0 ...): their params
        for n in block:
            leaves.setdefault(n.rsplit(".", 1)[0], set()).add(n)
        frozen_leaves = sorted(k[len(last):] for k, v in leaves.items() if not v & names)
        split = [k for k, v in leaves.items() if v & names and v - names]
        if hint is None and trainable == "last_block" and names - block == expected - block \
                and 0 < len(names & block) < len(block) and not split:
            hint = (f"in the last block, {frozen_leaves} stay frozen while the rest of the block "
                    "trains (the head and final_norm are right): your unfreezing lists parts of "
                    "trf_blocks[-1] and misses these; unfreeze every parameter of "
                    "model.trf_blocks[-1] (module.parameters() reaches every submodule)")
        tail = next((k for k in range(1, len(all_names) + 1)
                     if set(all_names[-k:]) == names), None)
        if hint is None and tail is not None and trainable == "last_block" \
                and 0 < len(names & block) < len(block):
            hint = (f"the trainable parameters are exactly the model's LAST {tail} parameter "
                    f"tensors (in model.parameters() order), where this model's head, "
                    f"final_norm and last block hold {len(expected)}: a fixed count of trailing "
                    "tensors (list(model.parameters())[-N:]) fits one configuration only "
                    "(qkv_bias adds 3 tensors per block); unfreeze "
                    "model.trf_blocks[-1].parameters() and model.final_norm.parameters()")
        extra, missing = sorted(names - expected), sorted(expected - names)
        if hint is None:
            too_many = _trainable_summary(names - expected, all_names)
            too_few = _trainable_summary(expected - names, all_names)
            hint = (f"trainable but should be frozen: {too_many}; frozen but should train: "
                    f"{too_few} (with {trainable!r}: " + {
                        "last_layer": "only out_head trains",
                        "last_block": "out_head, final_norm and every parameter of "
                                      f"trf_blocks[-1] (here trf_blocks.{cfg['n_layers'] - 1}) "
                                      "train",
                        "all": "every parameter trains"}[trainable] + ")")
        raise CheckFailure(f"{where}: wrongly trainable {extra[:3]}"
                           f"{'...' if len(extra) > 3 else ''}, wrongly frozen {missing[:3]}"
                           f"{'...' if len(missing) > 3 else ''}: "
                           f"{hint}")
    count = sum(p.numel() for n, p in model.named_parameters() if n in expected)
    got = _as_number(got, "prepare_classifier", expected=count)
    if got != count:
        total = sum(p.numel() for p in model.parameters())
        buffers = sum(b.numel() for b in model.buffers())
        block_buffers = sum(b.numel() for b in model.trf_blocks[-1].buffers())
        causes = {
            "that is every parameter: count only those with requires_grad": total,
            "that is the number of FROZEN parameters (requires_grad False): count those whose "
            "requires_grad is True, sum(p.numel() for p in model.parameters() if "
            "p.requires_grad)": total - count if trainable != "all" else None,
            f"that is the 'last_block' count (the head, the last block and final_norm) for "
            f"{trainable!r}: count the parameters whose requires_grad is set after the freezing "
            "(sum p.numel() for p in model.parameters() if p.requires_grad), not fixed modules":
            sum(p.numel() for m in (head, model.trf_blocks[-1], model.final_norm)
                for p in m.parameters()) if trainable != "last_block" else None,
            "that is the number of parameter tensors; sum p.numel() instead":
            len(expected),
            "you summed a SET of sizes ({p.numel() for ...} in braces is a set comprehension), "
            "which keeps each size once, so tensors of equal size (a norm's scale and shift, "
            "the query, key and value weights) count once: sum a generator, sum(p.numel() for "
            "p in model.parameters() if p.requires_grad)":
            sum({p.numel() for n, p in model.named_parameters() if n in expected}),
            "you kept one size per tensor SHAPE (a dict keyed by p.shape), so tensors of one "
            "shape (the query, key and value weights, a norm's scale and shift, every (emb_dim,) "
            "vector) count once: sum p.numel() over every trainable tensor, sum(p.numel() for "
            "p in model.parameters() if p.requires_grad)":
            sum({tuple(p.shape): p.numel() for n, p in model.named_parameters()
                 if n in expected}.values()),
            "you kept one size per last name part and shape (a dict keyed by something like "
            "name.split('.')[-1] + str(p.shape)), so tensors of different modules with one "
            "name and shape (W_query, W_key and W_value's 'weight', norm1 and norm2's 'scale') "
            "count once: key by the full parameter name, or sum p.numel() over every trainable "
            "tensor": sum({(n.split(".")[-1], tuple(p.shape)): p.numel()
                           for n, p in model.named_parameters() if n in expected}.values()),
            "you counted each tensor as shape[0] x shape[-1] (rows times columns): that fits "
            f"a 2-D weight, but a 1-D bias or norm scale of n values then counts n x n (the "
            f"head's bias of {head.bias.numel()} counts {head.bias.numel() ** 2}): sum "
            "p.numel(), which counts any shape": sum(
                p.shape[0] * p.shape[-1] for n, p in model.named_parameters() if n in expected),
            "that is the size in BYTES of the trainable parameters (p.numel() times "
            "p.element_size(), or p.nbytes: 4 bytes per float32 value, 8 per float64), not "
            "their number: sum p.numel() alone": sum(
                p.numel() * p.element_size() for n, p in model.named_parameters()
                if n in expected),
            "you added up len(p), the FIRST dimension of each trainable tensor (the head's "
            f"{tuple(head.weight.shape)} weight counts {head.weight.shape[0]}, not "
            f"{head.weight.numel()}): sum p.numel(), every element":
            sum(len(p) for n, p in model.named_parameters() if n in expected),
            "you counted before replacing the head (the old head's parameters, not the new "
            "one's): count last": count - head.weight.numel() - head.bias.numel()
            + (cfg["emb_dim"] * cfg["vocab_size"] if trainable == "all" else 0),
            "the new head's bias is not counted: sum p.numel() over every trainable parameter":
            count - head.bias.numel(),
            _PER_MODULE: _per_module_count(model),
            f"your count is {buffers:,} too high, the size of the causal-mask buffers "
            f"(att.mask, {block_buffers:,} values in each block): model.state_dict() and "
            "model.buffers() hold them, but they are not parameters and never train; sum "
            "p.numel() over model.parameters() with requires_grad": count + buffers
            if buffers else None,
            f"your count is {block_buffers:,} too high, the size of the last block's "
            "causal-mask buffer (att.mask): model.state_dict() holds it, but it is not a "
            "parameter and never trains; sum p.numel() over model.parameters() with "
            "requires_grad": count + block_buffers
            if block_buffers and trainable == "last_block" else None,
            "you counted only the new head's parameters (or counted before unfreezing the last "
            "block and final_norm): count every parameter that trains, after all the "
            "unfreezing": head.weight.numel() + head.bias.numel(),
        }
        parts = {}
        for name, param in model.named_parameters():
            if name in expected:
                group = _trainable_summary({name}, all_names)[0]
                parts[group] = parts.get(group, 0) + param.numel()
        hint = _matching_cause(got, causes)
        if got == 0 and all(_count_in_mode(impl, cfg, num_classes, mode) == 0
                            for mode in ("last_block", "all")):
            hint = ("your count is 0 in every mode (also with 'last_block' and 'all', where "
                    "the last block or the whole model trains): no tensor you summed passed "
                    "your filter. model.state_dict() returns detached tensors (requires_grad "
                    "is always False there), and p.grad is None before any backward pass: "
                    "sum p.numel() over model.parameters() if p.requires_grad")
            if _reuses_spent_generator(impl, cfg, num_classes):
                hint = ("your count is 0 in every mode: model.parameters() returns a "
                        "GENERATOR, and yours was kept in a variable, used up by the freezing "
                        "loop, then iterated again for the count, which then sees no parameter "
                        "at all: call model.parameters() again for the count (or keep "
                        "list(model.parameters()), made after the new head)")
        if hint is not None and hint.startswith("you counted before replacing the head") \
                and trainable == "last_layer":
            body = sum(p.numel() for m in (model.trf_blocks[-1], model.final_norm)
                       for p in m.parameters())
            if _count_in_mode(impl, cfg, num_classes, "last_block") not in (body, 0):
                # counted before the head, 'last_block' gives the block and final_norm only
                # (or 0, counted before the unfreezing too)
                hint = (f"you returned 0, and with 'last_layer' only the new head trains "
                        f"({count:,} parameters): count after replacing the head and unfreezing, "
                        "sum(p.numel() for p in model.parameters() if p.requires_grad)")
        if hint == _PER_MODULE and not _counts_per_module(impl, cfg, num_classes):
            # the head counted twice also doubles 'last_layer': 'last_block' tells them apart
            hint = None
        if hint is None and got == count + head.weight.numel() + head.bias.numel():
            hint = ("the new head's parameters were counted twice: they are already among "
                    "model.parameters(), so sum p.numel() over the trainable parameters once "
                    "and add nothing")
        if hint is not None and hint.startswith("the new head's bias is not counted") \
                and _counts_weights_only(impl, cfg, num_classes):
            hint = ("you counted only the parameters named 'weight', the 2-D matrices (a "
                    "filter on the name, or on p.dim() > 1 / p.ndim == 2, counts the same ones; "
                    "with 'last_block' too, the biases and final_norm's scale and shift are "
                    "missing from your count): sum p.numel() over every parameter with "
                    "requires_grad")
        book = {7_090_946: "'last_block'", 1_538: "'last_layer'", 124_441_346: "'all'"}
        if hint is None and got in book:
            hint = (f"{got:,.0f} is GPT-2 small's count with 2 classes (the book's number for "
                    f"{book[got]}), but this model has {cfg['n_layers']} layers of width "
                    f"{cfg['emb_dim']} and {num_classes} classes: a number typed in fits one "
                    "model only; count what trains, sum(p.numel() for p in "
                    "model.parameters() if p.requires_grad)")
        missed = [g for g, c in parts.items() if c == count - got]
        if hint is None and missed:
            which = (missed[0] if len(missed) == 1 else
                     "one of " + ", ".join(missed[:-1]) + " or " + missed[-1])
            hint = (f"your count is {count - got:,.0f} short, the size of {which}: that trains "
                    "but is not counted; sum p.numel() over every parameter with "
                    "requires_grad rather than adding up modules by hand")
        pairs = [(a, b) for i, a in enumerate(parts) for b in list(parts)[i + 1:]
                 if parts[a] + parts[b] == count - got]
        if hint is None and not missed and len(pairs) == 1:
            hint = (f"your count is {count - got:,.0f} short, the size of {pairs[0][0]} and "
                    f"{pairs[0][1]} together: they train but are not counted (a sum over "
                    "chosen modules leaves them out); sum p.numel() over every parameter "
                    "with requires_grad, model.parameters(), rather than adding up modules "
                    "by hand")
        unit = next(((scale, name) for scale, name in ((1e3, "thousands"), (1e6, "millions"),
                                                        (1e9, "billions"))
                     if got and abs(got * scale - count) <= 0.5), None)
        if hint is None and unit is not None:
            hint = (f"{got!r} is the count in {unit[1]} ({count:,} / {unit[0]:g}): the number of "
                    "parameters itself, an int, is what the caller and the training script "
                    "expect; divide only when you print it")
        frozen = {}
        for name, param in model.named_parameters():
            if name not in expected:
                group = _trainable_summary({name}, all_names)[0]
                frozen[group] = frozen.get(group, 0) + param.numel()
        frozen["the OLD head (the vocabulary head you replaced)"] = old_head.weight.numel() + (
            old_head.bias.numel() if old_head.bias is not None else 0)
        over = [g for g, c in frozen.items() if c == got - count]
        twice = [n for n, p in model.named_parameters() if n in expected
                 and p.numel() == abs(got - count)]
        if not over and twice:
            how = ("which trains: counted once more, added by hand to the sum?"
                   if got > count else "which trains: left out of the count")
            over = [f"{twice[0]} ({how}"
                    f"{'; or another tensor of that size' if len(twice) > 1 else ''})"]
        # the configs' sizes are pairwise distinct, so an offset equal to one names it
        sizes = [k for k, v in (("emb_dim", cfg["emb_dim"]), ("num_classes", num_classes),
                                ("n_layers", cfg["n_layers"]), ("n_heads", cfg["n_heads"]),
                                ("context_length", cfg["context_length"]),
                                ("vocab_size", cfg["vocab_size"])) if v == abs(got - count)]
        hint = hint or (
            "sum p.numel() over the parameters that train: "
            + ", ".join(f"{g} {c:,}" for g, c in parts.items())
            + f" (yours is {got - count:+,.0f} off"
            + (f", the size of {over[0]}" + (", which does not train here: your count "
                                                "takes it in" if over[0] in frozen else "")
               if over else f", {got / count:g} times the count: something counted more than "
               "once?" if count and got % count == 0 and got > count else
               f", which is {sizes[0]} ({abs(got - count):,.0f}) of this model: a size "
               f"{'added to' if got > count else 'taken from'} the sum by hand? Return the sum "
               "alone" if sizes else "") + ")")
        shown = f"{got:,.0f}" if got == int(got) else repr(got)
        raise CheckFailure(f"{where}: you returned {shown} trainable parameters, expected "
                           f"{count:,}: {hint}")
    now = dict(model.named_modules())
    switched = [n or "the model" for n, was in modes.items() if n in now and now[n].training != was]
    if switched and arrive_eval:
        raise CheckFailure(f"{where}: the model arrived in eval mode and left with "
                           f"{', '.join(switched[:3])} in TRAINING mode: your code calls "
                           ".train() (to get the model ready for finetuning?). The mode only "
                           "switches dropout; freezing is requires_grad, which you set. Leave "
                           "the mode to the caller (the training loop calls model.train(), an "
                           "evaluation model.eval())")
    if switched:
        left = ("left in eval mode (model.training is False)" if switched[0] == "the model"
                else f"left with {', '.join(switched[:3])} in eval mode")
        raise CheckFailure(f"{where}: the model arrived in training mode and {left}: your "
                           "code calls .eval() (or .train(False)). The mode "
                           "only switches dropout; freezing is requires_grad, which you set. "
                           "Leave the mode to the caller (the training loop calls model.train())")


_PER_MODULE = ("you counted parameters several times, once for every module that holds them "
               "(a loop over model.modules() with m.parameters(), which already recurses into "
               "submodules): sum p.numel() over model.parameters() once")


def _per_module_count(model):
    return sum(p.numel() for m in model.modules() for p in m.parameters() if p.requires_grad)


def _counts_per_module(impl, cfg, num_classes):
    """Whether 'last_block' also returns the count with every module's parameters summed."""
    model = _model_under_seed_123(cfg)
    try:
        got = impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return got == _per_module_count(model)


def _sets_train_mode(impl, cfg, num_classes):
    """Whether 'last_block' puts the last block or final_norm of an eval-mode model in train
    mode (module.train() taken for unfreezing)."""
    model = _model_under_seed_123(cfg).eval()
    try:
        impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return model.trf_blocks[-1].training or model.final_norm.training


def _reuses_spent_generator(impl, cfg, num_classes):
    """Whether the answer iterates one model.parameters() generator again after using it up
    (the model hands out iterators that record a read past their end)."""
    model = _model_under_seed_123(cfg)
    reread, parameters = [], model.parameters

    class Spent:  # a generator that knows when it is asked again after its end
        def __init__(self, *args, **kwargs):
            self.items, self.done = parameters(*args, **kwargs), False

        def __iter__(self):
            return self

        def __next__(self):
            if self.done:
                reread.append(True)
                raise StopIteration
            try:
                return next(self.items)
            except StopIteration:
                self.done = True
                raise
    model.parameters = Spent
    try:
        impl(model, num_classes, "all")
    except Exception:  # noqa: BLE001 (only whether a spent generator was read again counts)
        pass
    return bool(reread)


def _count_in_mode(impl, cfg, num_classes, trainable):
    """What the answer returns for ``trainable`` on a fresh model (None when it fails)."""
    try:
        return impl(_model_under_seed_123(cfg), num_classes, trainable)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _counts_weights_only(impl, cfg, num_classes):
    """Whether 'last_block' returns the count of the trainable parameters named '...weight'."""
    model = _model_under_seed_123(cfg)
    try:
        got = impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    weights = sum(p.numel() for n, p in model.named_parameters()
                  if p.requires_grad and n.endswith("weight"))
    return got == weights != sum(p.numel() for p in model.parameters() if p.requires_grad)


def _unfreezes_before_freezing(impl, cfg, num_classes):
    """Whether 'last_block' unfreezes the last block before its freeze-all loop: the block
    arrives frozen, is trainable when model.parameters() (or named_parameters) is first
    called, and ends frozen."""
    model = _model_under_seed_123(cfg)
    block = list(model.trf_blocks[-1].parameters())
    for param in block:
        param.requires_grad = False
    first = []

    def spy(method):
        def wrapper(*args, **kwargs):
            if not first:
                first.append(all(param.requires_grad for param in block))
            return method(*args, **kwargs)
        return wrapper
    model.parameters = spy(model.parameters)
    model.named_parameters = spy(model.named_parameters)
    try:
        impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return bool(first) and first[0] and not any(param.requires_grad for param in block)


def _freezes_state_dict(impl, cfg, num_classes, trainable):
    """Whether the answer calls model.state_dict() (a spy on a fresh model; False on error)."""
    model = _model_under_seed_123(cfg)
    calls = []
    real = model.state_dict

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)
    model.state_dict = spy
    try:
        impl(model, num_classes, trainable)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return bool(calls)


def _freezes_param_data(impl, cfg, num_classes, trainable):
    """Whether the answer sets requires_grad to False on ``param.data`` (a detached alias):
    while it runs on a fresh model, ``Parameter.data`` hands out tensors that record it."""
    seen = []

    class _DataSpy(torch.Tensor):
        def __setattr__(self, name, value):
            if name == "requires_grad":
                seen.append(value)
            super().__setattr__(name, value)

        def requires_grad_(self, requires_grad=True):
            seen.append(requires_grad)
            return super().requires_grad_(requires_grad)

    base = torch._C.TensorBase.data
    model = _model_under_seed_123(cfg)
    torch.nn.Parameter.data = property(lambda p: base.__get__(p).as_subclass(_DataSpy),
                                       lambda p, value: base.__set__(p, value))
    try:
        impl(model, num_classes, trainable)
    except Exception:  # noqa: BLE001 (the assignments seen are what counts)
        pass
    finally:
        del torch.nn.Parameter.data
    return False in seen


def _freezes_in_mode(impl, cfg, num_classes, trainable):
    """Whether the answer freezes the token embedding with ``trainable`` (False on error)."""
    left = _trainable_in_mode(impl, cfg, num_classes, trainable)
    return left is not None and "tok_emb.weight" not in left


def _trainable_in_mode(impl, cfg, num_classes, trainable):
    """The names of the parameters left trainable by the answer in that mode (None on error)."""
    model = _model_under_seed_123(cfg)
    try:
        impl(model, num_classes, trainable)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    return {n for n, p in model.named_parameters() if p.requires_grad}


def _replaces_head(impl, cfg, num_classes, trainable):
    model = _model_under_seed_123(cfg)
    old = model.out_head
    try:
        impl(model, num_classes, trainable)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return model.out_head is not old


def _trainable_summary(names, all_names):
    """Group parameter names by module ("trf_blocks.2.ff", "final_norm") for a short message."""
    groups = []
    for name in sorted(names, key=all_names.index):
        parts = name.split(".")
        group = ".".join(parts[:3] if parts[0] == "trf_blocks" else parts[:1])
        if group not in groups:
            groups.append(group)
    return groups


def _unfreezes_block_11(impl, num_classes):
    """Whether 'last_block' unfreezes trf_blocks.11 of a tiny 12-layer model (GPT-2 small's
    depth), so a fixed index or name of the last block shows."""
    from llmscratch import GPTModel

    cfg = {"vocab_size": 40, "context_length": 4, "emb_dim": 8, "n_heads": 2, "n_layers": 12,
           "drop_rate": 0.0, "qkv_bias": False}
    model = GPTModel(cfg)
    try:
        impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return all(p.requires_grad for p in model.trf_blocks[11].parameters())


def _unfreezes_own_only(impl, cfg, num_classes):
    """True when 'last_block' unfreezes a parameter set directly on the last block (as
    parameters(recurse=False) does) but none of its submodules' parameters."""
    model = _model_under_seed_123(cfg)
    model.trf_blocks[-1].probe = torch.nn.Parameter(torch.ones(1))
    try:
        impl(model, num_classes, "last_block")
    except Exception:  # noqa: BLE001 (no probe result: not this cause)
        return False
    return model.trf_blocks[-1].probe.requires_grad and not any(
        p.requires_grad for n, p in model.trf_blocks[-1].named_parameters() if n != "probe")


def _model_under_seed_123(cfg):
    from llmscratch import GPTModel

    torch.manual_seed(123)
    return GPTModel(cfg)


def _dtype_kept_case(impl):
    """A float64 model: the caller's model keeps its dtype (the new head may be float32)."""
    cfg = {**CLASSIFIER_CONFIGS[1][0], "n_layers": 1}
    model = _model_under_seed_123(cfg).double()
    count = _as_number(impl(model, 2, "last_block"), "prepare_classifier's result")
    changed = sorted({str(p.dtype).replace("torch.", "") for name, p in model.named_parameters()
                      if not name.startswith("out_head.") and p.dtype != torch.float64})
    if changed:
        raise CheckFailure(f"given a float64 model, prepare_classifier(model, 2, 'last_block') "
                           f"left its body in {', '.join(changed)}: your code changed the "
                           "caller's model's dtype (model.float(), model.to(torch.float32) or "
                           ".half()); leave the model's own parameters as they are and only "
                           "replace the head")
    body = sum(p.numel() for p in (*model.trf_blocks[-1].parameters(),
                                   *model.final_norm.parameters()))
    expected = body + cfg["emb_dim"] * 2 + 2
    if count != expected:
        head = model.out_head
        shape = (f" (out_head is Linear({head.in_features}, {head.out_features}), expected "
                 f"Linear({cfg['emb_dim']}, 2))" if isinstance(head, torch.nn.Linear)
                 and (head.in_features, head.out_features) != (cfg["emb_dim"], 2) else "")
        raise CheckFailure(f"given a float64 model with 1 layer, prepare_classifier(model, 2, "
                           f"'last_block') returned {count}, expected {expected}{shape}")


def _classifier_built_case(impl):
    """Each mode given as a string built at run time (a value read from a command line)."""
    cfg, n = CLASSIFIER_CONFIGS[1]
    for mode in ("last_layer", "last_block", "all"):
        _built_option(lambda t, mode=mode: _classifier_case(impl, cfg, n, t), mode,
                      f"prepare_classifier(model, {n}, {mode!r})")


def check_prepare_classifier(impl):
    check_cases(state_probed(impl, [
        (f"{mode}, {cfg['n_layers']} layers, {n} classes",
         lambda f, cfg=cfg, n=n, mode=mode: _classifier_case(f, cfg, n, mode))
        for cfg, n in CLASSIFIER_CONFIGS for mode in ("last_layer", "last_block", "all")
    ] + [("last_block, 3 layers, 2 classes (the spam task's head)",
          lambda f: _classifier_case(f, CLASSIFIER_CONFIGS[0][0], 2, "last_block")),
         ("last_block, a float64 model", _dtype_kept_case),
         ("the three modes as strings built at run time", _classifier_built_case),
         ("last_layer, 2 layers, 3 classes, a model that arrives in eval mode",
          lambda f: _classifier_case(f, *CLASSIFIER_CONFIGS[1], "last_layer", arrive_eval=True)),
         ("last_block, 3 layers, 5 classes, a model that arrives frozen",
          lambda f: _classifier_case(f, *CLASSIFIER_CONFIGS[0], "last_block",
                                     arrive_frozen=True))]))


# --- ex6_5: which token classifies ----------------------------------------------------------------


def _select_case(impl, batch, num_tokens, num_classes, lengths, pad, seed, only,
                 dtype=torch.float32, holes=(), near_pad=(), pad_value=None, transposed=False,
                 zero_ids=()):
    gen = torch.Generator().manual_seed(seed)
    logits = torch.randn(batch, num_tokens, num_classes, generator=gen).to(dtype)
    logits[0, 1] = 0.0  # a real position whose logits are exactly 0: count ids, not logits
    if transposed:  # the same values in a non-contiguous layout, as a permuted output has
        logits = logits.transpose(1, 2).contiguous().transpose(1, 2)
    # float16 rounds at about 1e-3 for these values (|logits| < 5): allow 1e-2 there, and
    # 5e-2 for bfloat16 (8 bits of mantissa)
    atol = {torch.float32: 1e-5, torch.float64: 1e-5, torch.bfloat16: 5e-2}.get(dtype, 1e-2)
    ids = torch.randint(1, 1000, (batch, num_tokens), generator=gen)
    for row, n in enumerate(lengths):
        ids[row, n:] = pad
    for row, pos in holes:  # a padding id inside a message (or at its start) is padding too
        ids[row, pos] = pad
    if pad != PAD:
        ids[0, 0] = PAD  # a real token that happens to be 50256: only pad_token_id is padding
    for row, pos, value in near_pad:  # real ids that float16 rounds to the padding id's value
        ids[row, pos] = value
    for row, pos in zero_ids:  # a real token whose id is 0 (GPT-2's '!'): not padding
        ids[row, pos] = 0
    if pad_value is not None:  # large padding logits: the mean must not depend on them at all
        logits[ids == pad] = pad_value
    before = logits.clone()
    real = (ids != pad).unsqueeze(-1).float()  # (batch, num_tokens, 1)
    expected = {"last": logits[:, -1, :], "first": logits[:, 0, :],
                "mean": (logits * real).sum(1) / real.sum(1).clamp(min=1)}
    kwargs = {} if pad == PAD else {"pad_token_id": pad}
    for token, want in expected.items():
        if token != only:
            continue
        token = only  # the caller's string object (one built at run time, too)
        what = f"select_logits(logits {tuple(logits.shape)}, ids, {token!r}, {kwargs})"
        try:
            got = impl(logits, ids, token, **kwargs)
        except RuntimeError as err:
            hint = _mean_shape_error(err, logits, ids, pad) if token == "mean" else None
            if token == "mean" and hint is None and "is invalid for input of size" in str(err):
                hint = _REGROUPED
            if token == "mean" and _masks_on_dim_1(impl, dtype, pad):
                hint = ("the mask was unsqueezed at dim 1, (batch, 1, num_tokens), so its "
                        "positions line up with the classes (with as many classes as "
                        "positions it runs, and mixes them): unsqueeze the LAST dimension, "
                        "(input_ids != pad_token_id).unsqueeze(-1), shape (batch, num_tokens, 1)")
            if hint is None and transposed and "view" in str(err) and _runs_on(
                    impl, before.contiguous(), ids, token, kwargs):
                hint = ("these logits are a non-contiguous view (the right values, laid out "
                        "transposed in memory, as a model's output can be after a permute or "
                        "transpose) and the same call on a contiguous copy runs: .view() needs "
                        "contiguous memory; use .reshape(), or no flattening at all, "
                        "(logits * mask).sum(dim=1)")
            if hint is None and token == "mean" and "Boolean value of Tensor" in str(err) \
                    and _runs_on_one_message(impl, before, ids, kwargs):
                hint = ("with the first message alone (a batch of one) it runs, so your code "
                        f"uses the {batch} messages' counts as ONE number: Python's max(count, "
                        "1), min(...), or `if count == 0` need a single value, and a tensor of "
                        "several counts has none: use count.clamp(min=1), which works per "
                        "message")
            if hint is None and dtype == torch.float16 and "Half" in str(err) and (
                    "Float" in str(err) or "float" in str(err)):
                hint = ("the logits are float16 here and your code combines them with a "
                        "float32 tensor (a mask or weights made with .float(), torch.ones or "
                        "torch.tensor without dtype) in an operation that needs ONE dtype "
                        "(einsum, matmul, bmm, @): make it .to(logits.dtype)")
            if hint is None:
                raise
            raise CheckFailure(f"{what}: your code raised RuntimeError: {err}. {hint}") from err
        except Exception as err:
            if kwargs or not _right_given_pad(impl, before, ids, token, want, atol):
                raise
            raise CheckFailure(f"{what}: your code raised {type(err).__name__}: {err}. "
                               f"{_NOT_PAD[0].upper()}{_NOT_PAD[1:]}") from err
        if not torch.equal(logits, before):
            raise CheckFailure(f"{what} changed the logits it was given in place (e.g. with "
                               "mul_ or *=); compute a new tensor")
        if not torch.is_tensor(got):
            raise CheckFailure(f"{what} returned a {type(got).__name__}; expected a tensor of "
                               f"shape {tuple(want.shape)}")
        if got.dtype != logits.dtype:
            hint = (": a .float() (on the mask, or on the logits to average them) gives "
                    f"float32 for {logits.dtype} logits, and so does a float32 tensor "
                    "combined with them (torch.where(mask, logits, torch.zeros(1)), a mask "
                    "made with torch.ones or torch.zeros without dtype); cast the mask with "
                    ".to(logits.dtype), or the result back to logits.dtype"
                    if got.dtype == torch.float32 else
                    f": float64 came into the computation, though the logits are {logits.dtype}: "
                    "a .double() (on the mask or on the logits), or a float64 tensor combined "
                    "with them (one made from a numpy array or with dtype=torch.float64); cast "
                    "the mask with .to(logits.dtype), or the result back to logits.dtype"
                    if got.dtype == torch.float64 else "")
            general = hint
            picked = {"last": -1, "first": 0}.get(token)
            if got.dtype == torch.float32 and picked is not None and got.shape == (
                    batch, num_classes) and torch.equal(got, logits[:, picked, :].float()):
                hint = (f": {token!r} averages nothing, yet its right values came back as "
                        f"float32 for {logits.dtype} logits: the result itself was cast (a "
                        ".float() or .to(torch.float32) on what you return, for every "
                        f"option); return logits[:, {picked}, :] in the logits' dtype")
            if got.dtype == torch.float32 and token == "mean" and (ids == pad).all(1).any():
                whole = ids.clone()
                whole[whole == pad] = pad + 1  # the same logits, every position real
                probe = impl(before.clone(), whole, token, **kwargs)
                if torch.is_tensor(probe) and probe.dtype == logits.dtype:
                    hint = (": with no message of padding only the result is "
                            f"{logits.dtype}, so the float32 comes from the value given to a "
                            "message of padding only (torch.zeros(num_classes) or "
                            "torch.tensor(0.0) without dtype=logits.dtype): make that 0 in the "
                            "logits' dtype, or use the clamped count, (logits * mask).sum(1) / "
                            "count.clamp(min=1)")
            if got.dtype == torch.float32 and dtype in (torch.bfloat16, torch.float64):
                hint = _float16_only(impl, before, ids, token, kwargs) or hint
            if hint is general and got.dtype == torch.float32 and token == "mean" and \
                    _divides_integers(impl, before, ids, kwargs):
                hint = (": the values are right, only the dtype is off: your code divides two "
                        "integer or bool tensors (a spy saw it; usually weights made as the "
                        "mask divided by its count, mask / mask.sum(...)), and torch's / of "
                        "integers gives float32, which then turns the float16 logits "
                        "float32; make the mask float first, mask.to(logits.dtype), or divide "
                        "the masked sum of the logits by the count")
            if hint is general and got.dtype == torch.float32 and token == "mean" and \
                    torch.allclose(got, _masked_mean(before, ids != pad).float(), atol=atol):
                hint = (": the values are right, only the dtype is off: a float32 count does "
                        "this, count + 1e-8 (an integer tensor plus a Python float becomes "
                        "float32; clamp the count instead, count.clamp(min=1)) or "
                        "count.float(). Also" + hint)
            raise CheckFailure(f"{what} returned {got.dtype}; keep the logits' {logits.dtype}"
                               f"{hint}")
        # compare in float32 (the float16 case's tolerance is set above)
        got, want, logits = got.float(), want.float(), logits.float()
        if token == "mean" and not torch.isfinite(got).all():
            tiny = (" (in float16 a tiny clamp such as 1e-9 rounds to 0, and 0 / 0 is NaN)"
                    if dtype == torch.float16 else "")
            raise CheckFailure(f"{what} contains NaN or inf: a message made only of padding "
                               "has zero real tokens, and a mean over no values is NaN (0 / 0, "
                               "torch.nanmean of a row with every position masked as NaN, or a "
                               "softmax over a row whose scores are all -inf, as in attention "
                               "pooling); "
                               "divide the masked sum by the count clamped to at least 1 "
                               f"(.clamp(min=1)) so its mean is 0{tiny}")
        real_any = (ids != pad).unsqueeze(-1).float()
        last_real = (ids != pad).sum(1).clamp(min=1) - 1  # (batch,)
        count = real_any.sum(1).clamp(min=1)  # (batch, 1)
        first_real = (ids != pad).int().argmax(dim=1)  # (batch,): 0 for a row of padding only
        prefix = (torch.arange(num_tokens) < (ids != pad).sum(1, keepdim=True)).unsqueeze(-1)
        flat = logits[ids != pad]  # (real positions of every message, num_classes)
        pad_mask = (ids == pad).unsqueeze(-1).to(before.dtype)
        mistakes = {
            _REGROUPED: flat.reshape(batch, -1, num_classes).mean(1)
            if flat.numel() and flat.numel() % (batch * num_classes) == 0 else None,
            _CUMSUM:
            logits.cumsum(1)[torch.arange(batch), ((ids != pad).sum(1) - 1).clamp(min=0)]
            / count,
            "the real tokens' sum was computed as the sum of EVERY position minus the padding "
            "positions' sum: with large logits at the padding positions (here "
            f"{pad_value or 0:g}) the subtraction loses the real tokens' digits (or gives inf - "
            "inf): multiply by the mask before summing, (logits * mask).sum(dim=1)":
            ((before.sum(1) - (before * pad_mask).sum(1))
             / (1 - pad_mask).sum(1).clamp(min=1)).float() if pad_value is not None else None,
            "ids next to the padding id (" + ", ".join(str(v) for *_, v in near_pad)
            + f") were counted as padding: the ids were compared in {dtype} (cast to the "
            "logits' dtype?), which holds whole numbers above 2048 only approximately (50255 "
            "and 50256 both round to 50240): compare the integer input_ids with pad_token_id "
            "and cast only the mask": _masked_mean(logits, ids.to(dtype) != pad)
            if near_pad else None,
            "a real token with id 0 was taken as padding too (a mask such as (input_ids != "
            "pad_token_id) & (input_ids != 0), or input_ids > 0, as if padding were always 0): "
            f"here the padding id is {pad} and id 0 is an ordinary token (GPT-2's '!'); skip "
            "only the positions where input_ids == pad_token_id":
            _masked_mean(logits, (ids != pad) & (ids != 0)) if zero_ids else None,
            f"the count of real tokens wrapped around past 255 (message 0 has "
            f"{int(real_any[0].sum())} real tokens, counted as {int(real_any[0].sum()) % 256}): "
            "a uint8 or int8 count (sum(..., dtype=torch.uint8), or a mask kept in 8 bits) "
            "holds 0-255 only; count in int64, (input_ids != pad_token_id).sum(dim=1), or in "
            "the logits' dtype": (logits * real_any).sum(1) / (real_any.sum(1) % 256).clamp(min=1)
            if num_tokens > 255 else None,
            f"you returned the LAST position for {token!r}: 'last' is position -1 of dim 1 "
            "([:, -1, :])": logits[:, -1, :],
            "you took each message's last REAL token; 'last' is position -1, as the book "
            "trains and classifies": logits[torch.arange(batch), last_real],
            f"you returned the FIRST position for {token!r}: 'first' is position 0 of dim 1 "
            "([:, 0, :])": logits[:, 0, :],
            "the second token (position 1) is not the first":
            logits[:, 1, :] if token == "first" else None,
            _OVER_PADDING: logits.mean(dim=1),
            "you summed the real tokens but divided by all num_tokens positions: divide by "
            "each message's count of real tokens" + (
                " (or by the LONGEST message's count, counts.max(), here the same number)"
                if int(real_any.sum(1).max()) == num_tokens else ""):
            (logits * real_any).sum(1) / num_tokens,
            "you divided every message by the LONGEST message's count of real tokens (a .max() "
            "over the batch's counts): divide each message by its own count, "
            "mask.sum(dim=1).clamp(min=1)": (logits * real_any).sum(1)
            / real_any.sum(1).max().clamp(min=1),
            "you masked 50256 though pad_token_id was given: use the argument":
            (logits * (ids != PAD).unsqueeze(-1)).sum(1)
            / (ids != PAD).sum(1, keepdim=True).clamp(min=1) if pad != PAD else None,
            f"your {token!r} branch returned the MEAN over the real tokens (a misspelled "
            f"string in its test, so it falls through to 'mean'?): {token!r} is position "
            + ("-1, [:, -1, :]" if token == "last" else "0, [:, 0, :]"):
            _masked_mean(logits, ids != pad) if token != "mean" else None,
            "you divided by the number of PADDING positions (input_ids == pad_token_id): "
            "divide by the count of real tokens, input_ids != pad_token_id":
            (logits * real_any).sum(1) / (1 - real_any).sum(1).clamp(min=1),
            "you divided by the count + 1 (to avoid a division by zero?): a message with n "
            "real tokens is divided by n; clamp the count instead, count.clamp(min=1)":
            (logits * real_any).sum(1) / (real_any.sum(1) + 1),
            "you divided by the count - 1 (an off-by-one): a message with n real tokens is "
            "divided by n, sum / count.clamp(min=1)":
            (logits * real_any).sum(1) / (real_any.sum(1) - 1).clamp(min=1),
            "you clamped the masked SUM to at least 1 (the .clamp(min=1) sits on the sum of the "
            "logits, so every average below 1/count is raised): clamp the COUNT, "
            "sum / count.clamp(min=1)":
            (logits * real_any).sum(1).clamp(min=1) / real_any.sum(1),
            "you divided by the real-token count of the whole batch (mask.sum() without dim=1): "
            "divide each message by its own count": (logits * real_any).sum(1)
            / real_any.sum().clamp(min=1),
            "you divided every message by the FIRST message's count of real tokens: each "
            "message needs its own count (sum over dim=1)": (logits * real_any).sum(1)
            / real_any[0].sum().clamp(min=1),
            _FIRST_ROW_MASK: _masked_mean(logits, (ids[0] != pad).expand_as(ids)),
            _SHORTEST_PREFIX: logits[:, :int((ids != pad).sum(1).min().clamp(min=1))].mean(1),
            "you applied a softmax before averaging: average the raw logits":
            (logits.softmax(dim=-1) * real_any).sum(1) / count,
            "you averaged log-probabilities (a log_softmax over the classes before the mean): "
            "average the raw logits": (logits.log_softmax(dim=-1) * real_any).sum(1) / count,
            "you took the LARGEST logit over the real positions (max pooling: .max or .amax "
            "over dim 1), not their average: sum the real positions' logits and divide by "
            "their count": torch.where(real_any.sum(1) > 0, logits.masked_fill(
                real_any == 0, float("-inf")).amax(1), torch.zeros_like(logits[:, 0])),
            _LAST_ID_PAD: _masked_mean(logits, ids != ids[:, -1:]),
            "you weighted the positions by 1, 2, ..., num_tokens (a position-weighted mean, "
            "as in SGPT's pooling): 'mean' gives every real position the same weight, "
            "1 / count": (logits * (real_any * torch.arange(1, num_tokens + 1).view(1, -1, 1))
                          ).sum(1) / (real_any * torch.arange(1, num_tokens + 1).view(
                              1, -1, 1)).sum(1).clamp(min=1),
            "you averaged the PADDING positions (mask inverted): keep the positions where "
            "input_ids != pad_token_id": (logits * (1 - real_any)).sum(1)
            / (1 - real_any).sum(1).clamp(min=1),
            _MASKED_SUM: (logits * real_any).sum(1),
            "you divided by the FRACTION of real positions (mask.mean(dim=1), count / "
            "num_tokens), not by their count: divide by mask.sum(dim=1).clamp(min=1)":
            (logits * real_any).sum(1) / (real_any.sum(1) / num_tokens).clamp(
                min=1 / num_tokens),
            "the last real token of each message is left out of the mean (the mask is shifted "
            "one position, e.g. built from input_ids[:, 1:]): mask position t by input_ids[:, t] "
            "!= pad_token_id itself": _masked_mean(
                logits, torch.cat([ids[:, 1:] != pad, torch.zeros(batch, 1, dtype=torch.bool)],
                                  dim=1)),
            "a real position whose logits are all exactly 0 was not counted (the count came "
            "from the masked logits, != 0): count the real tokens from the ids, "
            "(input_ids != pad_token_id).sum(dim=1)": (logits * real_any).sum(1)
            / ((logits * real_any) != 0).any(-1).sum(1, keepdim=True).clamp(min=1),
            "you took each message's first REAL (non-padding) token; 'first' is position 0 "
            "([:, 0, :]), whatever its id": logits[torch.arange(batch), first_real],
            "you averaged the positions before the FIRST padding id, found with argmax of "
            "(input_ids == pad_token_id): a message without padding has no True there, so "
            "argmax gives 0 and its mean is 0 (and a padding id inside a message cuts it "
            "short): mask every position, (input_ids != pad_token_id).unsqueeze(-1)":
            _masked_mean(logits, torch.arange(num_tokens) < (ids == pad).int().argmax(
                dim=1, keepdim=True)),
            "you averaged only the positions BEFORE the first padding id (a cumsum of the "
            "padding mask, or a loop that stops at the first padding): a padding id at a "
            "message's start or in its middle cuts the real tokens after it out of the mean: "
            "mask every position whose id is not pad_token_id": _masked_mean(
                logits, (ids == pad).int().cumsum(dim=1) == 0),
            "you rescaled .mean(dim=1) of the masked logits (a division by all "
            f"{num_tokens} positions) by logits.shape[-1], the number of CLASSES "
            f"({num_classes}), not by shape[1], the positions, before dividing by the count: "
            "divide the masked sum by the count, (logits * mask).sum(dim=1) / count":
            (logits * real_any).mean(1) * num_classes / count
            if num_classes != num_tokens else None,
            "the division is upside down: you divided the count of real tokens by the masked "
            "sum of the logits; the mean is the sum divided by the count, sum / "
            "count.clamp(min=1)": _finite_or_none(count / (logits * real_any).sum(1)),
            "you divided twice: .mean(dim=1) of the masked logits already divides their sum by "
            "all num_tokens positions, and then you divided by the count of real tokens too: "
            "take (logits * mask).sum(dim=1), then divide by the count":
            (logits * real_any).mean(1) / count,
            "each real position was weighted by 1 / the count over the BATCH (dim 0: how many "
            "messages have a real token at that position), not by 1 / the message's own count "
            "of real tokens (dim 1): count with mask.sum(dim=1)": (logits * (
                real_any / real_any.sum(0, keepdim=True).clamp(min=1))).sum(1)
            if batch > 1 else None,
            "you averaged the first n positions (n = the count of real tokens), as if padding "
            "came only at the end: mask every position whose id is pad_token_id":
            (logits * prefix).sum(1) / count,
            "you averaged the LAST n positions (n = the count of real tokens), as if padding "
            "came first: the padding comes after the message; mask every position whose id is "
            "pad_token_id, (input_ids != pad_token_id).unsqueeze(-1)":
            (logits * (torch.arange(num_tokens) >= num_tokens - (ids != pad).sum(
                1, keepdim=True)).unsqueeze(-1)).sum(1) / count,
            "a message of padding only was averaged over all its positions; it has no real "
            "token, so its mean is 0 (the masked sum 0 divided by a count clamped to 1)":
            torch.where(real_any.sum(1) == 0, logits.mean(1), (logits * real_any).sum(1) / count),
            "position 0 is left out of the mean (a loop over the positions that starts at "
            "1?): average every real position, 0 included": (logits[:, 1:] * real_any[:, 1:]).sum(1)
            / real_any[:, 1:].sum(1).clamp(min=1),
            "position 0 is left out of the sum (a loop over the positions that starts at 1?), "
            "though it is counted: add every real position, 0 included":
            (logits[:, 1:] * real_any[:, 1:]).sum(1) / count,
            "you summed EVERY position, padding included, and divided by the count of real "
            "tokens: mask the logits before summing, (logits * mask).sum(dim=1)":
            logits.sum(1) / count,
            "you divided with rounding_mode='trunc' (or an integer division), which drops "
            "each mean's fraction: divide with /":
            torch.trunc((logits * real_any).sum(1) / count),
            "you divided with // (floor division), which rounds each mean down to a whole "
            "number: divide with /": torch.floor((logits * real_any).sum(1) / count),
            "no position counted as a real token (every mean is 0): input_ids < pad_token_id "
            "assumes the padding id is the largest id, untrue for pad_token_id=0; compare with "
            "input_ids != pad_token_id": _masked_mean(logits, ids < pad),
            "no position counted as a real token (every mean is 0): input_ids > pad_token_id "
            "assumes the padding id is the smallest id, untrue for 50256; compare with "
            "input_ids != pad_token_id": _masked_mean(logits, ids > pad),
        }
        if token != "mean":  # the averaging mistakes above name 'mean' code: not replayed here
            one = "[:, -1, :]" if token == "last" else "[:, 0, :]"
            pos = -1 if token == "last" else 0
            mistakes = {k: v for k, v in mistakes.items() if k.startswith((
                "you returned the LAST position", "you took each message's last REAL",
                "you returned the FIRST position", "the second token",
                f"your {token!r} branch returned the MEAN", "you took each message's first REAL"))}
            mistakes.update({
                f"your {token!r} option returned the average over EVERY position, padding "
                f"included (logits.mean(dim=1)); {token!r} reads one position, {one}":
                logits.mean(dim=1),
                f"your {token!r} option returned the SUM of the real tokens' logits (a masked "
                f"sum over dim 1); {token!r} reads one position, {one}": (logits * real_any).sum(1),
                f"your {token!r} option returned probabilities (a softmax over the classes of "
                f"position {pos}); return the raw logits, {one}": logits[:, pos].softmax(dim=-1),
            })
        mistakes = {k: v for k, v in mistakes.items()
                    if v is not None and not torch.allclose(v, want)}
        hint = likely_cause(got, mistakes, atol=atol) if got.shape == want.shape else None
        if hint == _LAST_ID_PAD and not _pads_from_last_id(impl, logits.dtype):
            # a full message with distinct ids loses only its last position: a slice such as
            # [:, :-1] gives the same here, and the probe tells the two apart
            mistakes.pop(_LAST_ID_PAD)
            hint = likely_cause(got, mistakes, atol=atol)
        if hint is not None and hint in (_FIRST_ROW_MASK, _SHORTEST_PREFIX) and all(
                k in mistakes for k in (_FIRST_ROW_MASK, _SHORTEST_PREFIX)) and likely_cause(
                got, {k: mistakes[k] for k in (_FIRST_ROW_MASK, _SHORTEST_PREFIX)},
                atol=atol) is not None and torch.allclose(
                mistakes[_FIRST_ROW_MASK], mistakes[_SHORTEST_PREFIX], atol=atol):
            # here the first message's real tokens are the shortest prefix: a probe whose
            # first message is the longest tells the two mistakes apart
            hint = _first_row_or_prefix(impl, logits.dtype) or hint
        if hint == _OVER_PADDING and not kwargs and _right_given_pad(impl, before, ids, token,
                                                                     want, atol):
            hint = _NOT_PAD
        if hint == _CUMSUM and _counts_position_0(impl):
            hint = ("position 0 was counted as a real token even where its id is the padding "
                    "id (mask[:, 0] = True, to keep every count above 0?), so a message of "
                    "padding only got position 0's logits and a message that starts with "
                    "padding averages one position too many: mask exactly the positions whose "
                    "id is not pad_token_id and clamp the count, count.clamp(min=1)")
        if hint == _MASKED_SUM and _divides_by_one(impl, logits.dtype):
            hint = ("you divided by count.clamp(max=1), which is 1 for every message with a real "
                    "token (so the mean stays a sum) and 0 for a message of padding only (0 / 0 "
                    "is NaN there): clamp from below, count.clamp(min=1)")
        if hint is not None and hint.endswith("counts.max(), here the same number)"):
            divisor = _mean_divisor(impl, logits.dtype, pad)
            if divisor is not None:
                hint = next(k for k in mistakes if k.startswith(
                    "you divided every message by the LONGEST" if divisor == "longest" else
                    "you summed the real tokens but divided by all"))
                hint = hint.split(" (or by the LONGEST")[0] + (
                    " (not by the longest message's count: a probe of 4 positions with 2 and 1 "
                    "real tokens told the two apart)"
                    if divisor == "positions" else "")
        if hint == _OVER_PADDING and _masks_any_message(impl, logits.dtype, pad):
            hint = _ANY_MESSAGE
        if hint == _OVER_PADDING and _masks_id_zero(impl, logits.dtype):
            hint = ("your mask ignores pad_token_id and treats id 0 as the padding (given "
                    "pad_token_id=0 the mean is right; here the padding id is "
                    f"{pad}): input_ids.bool(), nonzero() or input_ids != 0 only fit a "
                    "padding id of 0; mask with input_ids != pad_token_id")
        if hint is None and token == "mean" and got.shape == (num_classes,) and torch.allclose(
                got, logits[ids != pad].mean(dim=0), atol=atol):
            hint = ("that is ONE mean over the real tokens of the whole batch (logits[mask] "
                    "puts every message's real positions in one list): average each message "
                    "separately, (logits * mask).sum(dim=1) / count, shape (batch, num_classes)")
        if hint is None and got.shape == (batch, 1, num_classes):
            hint = ("you kept the position dimension (a slice such as [:, -1:, :] or "
                    "[:, :1, :]): index one position, [:, -1, :] or [:, 0, :], to get "
                    "(batch, num_classes)" if token != "mean" else
                    "keep only (batch, num_classes): sum over dim=1 without keepdim")
        if hint is None and token == "mean" and got.shape == (batch, batch, num_classes):
            hint = ("the count has shape (batch, 1, 1) (keepdim=True on the (batch, num_tokens, "
                    "1) mask), so dividing the (batch, num_classes) sum broadcast to (batch, "
                    "batch, num_classes): divide by mask.sum(dim=1), shape (batch, 1)")
        if hint is None and token == "mean" and got.shape == (num_tokens, num_classes) and (
                torch.allclose(got, (logits * real_any).sum(0) / real_any.sum(0).clamp(min=1),
                               atol=atol) or torch.allclose(got, logits.mean(0), atol=atol)):
            hint = ("you averaged over dim=0, the BATCH (one row per position, shape "
                    f"({num_tokens}, {num_classes})): average over dim=1, the positions, "
                    "(logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)")
        if hint is None and got.shape == (num_tokens, num_classes):
            which = next((f"logits[{k}], message {k % batch}" for k in (0, -1)
                          if torch.allclose(got, logits[k], atol=atol)), "one message")
            hint = (f"that is ONE message's logits ({which}: an index on dim 0 indexes the "
                    f"batch); pick the position on dim 1 for every message: "
                    + {"last": "logits[:, -1, :]", "first": "logits[:, 0, :]",
                       "mean": "(logits * mask).sum(dim=1) / count"}[token])
        if hint is None and batch == 1 and got.shape == want.shape[1:]:
            hint = ("a batch of one lost its batch dimension (.squeeze() drops every size-1 "
                    "dimension): return (batch, num_classes) for any batch size")
        if hint is None and got.shape == (batch, num_tokens) != want.shape:
            hint = ("you reduced over the classes (dim=-1 or 2); reduce over the tokens, dim=1, "
                    "and keep the num_classes logits")
        if hint is None and got.shape == want.shape and token != "mean":
            found = [pos for pos in range(num_tokens)
                     if torch.allclose(got, logits[:, pos, :], atol=atol)]
            size = {batch - 1: f"the batch size - 1 ({batch} messages): an index made from "
                               "input_ids.shape[0] or logits.shape[0], the BATCH",
                    num_classes - 1: f"num_classes - 1 ({num_classes} classes): an index made "
                                     "from logits.shape[2] or shape[-1], the CLASSES"}
            if found and found[0] in size and found[0] != num_tokens - 1:
                hint = (f"you returned position {found[0]} for every message, and "
                        f"{found[0]} is {size[found[0]]}; the positions are dim 1 "
                        f"({num_tokens} here): '{token}' is "
                        + ("[:, -1, :]" if token == "last" else "[:, 0, :]"))
            elif found:
                hint = (f"you returned position {found[0]} (that is {found[0] - num_tokens}; "
                        f"{num_tokens} positions) for every message; "
                        f"'{token}' is position {-1 if token == 'last' else 0} of dim 1, "
                        + ("[:, -1, :]" if token == "last" else "[:, 0, :]"))
        if hint is None and got.shape == want.shape:
            fresh = fresh_copy(impl)
            try:
                again = fresh(before.clone(), ids.clone(), token, **kwargs) if fresh else None
            except Exception:  # noqa: BLE001 (no evidence of state either way)
                again = None
            if torch.is_tensor(again) and again.shape == want.shape and torch.allclose(
                    again.float(), want.float(), atol=atol):
                hint = ("a fresh copy of your code gets this very call right, but after the "
                        "earlier calls it does not: your code keeps state between calls (a "
                        "cache, a module-level variable or a mutable default argument, such as "
                        "a mask or count kept from an earlier batch of the same shape): "
                        "compute the result from this call's logits and input_ids alone")
        if hint is None and got.shape == want.shape and token == "mean":
            row = int((got - want).abs().amax(dim=-1).argmax())
            n_real = int((ids[row] != pad).sum())
            hint = (f"'mean' is the average over each message's real tokens: message {row} has "
                    f"{n_real} real of {num_tokens} positions (ids {ids[row].tolist()}, padding "
                    f"id {pad}), so sum the logits of those {n_real} positions and divide by "
                    f"{max(n_real, 1)}")
            hint += (_select_pattern(got, want, logits, atol)
                     or _mean_pattern(got, want, ids, pad, row, atol, logits))
            real = [pos for pos in range(num_tokens) if ids[row, pos] != pad]
            averaged = _averaged_positions(got[row], logits[row], real, atol)
            if averaged is not None:
                positions, divisor = averaged
                left_out, added = sorted(set(real) - set(positions)), sorted(
                    set(positions) - set(real))
                how = "; ".join(part for part in (
                    f"left out the real position(s) {left_out}" if left_out else "",
                    f"took in the padding position(s) {added}" if added else "",
                    f"divided by {divisor}, not by the {len(positions)} positions summed"
                    if divisor != len(positions) else "") if part)
                hint = (f"your result for message {row} is the sum of its logits at positions "
                        f"{positions} divided by {divisor}; its real tokens sit at positions "
                        f"{real} (ids {ids[row].tolist()}, padding id {pad}), so you {how}"
                        + (" (the last position dropped: a slice such as [:, :-1])"
                           if left_out == [num_tokens - 1] and not added else "")
                        + f": sum the logits where input_ids != pad_token_id and divide by "
                        f"that count, {max(len(real), 1)}")
            if n_real == 0:
                same = [pos for pos in range(num_tokens) if torch.allclose(
                    got[row].float(), logits[row, pos].float(), atol=atol)]
                if same:
                    hint = (f"message {row} is padding only (ids {ids[row].tolist()}, padding "
                            f"id {pad}) and your result for it is its position {same[-1]}'s "
                            "logits (a fallback such as torch.where(count > 0, mean, "
                            "logits[:, -1])): with no real token the mean is a sum of nothing "
                            "divided by 1, all zeros; clamp the count, count.clamp(min=1)")
        if hint is None and got.shape == want.shape and token != "mean":
            row = int((got - want).abs().amax(dim=-1).argmax())
            hint = (f"'{token}' reads position {0 if token == 'first' else -1} of dim 1 for "
                    f"every message, [:, {0 if token == 'first' else -1}, :]; message {row} is "
                    f"{[round(v, 4) for v in got[row].float().tolist()]}, expected "
                    f"{[round(v, 4) for v in want[row].float().tolist()]}"
                    + (_select_pattern(got, want, logits, atol) or _rows_look_like(got, atol)
                       or _class_offset(got, want, atol) or _relation(got, want)))
        assert_close(got, want, what=what, atol=atol, hint=hint or (
            f"'{token}' reads " + {"last": "position -1 of dim 1 for every message, [:, -1, :]",
                                  "first": "position 0 of dim 1 for every message, [:, 0, :]",
                                  "mean": "the average of the real positions"}[token]
            + f"; got shape {tuple(got.shape)}, expected {tuple(want.shape)}"))
        tracked = impl(before.clone().requires_grad_(True), ids, token, **kwargs)
        if not (torch.is_tensor(tracked) and tracked.requires_grad):
            raise CheckFailure(f"{what}: the result carries no gradient (detached, .item() or "
                               "torch.no_grad()): the classifier trains through these logits, "
                               "so keep them in the autograd graph")
        empty = (ids == pad).all(1)  # (batch,): the messages of padding only
        if token == "mean" and empty.any():
            leaf = before.clone().requires_grad_(True)
            impl(leaf, ids, token, **kwargs).float().sum().backward()
            if leaf.grad is not None and not torch.isfinite(leaf.grad).all():
                rows = empty.nonzero().flatten().tolist()
                raise CheckFailure(
                    f"{what}: the values are right, but the gradient that flows back to the "
                    f"logits of message {rows[0]} (padding only) is NaN: a 0 / 0 computed and "
                    "then replaced (torch.where, nan_to_num or masked_fill after the division) "
                    "still sends NaN back through the division, and in training that NaN "
                    "reaches every weight; divide by count.clamp(min=1), so no 0 / 0 is ever "
                    "computed")


def _finite_or_none(values):
    """``values`` when every entry is finite (a replay that a likely-cause test can compare);
    None otherwise."""
    return values if bool(torch.isfinite(values).all()) else None


_OVER_PADDING = "you averaged over the padding too: average only where input_ids != pad_token_id"
_LAST_ID_PAD = ("the padding id was read from each message's LAST id (input_ids[:, -1]), not "
                "from the pad_token_id argument: a message that fills every position then "
                "loses its last token (and every position holding that id); compare input_ids "
                "with pad_token_id")


def _pads_from_last_id(impl, dtype):
    """Whether 'mean' of one full message [11, 12, 11] averages position 1 alone, as a mask
    against the message's last id (11, also at position 0) does."""
    logits = torch.tensor([[[1.0, 2.0], [3.0, 5.0], [9.0, 7.0]]]).to(dtype)
    try:
        got = impl(logits, torch.tensor([[11, 12, 11]]), "mean")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.shape == (1, 2) and torch.allclose(
        got.float(), torch.tensor([[3.0, 5.0]]))
_REGROUPED = ("logits[mask] lists the real positions of EVERY message in one row, so "
              ".view(batch, -1, num_classes) (or reshape) regroups them across messages (right "
              "only when every message has the same number of real tokens): average each "
              "message over its own mask, (logits * mask).sum(dim=1) / count.clamp(min=1)")
_FIRST_ROW_MASK = ("you used the FIRST message's padding mask (input_ids[0] != pad_token_id) for "
                   "every message, so each is averaged over message 0's real positions: build "
                   "the mask from the whole input_ids, (input_ids != pad_token_id)"
                   ".unsqueeze(-1), shape (batch, num_tokens, 1)")
_SHORTEST_PREFIX = ("you averaged every message over its first n positions with ONE n for the "
                    "whole batch, the SHORTEST message's real-token count (.min()): each "
                    "message needs its own count of real tokens, and a padding id can sit "
                    "anywhere: mask and sum over dim=1")


def _first_row_or_prefix(impl, dtype):
    """Which of _FIRST_ROW_MASK and _SHORTEST_PREFIX a probe reproduces: message 0 has 3 real
    tokens and message 1 only 1, so message 1 is averaged over 3 positions by the first, over
    1 by the second. None when neither matches."""
    logits = torch.tensor([[[1.0, 2.0], [3.0, 4.0], [5.0, 0.0], [9.0, 9.0]],
                           [[2.0, 8.0], [4.0, 2.0], [6.0, 5.0], [9.0, 9.0]]]).to(dtype)
    ids = torch.tensor([[11, 12, 13, PAD], [14, PAD, PAD, PAD]])
    try:
        got = impl(logits, ids, "mean")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    if not (torch.is_tensor(got) and got.shape == (2, 2)):
        return None
    replays = {_FIRST_ROW_MASK: torch.tensor([[3.0, 2.0], [4.0, 5.0]]),
               _SHORTEST_PREFIX: torch.tensor([[1.0, 2.0], [2.0, 8.0]])}
    return likely_cause(got.float(), replays, atol=1e-2)
_CUMSUM = ("you averaged the first n positions (n = the count of real tokens) through a "
           "cumulative sum read at position n - 1, as if padding came only at the end (and a "
           "message of padding only got position 0's logits): mask every position whose id is "
           "pad_token_id, (logits * mask).sum(dim=1) / count.clamp(min=1)")


def _counts_position_0(impl):
    """Whether 'mean' counts position 0 as a real token even when its id is the padding id."""
    logits = torch.randn(2, 4, 3, generator=torch.Generator().manual_seed(7))
    ids = torch.tensor([[PAD, 5, 6, PAD], [7, PAD, PAD, PAD]])
    real = ids != PAD
    real[:, 0] = True
    try:
        got = impl(logits.clone(), ids, "mean")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and got.shape == (2, 3) and torch.allclose(
        got.float(), _masked_mean(logits, real), atol=1e-5)


_MASKED_SUM = "you returned the masked SUM: divide it by each message's count of real tokens"


def _mean_probe(impl, dtype, pad):
    """'mean' of two messages on small known logits: [1, 2] and [3, 4] real then one padding
    position, and a message of padding only. The answer's result, or None when it fails."""
    logits = torch.tensor([[[1.0, 2.0], [3.0, 4.0], [9.0, 9.0]],
                           [[5.0, 6.0], [7.0, 8.0], [9.0, 9.0]]]).to(dtype)
    ids = torch.tensor([[11, 12, pad], [pad, pad, pad]])
    try:
        got = impl(logits, ids, "mean", pad_token_id=pad)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    return got.float() if torch.is_tensor(got) and got.shape == (2, 2) else None


_ANY_MESSAGE = (
    "you averaged over the positions that are real in ANY message of the batch (a mask reduced "
    "over the batch, (input_ids != pad_token_id).any(dim=0)): a shorter message is averaged over "
    "the longer messages' positions, its own padding included; here one message has no padding, "
    "so that is every position (a probe of ids [11, 12, pad] and [pad, pad, pad] gave the "
    "second message the mean of positions 0-1, not 0): mask each message by its own ids, "
    "(input_ids != pad_token_id).unsqueeze(-1)")


def _mean_divisor(impl, dtype, pad):
    """'longest' or 'positions' when logits of ones over 4 positions, with 2 and 1 real
    tokens, are divided by the longest message's count or by every position; else None."""
    logits = torch.ones(2, 4, 2, dtype=dtype)
    ids = torch.tensor([[11, 12, pad, pad], [11, pad, pad, pad]])
    try:
        got = impl(logits, ids, "mean", pad_token_id=pad)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    if not torch.is_tensor(got) or got.shape != (2, 2):
        return None
    for name, per_row in (("longest", [1.0, 0.5]), ("positions", [0.5, 0.25])):
        if torch.allclose(got.float(), torch.tensor(per_row).unsqueeze(1).expand(2, 2)):
            return name
    return None


def _masks_any_message(impl, dtype, pad):
    """Whether the _mean_probe messages come out as means over the batch's real columns."""
    got = _mean_probe(impl, dtype, pad)
    return got is not None and torch.allclose(got, torch.tensor([[2.0, 3.0], [6.0, 7.0]]))


def _divides_by_one(impl, dtype):
    """Whether the masked sum comes back and a message of padding only gives NaN: a division
    by count.clamp(max=1)."""
    got = _mean_probe(impl, dtype, PAD)
    return got is not None and torch.allclose(got[0], torch.tensor([4.0, 6.0])) and bool(
        got[1].isnan().all())


def _masks_on_dim_1(impl, dtype, pad):
    """Whether 'mean' matches a mask unsqueezed at dim 1: probed with as many classes as
    positions (4), where that mask broadcasts instead of raising, and batch 2."""
    gen = torch.Generator().manual_seed(7)
    logits = torch.randn(2, 4, 4, generator=gen).to(dtype)
    ids = torch.tensor([[5, 6, pad, pad], [7, 8, 9, pad]])
    mask = (ids != pad).unsqueeze(1).to(dtype)  # (2, 1, 4)
    try:
        got = impl(logits.clone(), ids, "mean", pad_token_id=pad)
        summed = (logits * mask).sum(1)
        # the count from that same mask (per position), or one right count per message
        wrongs = (summed / mask.sum(1).clamp(min=1),
                  summed / mask.sum(2).clamp(min=1))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return torch.is_tensor(got) and any(got.shape == wrong.shape and torch.allclose(
        got.float(), wrong.float(), atol=1e-2) for wrong in wrongs)


def _masks_id_zero(impl, dtype):
    """Whether 'mean' is right when the padding id is 0 (the mask then fits by chance)."""
    got = _mean_probe(impl, dtype, 0)
    return got is not None and torch.allclose(got, torch.tensor([[2.0, 3.0], [0.0, 0.0]]))


def _mean_shape_error(err, logits, ids, pad):
    """Name the mask or count shape that raised ``err``: the usual shape mistakes of 'mean' are
    replayed on these logits and the one raising the same sizes at the same dimension wins."""
    def key(error):
        text = str(error)
        sizes = re.findall(r"size of tensor [ab] \((\d+)\)", text)
        dim = re.findall(r"non-singleton dimension (\d+)", text)
        return (sorted(sizes), dim) if sizes else None

    real = (ids != pad).to(logits.dtype)  # (batch, num_tokens)
    replays = {
        "the mask has shape (batch, num_tokens) but the logits (batch, num_tokens, "
        "num_classes): give it a last dimension, (input_ids != pad_token_id).unsqueeze(-1), "
        "so it multiplies every class of a position":
        lambda: (logits * real).sum(1) / real.sum(1, keepdim=True).clamp(min=1),
        "the real-token count has one value per POSITION, (batch, num_tokens), not one per "
        "message: sum the (batch, num_tokens, 1) mask over dim=1, the positions, which gives "
        "(batch, 1)": lambda: (logits * real.unsqueeze(-1)).sum(1) / real.clamp(min=1),
        "the real-token count has shape (batch,), so dividing the (batch, num_classes) sum "
        "lines it up with the classes: keep one count per message as (batch, 1) (sum the "
        "(batch, num_tokens, 1) mask over dim=1, or count.unsqueeze(-1))":
        lambda: (logits * real.unsqueeze(-1)).sum(1) / real.sum(1).clamp(min=1),
        "the real-token count was summed over dim=0, the BATCH, which gives one count per "
        "position, (num_tokens, 1), instead of one per message: sum the (batch, num_tokens, 1) "
        "mask over dim=1, the positions, which gives (batch, 1)":
        lambda: (logits * real.unsqueeze(-1)).sum(1) / real.unsqueeze(-1).sum(0).clamp(min=1),
    }
    for hint, replay in replays.items():
        try:
            replay()
        except RuntimeError as replayed:
            if key(replayed) is not None and key(replayed) == key(err):
                return hint
    return None


def _divides_integers(impl, logits, ids, kwargs):
    """Whether 'mean' divides a bool or integer tensor by another (true division of integers
    gives float32, whatever the logits' dtype): a torch-function spy records the divisions."""
    seen = []

    class Spy(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            if func in (torch.Tensor.__truediv__, torch.div, torch.true_divide,
                        torch.Tensor.div) and len(args) == 2 and all(
                    torch.is_tensor(a) and not a.is_floating_point() for a in args):
                seen.append(func)
            return func(*args, **(kwargs or {}))
    try:
        with Spy():
            impl(logits.clone(), ids.clone(), "mean", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return bool(seen)


class _OnDevice(torch.Tensor):
    """A tensor that stands for one on the caller's device (a GPU). What is computed from it is
    one too, and so is a tensor made with ``device=`` or moved with ``.to`` (see
    ``_DeviceGiven``); an operation that mixes it with a tensor of one dimension or more made
    without a device records that tensor's shape in ``mixed`` (on a GPU it would sit on the
    CPU, and the operation would fail)."""

    mixed = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        tensors = [t for a in (*args, *kwargs.values())
                   for t in (a if isinstance(a, (list, tuple)) else [a]) if torch.is_tensor(t)]
        if any(isinstance(t, _OnDevice) for t in tensors):
            _OnDevice.mixed.extend(
                (getattr(func, "__name__", str(func)), tuple(t.shape)) for t in tensors
                if not isinstance(t, _OnDevice) and t.dim() > 0)
        return super().__torch_function__(func, types, args, kwargs)


class _DeviceGiven(TorchFunctionMode):
    """Marks as ``_OnDevice`` every tensor made with ``device=`` or moved with ``.to(...)``."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        moved = func is torch.Tensor.to and (kwargs.get("device") is not None or any(
            isinstance(a, (torch.device, str)) or torch.is_tensor(a) for a in args[1:]))
        if ("device" in kwargs or moved) and torch.is_tensor(out) and not isinstance(
                out, _OnDevice):
            out = out.as_subclass(_OnDevice)
        return out


def _select_device_case(impl):
    """'mean' with logits and ids standing for tensors on a GPU: a tensor the answer makes
    without device= and mixes with them would sit on the CPU there."""
    gen = torch.Generator().manual_seed(11)
    logits = torch.randn(4, 6, 3, generator=gen)
    ids = torch.randint(1, 1000, (4, 6), generator=gen)
    ids[1, :] = 0  # a message of padding only
    ids[2, 3:] = 0
    _OnDevice.mixed = []
    try:
        with _DeviceGiven():
            impl(logits.as_subclass(_OnDevice), ids.as_subclass(_OnDevice), "mean",
                 pad_token_id=0)
    except NotImplementedError:
        raise  # 'mean' still to do
    except Exception:  # noqa: BLE001 (the stand-in is no evidence: the other cases judge)
        return
    if _OnDevice.mixed:
        func, shape = _OnDevice.mixed[0]
        raise CheckFailure(
            "select_logits(logits (4, 6, 3), ids, 'mean', {'pad_token_id': 0}) with the logits "
            f"on a GPU (a stand-in here): a tensor of shape {shape} made without device= (such "
            "as torch.zeros, torch.ones, torch.full, torch.tensor or torch.arange without "
            f"device=logits.device) met them in {func}, and on a GPU it would be on the CPU "
            "(an error there; message 1 is padding only, the usual place for such a "
            "tensor): make it with device=logits.device, or from the logits, "
            "torch.zeros_like(...) or logits.new_zeros(...)")


_NOT_PAD = ("your default pad_token_id is not 50256 (given pad_token_id=50256 explicitly, the "
            "result is right): keep the signature's default pad_token_id=50256")


def _right_given_pad(impl, logits, ids, token, want, atol):
    """Whether the answer gets ``want`` when pad_token_id=50256 is given explicitly."""
    try:
        probe = impl(logits.clone(), ids.clone(), token, pad_token_id=PAD)
    except Exception:  # noqa: BLE001 (no contrast to name)
        return False
    return torch.is_tensor(probe) and probe.shape == want.shape and torch.allclose(
        probe.float(), want.float(), atol=atol)


def _select_built_case(impl):
    """Each option given as a string built at run time."""
    for token in ("last", "first", "mean"):
        _built_option(lambda t: _select_case(impl, 2, 5, 3, [3, 5], PAD, seed=0, only=t), token,
                      f"select_logits(logits (2, 5, 3), ids, {token!r})")


def _runs_on(impl, logits, ids, token, kwargs):
    """Whether the answer runs without an error on these logits and ids."""
    try:
        impl(logits.clone(), ids.clone(), token, **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no contrast to name)
        return False
    return True


def _float16_only(impl, logits, ids, token, kwargs):
    """The hint for bfloat16 or float64 logits that come back float32 while float16 logits
    keep their dtype (probed): a float16 mask (.half()), or a cast back for float16 alone."""
    def dtype_for(dtype):
        try:
            out = impl(logits.to(dtype), ids.clone(), token, **kwargs)
        except Exception:  # noqa: BLE001 (no evidence)
            return None
        return out.dtype if torch.is_tensor(out) else None
    if dtype_for(torch.float16) != torch.float16:
        return None
    if logits.dtype == torch.bfloat16 and dtype_for(torch.float64) == torch.float64:
        return (": float16 and float64 logits keep their dtype, but bfloat16 ones come back "
                "float32: your code mixes them with a float16 tensor (a mask made with "
                ".half() or dtype=torch.float16), and bfloat16 times float16 promotes to "
                "float32; make the mask .to(logits.dtype)")
    return (f": float16 logits keep their dtype, but {logits.dtype} ones come back float32: "
            "your code computes in float32 and casts back for float16 alone (an `if "
            "logits.dtype == torch.float16` branch); cast back to logits.dtype whatever it "
            "is, or compute in the logits' dtype")


def _runs_on_one_message(impl, logits, ids, kwargs):
    """Whether 'mean' runs without an error on the first message alone (a batch of one)."""
    try:
        impl(logits[:1].clone(), ids[:1].clone(), "mean", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return True


def _rows_look_like(got, atol):
    """". Every row ..." when each result row is probabilities or log-probabilities over the
    classes (a softmax or log_softmax where raw logits were wanted); "" otherwise."""
    g = got.float()
    if g.dim() != 2 or g.shape[-1] < 2:
        return ""
    ones, tol = torch.ones(g.shape[0]), max(atol, 1e-3)
    if bool((g >= -atol).all()) and torch.allclose(g.sum(-1), ones, atol=tol):
        return (". Every row of yours is non-negative and sums to 1: probabilities (a softmax "
                "over the classes) where the raw logits were wanted")
    if bool((g <= atol).all()) and torch.allclose(g.exp().sum(-1), ones, atol=tol):
        return (". Every row of yours is log-probabilities (exp of each row sums to 1): a "
                "log_softmax, or the log of averaged probabilities, where the raw logits were "
                "wanted")
    return ""


def _class_offset(got, want, atol):
    """". Class c is off by ..." when the classes that differ are off by one amount each, the
    same in every message (a bias or prior added to some classes); "" otherwise."""
    diff = (got.float() - want.float())
    if diff.dim() != 2 or diff.shape[0] < 2:
        return ""
    off = [c for c in range(diff.shape[1]) if not torch.allclose(
        diff[:, c], torch.zeros_like(diff[:, c]), atol=atol)]
    if not off or len(off) == diff.shape[1] or not all(torch.allclose(
            diff[:, c], diff[:1, c].expand_as(diff[:, c]), atol=atol) for c in off):
        return ""
    amounts = ", ".join(f"class {c} by {float(diff[0, c]):+.4g}" for c in off)
    return (f". Only some classes differ, each by the same amount in every message ({amounts}; "
            "the other classes are right): a bias, prior or offset added to those classes; "
            "return the logits as they are")


def _relation(got, want):
    """describe_difference's sentence for a result (batch, num_classes), after ". "."""
    relation = describe_difference(got.float(), want.float(), dims=("messages", "classes"))
    return f". {relation}" if relation else ""


def _select_pattern(got, want, logits, atol):
    """What differs in a wrong result of the right shape that no replay matches, in terms that
    point to a bug: rows that belong to other messages, classes reordered, every row one other
    position's logits, or a position's logits added or subtracted; "" when none fits."""
    def near(a, b):
        return torch.allclose(a.float(), b.float(), atol=atol)
    bad = [r for r in range(got.shape[0]) if not near(got[r], want[r])]
    if not bad:
        return ""
    owners = {r: next((j for j in range(want.shape[0]) if j != r and near(got[r], want[j])),
                      None) for r in bad}
    if None not in owners.values():
        r, j = next(iter(owners.items()))
        return (f". Every differing row is the right result of ANOTHER message (row {r} holds "
                f"message {j}'s; rows {bad} differ): the messages were reordered over dim 0 "
                "(a roll, flip, sort or a batch index mixed up); keep row i for message i")
    for how, move in (("reversed (.flip(-1))", lambda t: t.flip(-1)),
                      ("rolled by one (torch.roll over dim -1)", lambda t: t.roll(1, -1)),
                      ("rolled by one (torch.roll over dim -1)", lambda t: t.roll(-1, -1))):
        if got.shape[-1] > 1 and all(near(got[r], move(want[r])) for r in bad):
            return (f". Each differing message holds the right values with its CLASSES "
                    f"{how}: message {bad[0]} is "
                    f"{[round(v, 4) for v in got[bad[0]].float().tolist()]} for "
                    f"{[round(v, 4) for v in want[bad[0]].float().tolist()]}; keep the classes "
                    "in their order on the last dim")
    positions = range(logits.shape[1])
    for p in positions:
        if near(got, logits[:, p]):
            return (f". Every message's result is the logits at position {p} "
                    f"({p - logits.shape[1]} from the end): that position was read instead")
    for p in positions:
        for sign, word in ((1, "plus"), (-1, "minus")):
            if near(got, want + sign * logits[:, p]):
                return (f". Your result is the expected one {word} the logits at position "
                        f"{p} for every message: a second position was added to or subtracted "
                        "from the one to read")
    return ""


def _mean_pattern(got, want, ids, pad, row, atol, logits=None):
    """What differs in a wrong 'mean' that no replay matches: which messages (with their
    real-token counts), and for message ``row`` a factor or an offset shared by every class,
    or each class's value picked from one real token (given the ``logits``)."""
    counts = (ids != pad).sum(1).tolist()
    bad = [r for r in range(got.shape[0])
           if not torch.allclose(got[r].float(), want[r].float(), atol=atol)]
    good = [r for r in range(got.shape[0]) if r not in bad]
    text = (f". Messages {bad} differ (real-token counts {[counts[r] for r in bad]})"
            + (f"; messages {good} are right (counts {[counts[r] for r in good]})" if good
               else ""))
    scaled = got.float() * torch.tensor(counts).clamp(min=1).unsqueeze(-1)
    if got.shape[0] > 1 and len(bad) > 1 and torch.allclose(
            scaled, scaled[:1].expand_as(scaled), atol=atol * max(counts + [1])):
        return (text + f". Every message's result times its own real-token count is the same "
                f"vector, {[round(v, 4) for v in scaled[0].tolist()]}: one masked sum shared "
                "by the whole batch, so the sum also ran over dim 0 (the messages), e.g. "
                ".sum(dim=0) or a sum over (0, 1); sum over dim=1 only, the positions of each "
                "message")
    if got.shape[0] > 1 and len(bad) > 1 and torch.allclose(
            got.float(), got[:1].float().expand_as(got), atol=atol):
        return (text + f". Every message got the same values, "
                f"{[round(v, 4) for v in got[0].tolist()]}: something reduced over dim 0 "
                "(the messages) as well as the positions; reduce over dim=1 only")
    g, w = got[row].float(), want[row].float()
    diff, n, classes = g - w, counts[row], got.shape[-1]
    ratio = g / w if bool((w.abs() > 10 * atol).all()) else None
    if torch.allclose(diff, diff.mean().expand_as(diff), atol=atol):
        return (text + f". Message {row} is off by the same {float(diff.mean()):+.4g} at every "
                "class: a shift shared by all classes (a normalisation over the classes, such "
                "as subtracting their max or log-sum-exp, or a constant added)")
    def factor(r):  # message r's result over its expected mean, when one for every class
        q = got[r].float() / want[r].float()
        return (float(q.mean()) if bool((want[r].abs() > 10 * atol).all()) and torch.allclose(
            q, q.mean().expand_as(q), atol=1e-3) else None)
    factors = [factor(r) for r in bad]
    if len(bad) > 1 and all(f is not None and counts[r] > 1 and abs(f - 1 / counts[r]) < 1e-3
                            for f, r in zip(factors, bad)):
        return (text + ". Every message that differs is its expected mean divided by its own "
                "real-token count once more (" + ", ".join(
                    f"message {r}: 1/{counts[r]}" for r in bad[:3]) + "): the masked sum was "
                "divided by the count twice (count ** 2, or a second / count); divide once")
    if ratio is not None and torch.allclose(ratio, ratio.mean().expand_as(ratio), atol=1e-3):
        f = float(ratio.mean())
        why = (f" = 1/{classes}, one over the number of classes: the count was taken over a "
               "mask expanded to the logits' shape (num_classes values per position); count "
               "the positions only, mask.sum(dim=1) on the (batch, num_tokens, 1) mask"
               if abs(f - 1 / classes) < 1e-3 and all(
                   g is None or abs(g - 1 / classes) < 1e-3 for g in factors) else
               f": the right positions summed, divided by {n / f:.4g} instead of the count {n}"
               + next((v for k, v in {
                   sum(counts): " (the real tokens of the WHOLE batch)",
                   sum(counts) / len(counts): " (the batch's AVERAGE count: every message's "
                   "real tokens over the number of messages)",
                   n ** 0.5: " (the SQUARE ROOT of the count)"}.items()
                   if abs(n / f - k) < 1e-3 and k != n), "")
               if n else "")
        return text + f". Message {row} is {f:.4g} x the expected mean at every class{why}"
    real = [p for p in range(ids.shape[1]) if ids[row, p] != pad]
    if logits is not None and len(real) > 2:
        vals = logits[row, real].float()  # (real tokens, classes)
        picks = [next((p for p, v in zip(real, vals[:, c].tolist()) if abs(v - g[c]) <= atol),
                      None) for c in range(classes)]
        if None not in picks:
            stats = {"max": vals.max(0).values, "min": vals.min(0).values,
                     "median": vals.median(0).values}
            named = next((k for k, v in stats.items() if torch.allclose(g, v, atol=atol)), None)
            return (text + f". Message {row}: each class's value is the logit of ONE of its "
                    f"real tokens (positions {picks}, class by class), not an average of its "
                    f"{n}" + (f": that is the {named} over the real tokens (.{named}(dim=1))"
                              if named else "") + "; average them, masked sum / count")
    extra = _position_counted_twice(g, logits[row, real] if logits is not None else None,
                                    real, atol)
    if extra is not None:
        return text + f". Message {row}: yours {[round(v, 4) for v in g.tolist()]}, " + extra
    if logits is not None and len(real) > 1:
        vals = logits[row, real].float()
        hi, lo = vals.max(0).values, vals.min(0).values
        where = ("between the mean and the MAX" if bool(((g >= w - atol) & (g <= hi + atol)).all())
                 else "between the MIN and the mean" if bool(
                     ((g <= w + atol) & (g >= lo - atol)).all()) else None)
        if where is not None:
            return (text + f". Message {row}: yours {[round(v, 4) for v in g.tolist()]}, "
                    f"expected {[round(v, 4) for v in w.tolist()]}: at every class yours lies "
                    f"{where} of its {n} real tokens' logits: a pooling weighted towards "
                    + ("large" if "MAX" in where else "small") + " logits (logsumexp, a "
                    "softmax-weighted mean, a power mean) rather than the plain average; "
                    "give each real position the weight 1 / count")
    return (text + f". Message {row}: yours {[round(v, 4) for v in g.tolist()]}, expected "
            f"{[round(v, 4) for v in w.tolist()]}"
            + (_rows_look_like(got, atol) or _relation(got, want)))


def _position_counted_twice(got_row, vals, real, atol):
    """When ``got_row`` is the real tokens' logits ``vals`` (real tokens, classes) averaged
    with one position counted k times (weights solved from at most as many tokens as classes),
    what says so; else None."""
    count = len(real)
    if vals is not None:  # a real position whose logits are all 0 weighs nothing to solve
        kept = [k for k in range(len(real)) if bool(vals[k].any())]
        real, vals = [real[k] for k in kept], vals[kept].double() if kept else None
    if vals is None or not 1 < len(real) <= vals.shape[1]:
        return None
    weights = torch.linalg.lstsq(vals.T, got_row.double().unsqueeze(-1)).solution.squeeze(-1)
    if not torch.allclose((vals.T @ weights).float(), got_row.float(), atol=atol) or bool(
            (weights <= 1e-6).any()):
        return None
    times = weights / weights.min()
    heavy = (times > 1.5).nonzero().flatten().tolist()
    k = round(float(times.max()))
    if len(heavy) != 1 or not torch.allclose(times, times.round(), atol=1e-3) or abs(
            1 / float(weights.min()) - (count + k - 1)) > 1e-3:
        return None
    p = real[heavy[0]]
    return (f"the mean of its {count} real tokens' logits with position {p} counted {k} "
            f"times (weight {float(weights.max()):.4g}, each other one "
            f"{float(weights.min()):.4g}: a sum over {count + k - 1} values): position {p} was "
            "added again besides the masked sum (and to the count); count each real position "
            "once")


def _averaged_positions(got_row, row_logits, real, atol):
    """The positions (a run, or the real ones with one left out or one added) and the divisor
    whose mean of ``row_logits`` (num_tokens, num_classes) gives ``got_row``; None if none."""
    num_tokens = row_logits.shape[0]
    logits, got = row_logits.double(), got_row.double()

    def close(means):  # torch.allclose's test, for each row of means at once
        return ((got - means).abs() <= atol + 1e-5 * means.abs()).all(-1)
    # every run [a, b) at once, from cumulative sums, in the order a, then b
    prefix = torch.cat([logits.new_zeros(1, logits.shape[1]), logits.cumsum(0)])
    starts, ends = torch.triu_indices(num_tokens + 1, num_tokens + 1, offset=1)
    sums, sizes = prefix[ends] - prefix[starts], (ends - starts).double()
    found = torch.stack([close(sums / d.unsqueeze(-1)) & (d > 0) for d in (
        sizes, torch.full_like(sizes, len(real)), torch.full_like(sizes, num_tokens))], dim=1)
    if real and real == list(range(real[0], real[-1] + 1)):
        found[(starts == real[0]) & (ends == real[-1] + 1)] = False
    hits = found.any(1).nonzero()
    if len(hits):
        k = int(hits[0])
        divisor = (int(sizes[k]), len(real), num_tokens)[int(found[k].nonzero()[0])]
        return list(range(int(starts[k]), int(ends[k]))), divisor
    sets = [[p for p in real if p != q] for q in real]
    sets += [sorted(real + [q]) for q in range(num_tokens) if q not in real]
    for positions in sets:
        if positions == real or not positions:
            continue
        total = row_logits[positions].float().sum(0)
        for divisor in dict.fromkeys((len(positions), len(real), num_tokens)):
            if divisor and torch.allclose(got_row.float(), total / divisor, atol=atol):
                return positions, divisor
    return None


def _masked_mean(logits, real):
    mask = real.unsqueeze(-1).float()
    return (logits * mask).sum(1) / mask.sum(1).clamp(min=1)


def check_select_logits(impl):
    # one case per option, so an answer with "mean" still to do is reported as partly done
    check_cases(state_probed(impl, [case for token in ("last", "first", "mean") for case in [
        (f"{token!r}, logits (2, 5, 3)",
         lambda f, t=token: _select_case(f, 2, 5, 3, [3, 5], PAD, seed=0, only=t)),
        (f"{token!r}, logits (4, 7, 6), pad 0, a row of padding only",
         lambda f, t=token: _select_case(f, 4, 7, 6, [7, 2, 0, 5], 0, seed=1, only=t)),
    ]] + [(f"{token!r}, float16 logits (3, 8, 4)",
           lambda f, t=token: _select_case(f, 3, 8, 4, [6, 8, 1], PAD, seed=2, only=t,
                                        dtype=torch.float16))
          for token in ("last", "first", "mean")]
        # a padding id at a message's start and in its middle: "first" is still position 0,
        # and "mean" skips every padding position, wherever it is
        + [(f"{token!r}, logits (5, 9, 2), padding ids inside messages",
            lambda f, t=token: _select_case(f, 5, 9, 2, [9, 6, 4, 0, 7], PAD, seed=3, only=t,
                                         holes=((1, 0), (2, 1), (4, 3))))
           for token in ("first", "mean")]
        + [(f"{token!r}, a batch of one, logits (1, 6, 5)",
            lambda f, t=token: _select_case(f, 1, 6, 5, [4], PAD, seed=5, only=t))
           for token in ("last", "first", "mean")]
        + [("'mean', float16 logits (6, 10, 7), rows of padding only",
            lambda f: _select_case(f, 6, 10, 7, [10, 0, 3, 1, 0, 8], PAD, seed=4, only="mean",
                                 dtype=torch.float16)),
           ("'mean', float16 logits (3, 8, 4), real ids 50255 and 50250 next to the padding id",
            lambda f: _select_case(f, 3, 8, 4, [6, 8, 1], PAD, seed=2, only="mean",
                                 dtype=torch.float16, near_pad=((0, 0, 50255), (1, 2, 50250)))),
           ("'mean', logits (4, 7, 6), logits of 1e8 at every padding position",
            lambda f: _select_case(f, 4, 7, 6, [7, 2, 0, 5], 0, seed=1, only="mean",
                                 pad_value=1e8)),
           # the shape of the first case with other lengths: nothing may carry over
           ("'mean', logits (2, 5, 3) again, messages of 5 and 1 real tokens",
            lambda f: _select_case(f, 2, 5, 3, [5, 1], PAD, seed=6, only="mean")),
           ("'mean', float64 logits (2, 5, 3)",
            lambda f: _select_case(f, 2, 5, 3, [4, 0], PAD, seed=7, only="mean",
                                 dtype=torch.float64)),
           ("'mean', bfloat16 logits (3, 6, 4)",
            lambda f: _select_case(f, 3, 6, 4, [6, 2, 0], PAD, seed=8, only="mean",
                                 dtype=torch.bfloat16)),
           ("'mean', non-contiguous logits (3, 6, 4), a transposed view",
            lambda f: _select_case(f, 3, 6, 4, [5, 6, 1], PAD, seed=9, only="mean",
                                 transposed=True)),
           ("'mean', logits (2, 300, 3), a message of 290 real tokens",
            lambda f: _select_case(f, 2, 300, 3, [290, 7], PAD, seed=10, only="mean")),
           ("'mean', logits (3, 6, 4), real tokens of id 0, padding id 50256",
            lambda f: _select_case(f, 3, 6, 4, [6, 4, 3], PAD, seed=11, only="mean",
                                 zero_ids=((0, 2), (1, 0), (2, 1)))),
           ("'mean', logits on a stand-in device", _select_device_case),
           ("'last', 'first' and 'mean' built at run time", _select_built_case)]))


# --- fake classifiers for ex6_6 and ex6_7 ---------------------------------------------------------

STAND_IN_DEVICE = torch.device("cpu", 0)  # a real device that differs from a hard-coded "cpu"


_COMPARISONS = {"eq", "__eq__", "ne", "__ne__", "equal"}


class _Unmoved(torch.Tensor):
    """A batch tensor that records every ``.to(...)`` call, so the check sees whether (and where)
    the answer moved it. Its ``.to`` returns a plain tensor: a model that receives an
    ``_Unmoved`` tensor was given the batch without moving it.

    What is computed from it without a ``.to`` (``target_batch.long()``, a slice) is still
    unmoved and shares its record, and comparing it (``predicted == target_batch``) is recorded:
    on a GPU that comparison would mix devices."""

    @property
    def _moves(self):
        return self._record["moves"]

    def to(self, *args, **kwargs):
        self._moves.append(kwargs.get("device", args[0] if args else None))
        with torch._C.DisableTorchFunctionSubclass():
            out = torch.Tensor.to(self, *args, **kwargs)
            if "compared_with" not in self._record:
                return out
            moved = out.as_subclass(_Moved)
        moved._record = self._record
        return moved

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        records = [a._record for a in (*args, *(kwargs or {}).values())
                   if isinstance(a, _Unmoved)]
        if getattr(func, "__name__", "") in _COMPARISONS:
            for record in records:
                record["compared"] = True
        with torch._C.DisableTorchFunctionSubclass():
            out = func(*args, **(kwargs or {}))
        if (records and isinstance(out, torch.Tensor) and func is not torch.Tensor.as_subclass
                and not isinstance(out, torch.nn.Parameter)):
            out = out.as_subclass(_Unmoved)
            out._record = records[0]
        return out


def _unmoved(t, watch=False):
    """``watch``: the moved tensor records what it is compared with (for a target batch)."""
    spy = t.as_subclass(_Unmoved)
    spy._record = {"moves": [], "compared": False}
    if watch:
        spy._record["compared_with"] = []
    return spy


class _Moved(torch.Tensor):
    """A moved target batch that records each ``(other, targets)`` pair it is compared with
    (``predicted == target_batch``), so a zero accuracy can be traced to its cause. Whatever is
    computed from it is a plain tensor."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        with torch._C.DisableTorchFunctionSubclass():
            if getattr(func, "__name__", "") in _COMPARISONS:
                mine = [a for a in args if isinstance(a, _Moved)]
                others = [a for a in args if torch.is_tensor(a) and not isinstance(a, _Moved)]
                for target in mine[:1]:
                    target._record["compared_with"].extend(
                        (o.detach().clone().as_subclass(torch.Tensor),
                         target.detach().clone().as_subclass(torch.Tensor)) for o in others)
            return func(*args, **(kwargs or {}))


class _CountedEval:
    """``VoteModel.eval``, counting each lookup and each call in the model's ``__dict__``
    (``eval_lookups``, ``eval_calls``): ``model.eval`` written without parentheses looks the
    method up and never calls it."""

    def __get__(self, obj, objtype=None):
        if obj is None:
            return torch.nn.Module.eval
        obj.__dict__["eval_lookups"] = obj.__dict__.get("eval_lookups", 0) + 1

        def eval():  # noqa: A001 (the method it stands for)
            obj.__dict__["eval_calls"] = obj.__dict__.get("eval_calls", 0) + 1
            return torch.nn.Module.eval(obj)
        return eval


class VoteModel(torch.nn.Module):
    """A fake classifier: at every position the token id votes for class ``id % num_classes``,
    with a strength that grows with the id, so classes are never tied. Every logit is negative
    (the votes plus ``offset``, -3), so a threshold on one logit ("spam if logit > 0") cannot
    pass; with ``offset=-0.5`` the winning logit is positive, which tells such a threshold from a
    test for class 1 that never holds.

    Output ``(batch, num_tokens, num_classes)``. It has dropout, so train mode changes its
    answers, and it records each call (the ids, train mode, gradients on, moved or not) in
    ``self.calls``. On the ``meta`` device, which holds no values, it answers as if every token
    were ``meta_id`` (a stand-in device for the device check).
    """

    eval = _CountedEval()

    def __init__(self, num_classes=2, context_length=32, meta_id=1, offset=-3.0, strength=1.0):
        super().__init__()
        self.num_classes, self.meta_id, self.offset = num_classes, meta_id, offset
        self.strength = strength  # 0.1: a near tie, the winning class's probability about 0.55
        self.pos_emb = torch.nn.Embedding(context_length, 4)  # only its shape is read
        self.tok_emb = torch.nn.Embedding(300, 4)  # a vocabulary of 300, as in a GPTModel
        self.drop = torch.nn.Dropout(0.5)  # outside trf_blocks, as a GPTModel's drop_emb
        self.trf_blocks = torch.nn.Sequential()  # a GPTModel's name; empty, changes nothing
        self.calls = []

    def forward(self, in_idx):
        moved = not isinstance(in_idx, _Unmoved)
        ids = in_idx.as_subclass(torch.Tensor).long()  # int32 ids work with nn.Embedding too
        device = ids.device
        if device.type == "meta":
            ids = torch.full(ids.shape, self.meta_id)
        self.calls.append({"ids": ids.detach().clone(), "training": self.training,
                           "drop_training": self.drop.training,
                           "eval_parts": [name for name, module in self.named_modules()
                                          if name and not module.training],
                           "dtype": in_idx.dtype,
                           "grad": torch.is_grad_enabled(), "moved": moved, "device": device})
        votes = torch.nn.functional.one_hot(ids % self.num_classes, self.num_classes).float()
        return self.drop(votes * self.strength * (1.0 + ids.unsqueeze(-1).float() / 100.0)) \
            + self.offset


class _ArgmaxSpy(torch.Tensor):
    """Logits that record the ``dim`` of every argmax (in ``dims``) and softmax (in
    ``softmax_dims``) taken of them or of their slices."""

    dims = []
    softmax_dims = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        softmax = func in (torch.softmax, torch.Tensor.softmax, torch.nn.functional.softmax)
        if func in (torch.argmax, torch.Tensor.argmax) or softmax:
            dim = kwargs.get("dim", args[1] if len(args) > 1 else None)
            record = _ArgmaxSpy.softmax_dims if softmax else _ArgmaxSpy.dims
            record.append(None if not isinstance(dim, int) else dim % max(args[0].dim(), 1))
        return super().__torch_function__(func, types, args, kwargs)


class _SpyVoteModel(VoteModel):
    def forward(self, in_idx):
        return super().forward(in_idx).as_subclass(_ArgmaxSpy)


def _argmax_over_batch(impl, text, context_length, tok, kwargs):
    """Whether the answer takes the argmax over dim 0 (the batch of one message)."""
    _ArgmaxSpy.dims, _ArgmaxSpy.softmax_dims = [], []
    try:
        impl(text, _SpyVoteModel(2, context_length), tok, "cpu", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return 0 in _ArgmaxSpy.dims


def _softmax_over_batch(impl, text, context_length, tok, kwargs):
    """Whether the answer takes a softmax over dim 0 (the batch of one message)."""
    _ArgmaxSpy.dims, _ArgmaxSpy.softmax_dims = [], []
    try:
        impl(text, _SpyVoteModel(2, context_length), tok, "cpu", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return 0 in _ArgmaxSpy.softmax_dims


def _rng_untouched(before, what):
    """Fail when torch's global generator changed during a call that needs no randomness."""
    after = torch.get_rng_state()
    if torch.equal(before, after):
        return
    seeds = [s for s in (0, 1, 42, 123, 1234) if torch.equal(
        torch.random.default_generator.manual_seed(s).get_state(), after)]
    torch.set_rng_state(after)
    how = (f"your code reseeds it (torch.manual_seed({seeds[0]}))" if seeds else
           "your code reseeds it or draws random numbers from it")
    raise CheckFailure(f"{what}: the answer is right, but torch's global random generator "
                       f"changed during the call: {how}. Evaluating needs no randomness, and a "
                       "reseed here would give the caller's training the same random numbers "
                       "after every evaluation: leave the generator alone")


def _left_in_train_mode(model, arrive_eval, what):
    if arrive_eval and model.training:
        raise CheckFailure(f"{what}: the model arrived in eval mode and left in training mode: "
                           "do not call model.train() at the end (the caller decides when to "
                           "train again)")


def _mode_problems(model, what):
    _dtype_kept(model, what)
    floats = sorted({str(call["dtype"]) for call in model.calls
                     if call.get("dtype") is not None and call["dtype"].is_floating_point})
    if floats:
        raise CheckFailure(f"{what}: the model received token ids as {', '.join(floats)}; a "
                           "GPT's nn.Embedding needs integer ids (it raises on floats): build "
                           "the input with torch.tensor(ids) (int64 by default) or "
                           "dtype=torch.long")
    modes = [call["training"] for call in model.calls]
    if any(modes) and not all(modes) and modes.index(False) == modes.count(True):
        first = ("the first forward pass" if modes.count(True) == 1 else
                 f"the first {modes.count(True)} forward passes")
        raise CheckFailure(f"{what}: {first} ran in "
                           "training mode (dropout active) and the later ones in eval mode: "
                           "model.eval() comes after the model's first use; call it once, "
                           "before the loop")
    if not any(modes) and any(call.get("drop_training") for call in model.calls):
        raise CheckFailure(f"{what}: model.training was False, yet the model's dropout submodule "
                           "was still in training mode when it classified: model.training = "
                           "False sets that one attribute of the top module only; call "
                           "model.eval() (or model.train(False)), which sets every submodule")
    parts = sorted({name for call in model.calls if call["training"]
                    for name in call.get("eval_parts", ())})
    if any(modes) and parts and not any(call.get("drop_training") for call in model.calls):
        raise CheckFailure(f"{what}: only the submodule {', '.join(parts)} (the dropout) was "
                           "switched to eval mode, and the model itself stayed in training "
                           "mode (model.training was True when it classified): switching the "
                           "Dropout modules one by one (a loop over model.modules()) is not "
                           "eval mode, and any other layer that behaves differently in training "
                           "is missed; call model.eval() on the whole model, which sets every "
                           "submodule and model.training")
    if any(modes) and parts:
        raise CheckFailure(f"{what}: the model was in training mode when it classified: only "
                           f"its submodule {', '.join(parts)} was switched to eval mode "
                           "(model.trf_blocks.eval()), so the dropout outside it (a GPTModel's "
                           "drop_emb, after the embeddings) stayed active; call model.eval() on "
                           "the whole model, which sets every submodule")
    if any(modes) and model.__dict__.get("eval_lookups", 0) > model.__dict__.get("eval_calls", 0):
        raise CheckFailure(f"{what}: the model was in training mode when it classified, though "
                           "your code names model.eval: written without parentheses, model.eval "
                           "only looks the method up and never calls it (a statement that does "
                           "nothing), so dropout stayed active; write model.eval()")
    if any(modes):
        raise CheckFailure(f"{what}: the model was in training mode when it classified, so its "
                           "dropout was active; call model.eval() first")
    frozen = [n for n, p in model.named_parameters() if not p.requires_grad]
    if frozen:
        ran = (" and the forward pass still ran with gradients enabled" if any(
            call["grad"] for call in model.calls) else "")
        raise CheckFailure(f"{what}: after your call the model's parameters {frozen} have "
                           f"requires_grad=False{ran}: your code froze the caller's model "
                           "(model.requires_grad_(False) or p.requires_grad = False), so "
                           "training it afterwards changes nothing; leave requires_grad alone "
                           "and run the forward pass inside `with torch.no_grad():`")
    if any(call["grad"] for call in model.calls):
        raise CheckFailure(f"{what}: the model ran with gradients enabled; wrap the forward pass "
                           "in torch.no_grad() (nothing is trained here)")


# --- ex6_6: the accuracy loader -------------------------------------------------------------------


class _Loader:
    """A stand-in for a DataLoader: iterable, ``len`` = number of batches, and a ``dataset``
    (the examples) and ``batch_size`` as a real loader has."""

    def __init__(self, batches, dataset, batch_size):
        self.batches, self.dataset, self.batch_size = batches, dataset, batch_size
        self.sampler = range(len(dataset))  # a real loader's sequential sampler has this length

    def __iter__(self):
        return iter(self.batches)

    def __len__(self):
        return len(self.batches)


_NUMPY_BFLOAT16 = ("The logits are bfloat16 here (a model cast to bfloat16, usual on a GPU) and "
                   "numpy has no bfloat16, so .numpy() fails (and for logits on a GPU it needs "
                   ".cpu() first): take the argmax in torch, torch.argmax(logits, dim=-1)")


_LAST_MESSAGE_READ = ("you read model(input_batch)[-1], the LAST MESSAGE's logits at every "
                      "position (num_tokens, num_classes), and compared its per-token classes "
                      "with the batch's labels: index the positions, not the batch, "
                      "model(input_batch)[:, -1, :]")


def _accuracy_case(impl, num_classes, num_tokens, batch_size, n, num_batches, seed,
                   skewed=False, arrive_eval=False, drop_last=False, padded=False,
                   model_cls=None, sizes=None):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randint(1, 90, (n, num_tokens), generator=gen)
    if skewed:  # every message votes for class 0, so a softmax over the batch changes answers
        x = x - x % num_classes + num_classes
    y = torch.randint(0, num_classes, (n,), generator=gen)
    if padded:  # messages of 1..num_tokens real ids, then PAD (its vote: class PAD % classes)
        real = torch.randint(1, num_tokens + 1, (n,), generator=gen)
        x[torch.arange(num_tokens) >= real.unsqueeze(1)] = PAD
    end = n - n % batch_size if drop_last else n  # drop_last: no last, partial batch
    batches = [(x[i:i + batch_size], y[i:i + batch_size]) for i in range(0, end, batch_size)]
    if sizes:  # batches of the sizes given (a bucketing sampler: a short batch in the middle)
        starts = np.cumsum([0, *sizes])
        batches = [(x[a:b], y[a:b]) for a, b in zip(starts[:-1], starts[1:])]
    loader = [(_unmoved(a), _unmoved(b, watch=True)) for a, b in batches]
    data_loader = _Loader(loader, list(zip(x, y)), batch_size)
    model = (model_cls or VoteModel)(num_classes).train(not arrive_eval)
    kwargs = {} if num_batches is None else {"num_batches": num_batches}
    what = (f"{len(batches)} batches of up to {batch_size}, {num_classes} classes, "
            f"{num_tokens} tokens, {kwargs or 'all batches'}")
    try:
        torch.manual_seed(seed + 500)  # the caller's generator: a correct answer leaves it alone
        rng_before = torch.get_rng_state()
        got = impl(data_loader, model, STAND_IN_DEVICE, **kwargs)
    except StopIteration as err:
        raise CheckFailure(f"{what}: your code raised StopIteration: num_batches is more than "
                           f"the loader's {len(batches)} batches and next() ran past its end; "
                           "read min(num_batches, len(data_loader)) batches") from err
    except TypeError as err:
        if "BFloat16" in str(err):
            raise CheckFailure(f"{what}: your code raised TypeError: {err}. "
                               f"{_NUMPY_BFLOAT16}") from err
        if num_batches is not None or "NoneType" not in str(err):
            raise
        raise CheckFailure(f"{what}: your code raised TypeError: {err}. Without num_batches "
                           "(None, the default) every batch is read: there is no number to "
                           "compare i with, so set num_batches = len(data_loader) when it is "
                           "None") from err
    except IndexError as err:
        if "tuple index out of range" in str(err):
            raise CheckFailure(f"{what}: your code raised IndexError: {err}. A prediction has "
                               "no batch dimension: torch.argmax(logits) without dim gives one "
                               "index for the whole batch; use dim=-1, the classes") from err
        if "too many indices for tensor of dimension 1" in str(err):
            raise CheckFailure(f"{what}: your code raised IndexError: {err}. A 1-D tensor was "
                               "indexed like a sequence ([:, -1] or [:, -1, :]): the labels, "
                               "target_batch, have shape (batch,), one class per message (not "
                               "one target per token as in chapter 5), and so do the argmax "
                               "predictions; only the model's output (batch, num_tokens, "
                               "num_classes) has positions: compare the predictions with "
                               "target_batch as it is") from err
        if "out of range" in str(err) and n % batch_size == 1 and not drop_last:
            try:  # the same messages without the last one: no batch of one
                _accuracy_case(impl, num_classes, num_tokens, batch_size, n - 1, num_batches,
                               seed, skewed, arrive_eval, drop_last, padded, model_cls)
            except Exception:  # noqa: BLE001 (not the batch of one: the crash stands)
                raise err from None
            raise CheckFailure(f"{what}: your code raised IndexError: {err}. The last batch "
                               "holds ONE message, and without it your code runs: a .squeeze() "
                               "(or an index such as [0]) dropped that batch's size-1 batch "
                               "dimension; squeeze nothing, or name the dim, and take the argmax "
                               "with dim=-1") from err
        raise
    except RuntimeError as err:
        if "Class values must be smaller than num_classes" in str(err):
            short = next((f"; batch {k}'s labels are {b.tolist()}, without class "
                          f"{num_classes - 1}" for k, (_, b) in enumerate(batches)
                          if int(b.max()) < num_classes - 1), "")
            raise CheckFailure(f"{what}: your code raised RuntimeError: "
                               f"{str(err).rstrip('.')}. F.one_hot met a class index at or "
                               "past its num_classes: a width taken from the labels "
                               "(one_hot(target_batch) is max label + 1 wide, narrower when a "
                               f"batch lacks the top class{short}) is too small for the "
                               "predictions; one-hot rows are not needed: count "
                               "(torch.argmax(logits, dim=-1) == target_batch).sum()") from err
        if "stack expects each tensor to be equal size" in str(err) and len(
                {len(b) for _, b in batches}) > 1:
            raise CheckFailure(f"{what}: your code raised RuntimeError: {err}. The batches "
                               f"here hold {[len(b) for _, b in batches]} examples (a loader's "
                               "last batch is usually shorter), so per-batch predictions or "
                               "targets cannot be stacked into one tensor: join them with "
                               "torch.cat, or count the matches batch by batch, "
                               "(predicted == target_batch).sum().item()") from err
        sizes = [int(m) for m in re.findall(r"size of tensor [ab] \((\d+)\)", str(err))]
        if num_tokens in sizes and num_tokens not in (batch_size, num_classes) and not any(
                len(b) == num_tokens for _, b in batches):
            raise CheckFailure(f"{what}: your code raised RuntimeError: {err}. The predictions "
                               f"have {num_tokens} entries, one per TOKEN: model(input_batch)"
                               "[-1] (or [0]) indexes the batch and gives one message's "
                               "(num_tokens, num_classes) logits; the last token of every "
                               "message is model(input_batch)[:, -1, :]") from err
        if "size of tensor" in str(err):
            raise CheckFailure(f"{what}: your code raised RuntimeError: {err}. The predictions "
                               "do not have one entry per example: take the argmax over the "
                               "classes (dim=-1) of the (batch, num_classes) logits") from err
        raise
    if torch.is_tensor(got):
        raise CheckFailure(f"{what}: calc_accuracy_loader returned a tensor ({got!r}); return "
                           "a Python float: count with (predicted == target).sum().item()")
    returned_int = isinstance(got, int) and not isinstance(got, bool)
    got = _as_number(got, "calc_accuracy_loader")
    _mode_problems(model, what)
    _left_in_train_mode(model, arrive_eval, what)
    widths = sorted({tuple(call["ids"].shape)[1:] for call in model.calls})
    if widths and widths != [(num_tokens,)]:
        raise CheckFailure(f"{what}: the model received inputs of shape (batch, "
                           f"{', '.join(str(w[0]) if w else '?' for w in widths)}), expected "
                           f"(batch, {num_tokens}): give it the whole messages, "
                           "model(input_batch), and take the last position's logits from its "
                           "output ([:, -1, :]); a GPT's last position reads every token "
                           "before it")
    used = batches if num_batches is None else batches[:num_batches]
    if batch_size > 1 and model.calls and all(call["ids"].shape[0] == 1 for call in model.calls) \
            and not any(a._moves or b._moves for a, b in loader):
        raise CheckFailure(f"{what}: the model was called {len(model.calls)} times on ONE "
                           "message each (input shape (1, ...)) and no batch of the loader was "
                           "read: you looped over data_loader.dataset, one example at a time, "
                           "so num_batches would count examples, not batches: iterate over the "
                           "loader itself, for input_batch, target_batch in data_loader")
    first_reads = len(loader[0][0]._moves)
    if len(used) > 1 and first_reads > 1 and not loader[1][0]._moves:
        raise CheckFailure(f"{what}: the first batch was moved {first_reads} times and batch 1 "
                           "never: next(iter(data_loader)) inside the loop starts a new pass "
                           "each time, so you read the first batch again and again; iterate "
                           "over the loader once (for i, (input_batch, target_batch) in "
                           "enumerate(data_loader))")
    read = [bool(a._moves) for a, _ in loader]
    stop = read.index(False) if False in read else len(read)
    skip = len(loader) - len(used)
    if kwargs and len(used) and skip > 0 and read == [False] * skip + [True] * len(used):
        raise CheckFailure(f"{what}: batches {skip}-{len(loader) - 1} (the LAST {len(used)}) "
                           f"were read and batches 0-{skip - 1} never: num_batches means the "
                           "FIRST num_batches batches (stop when the batch index i reaches "
                           "it), not the last ones (batches[-num_batches:])")
    if stop == 1 and len(used) > 1 and not any(read[1:]) and _first_batch_only(impl):
        raise CheckFailure(f"{what}: batch 0 was read and batches 1-{len(used) - 1} never, "
                           "and a loader of 5 batches of one message each was read only to "
                           "its first batch too: a return (or break) inside the for loop ends "
                           "it after one batch; put return correct / seen after the loop, at "
                           "the function's indentation")
    if 0 < stop < len(used) - 1 and not any(read[stop:]) and _stops_at_examples(impl):
        done = "batch 0 was" if stop == 1 else f"batches 0-{stop - 1} were"
        raise CheckFailure(f"{what}: {done} read and batches {stop}-{len(used) - 1} never: "
                           "your loop stops once num_batches "
                           "EXAMPLES are seen (a probe with 4 batches of 3 messages and "
                           "num_batches=3 read 1 batch, not 3; with num_batches=None the "
                           "loader's length is the limit): num_batches counts batches; stop "
                           "when the batch index i reaches it")
    if len(used) > 1 and read[:len(used) - 1] == [True] * (len(used) - 1) \
            and not any(read[len(used) - 1:]):
        if kwargs and _stops_at_examples(impl):
            raise CheckFailure(f"{what}: batches 0-{len(used) - 2} were read and batch "
                               f"{len(used) - 1} never: your loop stops once num_batches "
                               "EXAMPLES are seen (a probe with 4 batches of 3 messages and "
                               "num_batches=3 read 1 batch, not 3): num_batches counts "
                               "batches; stop when the batch index i reaches it")
        if not kwargs and _skips_short_batches(impl):
            raise CheckFailure(
                f"{what}: batches 0-{len(used) - 2} reached the model and batch "
                f"{len(used) - 1} (the last, partial one: {len(used[-1][1])} of {batch_size} "
                "examples) never; a loader whose SHORT batch comes first had that batch "
                "skipped and the full ones after it read: your loop skips every batch smaller "
                "than data_loader.batch_size (a `continue` on len(target_batch) < batch_size): "
                "a smaller batch is as real as the others; count every batch the loader "
                "yields")
        if not kwargs and _floors_batch_count(impl):
            raise CheckFailure(
                f"{what}: batches 0-{len(used) - 2} were read and batch {len(used) - 1} (the "
                f"last, partial one: {len(used[-1][1])} of {batch_size} examples) never, while "
                "a loader of 2 full batches of 3 was read whole: you counted the batches as "
                "len(data_loader.dataset) // batch_size, which rounds the partial batch away; "
                "the loader yields it (unless made with drop_last=True): use len(data_loader), "
                "or just loop over the loader")
        raise CheckFailure(f"{what}: batches 0-{len(used) - 2} were read and batch "
                           f"{len(used) - 1} never: you read one batch fewer than "
                           f"{'num_batches' if kwargs else 'the loader holds'} (an off-by-one: "
                           "enumerate(..., start=1) or a break one step early)")
    skipped = [k for k, (a, b) in enumerate(loader[:len(used)]) if not a._moves and not b._moves]
    if not kwargs and len(skipped) > 1 and skipped == list(range(skipped[0], len(used))) \
            and len(model.calls) == skipped[0]:
        raise CheckFailure(f"{what}: only the first {skipped[0]} of the {len(used)} batches "
                           f"were read (batches {skipped[0]}-{len(used) - 1} never reached the "
                           "model), though num_batches is None: a default number of batches "
                           f"(num_batches = num_batches or {skipped[0]}, as an eval_iter) or "
                           "a loop that stops early; None means every batch, "
                           "len(data_loader)")
    if skipped and len(skipped) < len(used) and all(call["moved"] for call in model.calls):
        raise CheckFailure(f"{what}: batch {skipped[0]} was never read (nothing of it moved or "
                           f"given to the model) while the other batches of the first "
                           f"{len(used)} were: read every batch from the first one (an "
                           "'if i == 0: continue' or a loop that starts at 1 skips it)")
    for k, (spy_a, spy_b) in enumerate(loader[:len(used)]):
        for name, spy in (("input", spy_a), ("target", spy_b)):
            if not any(d is not None and torch.device(d) == STAND_IN_DEVICE
                       for d in spy._moves):
                raise CheckFailure(f"{what}: batch {k}'s {name} tensor was not moved to the "
                                   f"device given ({STAND_IN_DEVICE}, a stand-in the check "
                                   f"uses; .to calls seen: {spy._moves}): call "
                                   f"{name}_batch.to(device) with the device argument")

    if any(not call["moved"] for call in model.calls):
        raise CheckFailure(f"{what}: .to(device) was called, but the model received the "
                           "unmoved batch: .to returns a new tensor and leaves the old one "
                           "where it was; assign it (input_batch = input_batch.to(device))")
    if any(spy._record["compared"] for _, spy in loader[:len(used)]):
        raise CheckFailure(f"{what}: target_batch.to(device) was called, but the predictions "
                           "were compared with the unmoved targets (on a GPU that comparison "
                           "fails, the two tensors are on different devices): .to returns a "
                           "new tensor; assign it (target_batch = target_batch.to(device))")

    def correct(part, pos=-1):
        return [int(((a[:, pos] % num_classes) == b).sum()) for a, b in part]
    right = correct(used)
    expected = sum(right) / sum(len(b) for _, b in used)
    if abs(got - expected) <= 1e-6:  # float32 per-batch counts round at about 1e-7
        _rng_untouched(rng_before, what)
        return
    def votes(a):  # the fake model's last-token logits in eval mode
        ids = a[:, -1]
        one_hot = torch.nn.functional.one_hot(ids % num_classes, num_classes).float()
        return one_hot * (1.0 + ids.unsqueeze(-1).float() / 100.0) - 3.0
    total = sum(len(b) for _, b in used)

    def full_votes(a):  # the logits of every position, eval mode
        one_hot = torch.nn.functional.one_hot(a % num_classes, num_classes).float()
        return one_hot * (1.0 + a.unsqueeze(-1).float() / 100.0) - 3.0

    def last_real(a):  # the class voted by each message's last id that is not PAD
        at = ((a != PAD).sum(dim=1) - 1).clamp(min=0)
        return a[torch.arange(len(a)), at] % num_classes

    def mean_votes(a):  # the logits averaged over every position, eval mode
        one_hot = torch.nn.functional.one_hot(a % num_classes, num_classes).float()
        return (one_hot * (1.0 + a.unsqueeze(-1).float() / 100.0) - 3.0).mean(dim=1)
    causes = {
        "a threshold on one logit (sigmoid > 0.5 or logit > 0) instead of the argmax over the "
        "classes: this model's logits are all negative, so the threshold never fires":
        sum(int((b == 0).sum()) for _, b in used) / total,
        "you averaged the logits over all positions; classify from the last token only "
        "([:, -1, :])":
        sum(int((mean_votes(a).argmax(dim=-1) == b).sum()) for a, b in used) / total,
        "you counted every TOKEN as an example (input_batch.numel() is batch x num_tokens): "
        "add up the batch sizes, input_batch.shape[0]": sum(right) / (total * num_tokens),
        _NEXT_BATCH_COUNTED: sum(right) / sum(len(b) for _, b in batches[:len(used) + 1])
        if len(used) < len(batches) else -1.0,
        "you counted the sequence length (input_batch.shape[1]) as the number of examples: "
        "add up the batch sizes (shape[0])": sum(right) / (len(used) * num_tokens),
        "the predictions and targets were compared with different shapes, which broadcasts to "
        "a (batch, batch) table: compare two (batch,) tensors":
        sum(int((votes(a).argmax(dim=-1).view(1, -1) == b.view(-1, 1)).sum()) for a, b in used)
        / total,
        "you compared the predictions with target_batch.argmax(), the POSITION of the "
        "largest label; the labels are already class indices: compare with target_batch":
        sum(int((votes(a).argmax(dim=-1) == b.argmax()).sum()) for a, b in used) / total
        if _compares_target_argmax(impl) else -1.0,
        ("you divided by every example the loader's DATASET holds (len(data_loader.dataset), "
         f"or len(data_loader.sampler)), {n}, though {total} were read: this loader was made "
         f"with drop_last=True, so its last, partial batch of {n - end} examples never comes "
         "out; divide by the examples you counted" if drop_last and num_batches is None else
         "you divided by every example the loader holds (len(data_loader.dataset), or "
         "len(data_loader.sampler)), though only num_batches batches were read: divide by the "
         "examples you counted"): sum(right) / n,
        "you read each message's last REAL token (the position before its padding, id "
        f"{PAD}); the classifier reads the last position, [:, -1, :], padding or not (it was "
        "finetuned on that position)": sum(int((last_real(a) == b).sum()) for a, b in used)
        / total if padded else -1.0,
        "you took the argmax over the tokens (dim=1) of the 3-D logits (or of [:, :, -1], the "
        "last CLASS at every position): slice the last token first ([:, -1, :]), then take "
        "the argmax over the classes (dim=-1)":
        sum(int((full_votes(a).argmax(dim=1)[:, -1] == b).sum()) for a, b in used) / total,
        "a percentage: return a fraction between 0 and 1 (do not multiply by 100)":
        100 * expected,
        "you counted every batch as the first batch's size (or as data_loader.batch_size); "
        "the last batch is smaller: add up the size of each batch": sum(right) / (
            len(used) * len(used[0][1])),
        "you took a softmax over dim 0 (the batch) before the argmax: the classes are dim -1 "
        "(and argmax needs no softmax)":
        sum(int((votes(a).softmax(dim=0).argmax(dim=-1) == b).sum()) for a, b in used)
        / sum(len(b) for _, b in used),
        "you took a softmax over dim 1 (the positions) of the 3-D logits before picking the "
        "last token: that rescales each class across the positions; take the argmax over the "
        "classes (dim=-1) of model(input_batch)[:, -1, :] (no softmax needed)":
        sum(int((full_votes(a).softmax(dim=1)[:, -1].argmax(dim=-1) == b).sum())
            for a, b in used) / total,
        "you returned the NUMBER of correct predictions: divide it by the number of examples "
        "read": float(sum(right)),
        "that is 1 - the accuracy, the ERROR rate: you counted the WRONG predictions "
        "(predicted != target_batch, or ne); count the matches, predicted == target_batch":
        1 - expected if _counts_errors(impl) else -1.0,
        **{f"you rounded the accuracy to {d} decimals (round(..., {d})): return the exact "
           "fraction and round only when printing it": round(expected, d) for d in (4, 3, 2, 1)},
        "you classified from the FIRST token; the last token is the only one that has seen the "
        "whole message: use [:, -1, :]":
        sum(correct(used, 0)) / sum(len(b) for _, b in used),
        _LAST_MESSAGE_READ: sum(int((full_votes(a)[-1].argmax(dim=-1)[:len(b)] == b).sum())
                                for a, b in used) / total
        if all(num_tokens >= len(b) for _, b in used) else -1.0,
        f"you divided by an ESTIMATE of the examples read, len(data_loader.dataset) x "
        f"num_batches / len(data_loader) ({n} x {len(used)} / {len(batches)} = "
        f"{n * len(used) / len(batches):.4g}: the average batch size times the batches), not "
        f"by the {total} examples read: batches differ in size; add up each batch's size, "
        "target_batch.shape[0]": sum(right) / (n * len(used) / len(batches))
        if kwargs and len(used) < len(batches) and _estimates_examples(impl) else -1.0,
        "you divided by the number of batches; divide by the number of examples seen":
        sum(right) / len(used),
        "you averaged the batches' accuracies; batches differ in size, so count the correct "
        "examples and divide by all examples seen":
        sum(r / len(b) for r, (_, b) in zip(right, used)) / len(used),
        "you returned the BALANCED accuracy, the mean over the classes of each class's share "
        "of right predictions (per-class recall, as sklearn's balanced_accuracy_score): the "
        "accuracy is the correct examples over ALL examples read, whatever their class":
        _balanced_accuracy(torch.cat([votes(a).argmax(dim=-1) for a, _ in used]),
                           torch.cat([b for _, b in used])),
        "you read the whole loader; stop after num_batches batches":
        sum(correct(batches)) / n,
        "you read one batch more than num_batches":
        sum(correct(batches[:len(used) + 1])) / sum(len(b) for _, b in batches[:len(used) + 1]),
        "you read one batch fewer than num_batches":
        sum(correct(used[:-1])) / max(1, sum(len(b) for _, b in used[:-1])),
    }
    if returned_int:
        causes = {"integer division (correct // seen) floors the fraction: divide with /":
                  float(sum(right) // total), **causes}
    rules = {
        "you averaged the logits over all positions": lambda a: mean_votes(a).argmax(dim=-1),
        "you classified from the FIRST token": lambda a: full_votes(a)[:, 0].argmax(dim=-1),
        _LAST_MESSAGE_READ: lambda a: full_votes(a)[-1].argmax(dim=-1)[:len(a)],
        "you read each message's last REAL token": last_real,
        "you took the argmax over the tokens (dim=1)":
        lambda a: full_votes(a).argmax(dim=1)[:, -1],
        "you took a softmax over dim 0": lambda a: votes(a).softmax(dim=0).argmax(dim=-1),
        "you took a softmax over dim 1":
        lambda a: full_votes(a).softmax(dim=1)[:, -1].argmax(dim=-1),
    }
    seen_preds = [o.as_subclass(torch.Tensor).flatten().long() for _, spy in loader[:len(used)]
                  for o, t in spy._record["compared_with"]
                  if o.dim() == 1 and o.shape == t.shape and not o.is_floating_point()]
    recorded = bool(seen_preds) and sum(len(p) for p in seen_preds) == total

    batch_preds = [[o.as_subclass(torch.Tensor).flatten().long()
                  for o, t in spy._record["compared_with"]
                  if o.dim() == 1 and o.shape == t.shape and not o.is_floating_point()]
                 for _, spy in loader[:len(used)]]

    def fits(cause):
        """A hint chosen by the accuracy alone may be a coincidence: where the answer's compared
        predictions were recorded (for every batch, or else for the batches compared once),
        the mistake's replay must give those same predictions (a counting or division mistake
        leaves them right)."""
        if cause.startswith("a threshold on one logit"):
            return True
        replay = next((r for key, r in rules.items() if cause.startswith(key)),
                      lambda a: votes(a).argmax(dim=-1))
        if not recorded:
            return all(torch.equal(p[0], replay(a)) for p, (a, _) in zip(batch_preds, used)
                       if len(p) == 1 and len(p[0]) == len(a))
        return torch.equal(torch.cat(seen_preds), torch.cat([replay(a) for a, _ in used]))
    hint = next((cause for cause, value in causes.items()
                 if abs(value - expected) > 1e-6 and abs(got - value) < 1e-6 and fits(cause)),
                None)
    if hint is not None and hint.startswith(("you counted the sequence length",
                                             _NEXT_BATCH_COUNTED)):
        # both can give the same number (here num_batches x num_tokens equals the examples of
        # one batch more): a probe where they differ decides
        hint = _next_batch_or_length(impl) or hint
    if hint is not None and hint.startswith("you took the argmax over the tokens (dim=1)") \
            and _thresholds_class_1(impl):
        hint = _CLASS_1_THRESHOLD
    compared = [o.as_subclass(torch.Tensor).flatten().long() for _, spy in loader[:len(used)]
                for o, t in spy._record["compared_with"]
                if o.dim() == 1 and o.shape == t.shape and not o.is_floating_point()]
    if num_classes > 2 and compared and hint != _CLASS_1_THRESHOLD:
        classes = set(torch.cat(compared).tolist())
        wanted = torch.cat([votes(a).argmax(dim=-1) for a, _ in used])
        mine = torch.cat(compared)
        if mine.shape == wanted.shape and bool((wanted >= 1).any()) and torch.equal(
                mine[wanted >= 1], wanted[wanted >= 1] - 1):
            hint = (f"every message whose expected class is 1 or more (here "
                    f"{int((wanted >= 1).sum())} of {len(wanted)}) was predicted one class "
                    "lower (class c as c - 1): the argmax was taken over the classes from 1 "
                    "on (logits[:, 1:]), so its index is shifted by one; take "
                    "torch.argmax(logits, dim=-1) over every class")
        elif classes == {0, 1} and int((wanted >= 2).sum()) > 0:
            hint = (f"your predictions hold only classes 0 and 1, though this model has "
                    f"{num_classes} classes and the argmax over them picks class 2 or more for "
                    f"{int((wanted >= 2).sum())} of the {len(wanted)} messages: a shortcut that "
                    "fits two classes only (a probability threshold softmax(...)[:, 1] > 0.5, "
                    "logits[:, 1] > logits[:, 0], or a clamp); take torch.argmax(logits, "
                    "dim=-1) over every class")
    if hint is None and num_classes > 2 and abs(got - sum(
            int(((votes(a).softmax(dim=-1)[:, 1] > 0.5).long() == b).sum()) for a, b in used)
            / total) < 1e-6:
        hint = _CLASS_1_THRESHOLD
    if abs(got - right[-1] / len(used[-1][1])) < 1e-6 and _last_batch_only(impl):
        hint = ("that is the LAST batch's accuracy alone: the counts are reset inside the loop "
                "(correct, seen = 0, 0 in the for body) or overwritten (= instead of +=); set "
                "them to 0 once, before the loop, and add every batch to them")
    pairs = [pair for _, spy in loader[:len(used)] for pair in spy._record["compared_with"]]
    more = len(used) + 1
    if hint is not None and hint.startswith("you read the whole loader") and \
            more < len(loader) and read == [True] * more + [False] * (len(loader) - more) \
            and abs(got - sum(correct(batches[:more])) / n) < 1e-6:
        # the spy saw one batch more read, not all: the divisor alone is the whole loader's
        hint = (f"you read one batch more than num_batches ({more} batches, not "
                f"{len(used)}) and divided by every example the loader holds "
                "(len(data_loader.dataset)), not by the examples read: stop when the batch "
                "index i reaches num_batches, and divide by the examples you counted")
    flat = sum(int((votes(a).argmax() == b).sum()) for a, b in used) / total
    if abs(got - flat) < 1e-6 and abs(flat - expected) > 1e-6 and all(
            o.dim() == 0 for o, _ in pairs):
        # one index per batch: argmax over the flattened (batch, num_classes) logits
        hint = ("the prediction compared with target_batch was ONE number per batch, not one "
                "per message: torch.argmax(logits) without dim flattens the (batch, "
                "num_classes) logits and returns a single index into them (0 to batch x "
                "num_classes - 1); take torch.argmax(logits, dim=-1), one class per message")
    if hint is not None and hint.startswith("the predictions and targets were compared with "
                                            "different shapes") and any(
            o.dim() == 2 and o.shape[1] == 1 and t.dim() == 1 for o, t in pairs):
        hint = ("the predictions have shape (batch, 1) and the targets (batch,), so comparing "
                "them broadcasts to a (batch, batch) table: argmax(..., keepdim=True) (or "
                "logits kept as [:, -1:, :]) leaves the extra dimension; take "
                "torch.argmax(logits, dim=-1) of the (batch, num_classes) logits")
    elif hint is not None and hint.startswith("the predictions and targets were compared with "
                                              "different shapes") and not pairs:
        hint = ("the targets were reshaped into a column before the comparison "
                "(target_batch.view(-1, 1) or .unsqueeze(1), shape (batch, 1)), so comparing "
                "them with the (batch,) predictions broadcasts to a (batch, batch) table: "
                "compare predicted == target_batch, both (batch,)")
    if hint is not None and hint.startswith("you counted every batch as the first batch's "
                                            "size") and _divides_by_requested(impl):
        hint = ("you divided by num_batches x batch_size, a count of examples you did not read: "
                "the last batch is smaller, and num_batches may be more than the loader holds "
                "(2 full batches of 2, all right, with num_batches=5 gave 0.4, not 1.0); add up "
                "the size of each batch read")
    if hint is not None and hint.startswith("you returned the NUMBER of correct") and \
            abs((_score_3_3_2(impl) or 0) - 4.0) < 1e-6:
        hint = (f"you divided by the LAST batch's size alone ({len(used[-1][1])} here): the "
                "count of examples is overwritten (seen = len(target_batch)) instead of added "
                "(seen += ...); batches of 3, 3 and 2 messages, all right, gave 8 / 2 = 4.0, "
                "not 1.0: add every batch's size to seen")
    if hint is not None and hint.startswith("you divided by the number of batches") and \
            abs((_score_3_3_2(impl) or 0) - 8 / 6) < 1e-6:
        hint = ("you counted every batch as the LAST batch's size (seen = (i + 1) * "
                "len(target_batch), or a size kept from the last batch): 3 batches of 3, 3 "
                "and 2 messages, all right, gave 8 / 6, not 1.0; add up the size of each batch")
    per_batch = (_score_mixed_batches(impl) if hint is not None and hint.startswith(
        "you divided by the number of batches") else None)
    if per_batch is not None and abs(per_batch - 1.0) < 1e-6:
        hint = ("each batch was counted as ONE example, right when ANY of its predictions is "
                "right (.any() on the batch's matches), and divided by the number of batches "
                "(a probe of 3 batches, 3 right of 3, 1 of 2 and 3 of 3, gave 3 / 3 = 1.0, "
                "not 7 / 8): add up the matches, (predicted == target_batch).sum(), and "
                "divide by the examples read")
    elif per_batch is not None and abs(per_batch - 2 / 3) < 1e-6:
        hint = ("each batch was counted as ONE example, right only when ALL its predictions "
                "are right (.all(), or == between whole tensors), and divided by the number of "
                "batches (a probe of 3 batches, 3 right of 3, 1 of 2 and 3 of 3, gave 2 / 3, "
                "not 7 / 8): add up the matches, (predicted == target_batch).sum(), "
                "and divide by the examples read")
    if abs(got - 1.0) < 1e-6 and _score_all_wrong(impl) == 1.0:
        hint = ("your code scores every message as right, even on a loader where every "
                "prediction is wrong (3 messages whose argmax over the classes is never the "
                "label gave 1.0, not 0.0): the prediction is not compared as the argmax, "
                "for example a top-k accuracy (the label among the k largest logits: with 2 "
                "classes top-2 holds every label), or a comparison that is always true; "
                "count torch.argmax(logits, dim=-1) == target_batch")
    if hint is not None and hint.startswith("you counted every batch as the first batch's") \
            and _counts_loader_length(impl):
        hint = (f"you added len(data_loader), the NUMBER OF BATCHES ({len(batches)} here), for "
                "every batch read (a loader of 2 batches of 3 right messages scored 6 / 4 = "
                "1.5): add each batch's own size, target_batch.shape[0]")
    if hint is not None and hint.startswith("you counted every batch as the first batch's "
                                            "size") and abs((_score_3_3_2(impl) or 0) - 8 / 9) \
            > 1e-6:
        hint = None  # batches of 3, 3 and 2 do not give 8 / 9: a coincidence of this case
    if hint is None:
        hint = _keeps_counts(impl)
    if hint is None and got == 0.0 and _matches(pairs) > 0:
        hint = (f"your comparisons with the targets found {_matches(pairs)} matches, but the "
                "accuracy is 0: the matches were never added to the count (correct + ... "
                "instead of correct += ..., or the count reset inside the loop)")
    if hint is None and got == 0.0 and pairs and not any(o.is_floating_point()
                                                         for o, _ in pairs):
        hint = ("no prediction matched a label: compare torch.argmax(logits, dim=-1), the "
                "class indices, with target_batch")
    if hint is None and got == 0.0 and not pairs:
        hint = ("no match was counted, and target_batch never took part in a comparison (a spy "
                "on the moved targets saw no ==, eq or ne): the predictions were compared with "
                "something else (the inputs, input_batch[:, -1]? a fixed class?); count "
                "(torch.argmax(logits, dim=-1) == target_batch).sum()")
    if hint is None and got == 0.0:
        hint = ("no prediction matched a label: the predictions must be class indices, "
                "torch.argmax(logits, dim=-1); max(...).values gives logit values, which never "
                "equal a label")
    label_sum = sum(int(b.sum()) for _, b in used)
    if hint is None and got > 0 and label_sum not in (0, total) and abs(
            got - sum(right) / label_sum) < 1e-6 and abs(
                (_score_mixed_batches(impl) or 0) - 7 / 5) < 1e-6:
        hint = (f"{sum(right)} correct / {label_sum} = {got:.4f}, and {label_sum} is the SUM of "
                f"the labels read ({[b.tolist() for _, b in used][:3]}; with 0/1 labels, the "
                f"class-1 messages), not the {total} examples: count the examples with "
                "target_batch.shape[0] (or len(target_batch)), not target_batch.sum()")
    per_class = num_classes * len(used)
    if hint is None and got > 0 and per_class != total and abs(got - sum(right) / per_class) \
            < 1e-6 and _counts_classes(impl):
        hint = (f"{sum(right)} correct / {per_class} = {got:.4f}, and {per_class} is "
                f"{num_classes} (the number of CLASSES) per batch read, not the {total} "
                "examples: logits.shape[-1] (or shape[1]) of the (batch, num_classes) logits "
                "counts classes; count the examples with logits.shape[0] or len(target_batch)")
    if hint is None and 0 < got < 1:
        hint = _one_class_score(impl, used, num_classes, got, sum(right) / total)
    sizes_read = [len(b) for _, b in used]
    twice = next((j for j in range(len(used)) if abs(
        got - (sum(right) + right[j]) / (total + sizes_read[j])) < 1e-6), None)
    if hint is None and twice is not None and right[twice] and abs(got - expected) > 1e-6 \
            and any(abs((_score_mixed_batches(impl) or 0) - v) < 1e-6 for v in (10 / 11, 0.8)):
        # confirmed on batches of 3, 2 and 3: one counted twice gives 10 / 11 (or 8 / 10 for
        # the middle one), where a divisor one short gives 7 / 7
        hint = (f"{got:.4f} = ({sum(right)} + {right[twice]}) / ({total} + "
                f"{sizes_read[twice]}): batch {twice} ({sizes_read[twice]} "
                f"example{'s' if sizes_read[twice] != 1 else ''}, "
                f"{right[twice]} correct) was counted twice, its matches and its size added "
                "once more (a count repeated after the loop, which adds the last batch again, "
                "or a batch read twice); add each batch once, inside the loop")
    compared_once = [k for k, p in enumerate(batch_preds) if p]
    if hint is None and 0 < len(compared_once) < len(used) and abs(
            got * total - sum(right[k] for k in compared_once)) < 1e-6 and sum(
            right[k] for k in range(len(used)) if k not in compared_once) > 0:
        left = [k for k in range(len(used)) if k not in compared_once]
        hint = (f"{got:.4f} x {total} examples = {round(got * total)} correct, exactly the "
                f"right predictions of batches {compared_once}; batches {left} were read and "
                "their examples counted, but their predictions were never compared with their "
                "targets (no ==, eq or ne on them was seen): the count of matches skips "
                "some batches (an if around it, such as i % 2 == 0 for logging?); count every "
                "batch's matches")
    if hint is None:
        wrong = _first_wrong(seen_preds, used, votes, full_votes)
        if " (every prediction is the class with the SMALLEST" in wrong and \
                _reverses_classes(impl):
            wrong = wrong.split(" (every prediction is the class with the SMALLEST")[0] + (
                " (every class is read from the other end, num_classes - 1 - the argmax: a "
                "3-class probe whose labels are the reversed classes scored 1.0; an argmax of "
                "the flipped logits, logits.flip(-1), gives the index in the reversed order "
                "and needs mapping back; take torch.argmax(logits, dim=-1))")
        hits = torch.cat([votes(a).argmax(dim=-1) == b for a, b in used])
        labels = torch.cat([b for _, b in used])
        by_class = {c: int((hits & (labels == c)).sum()) for c in range(num_classes)}
        hint = (_accuracy_fallback(right, used, got, by_class, bool(sizes)) + wrong
                if not wrong.startswith("; your predictions are [") else
                f"the batches read hold {[len(b) for _, b in used]} examples with {right} "
                "correct, and the predictions themselves differ" + wrong)
        if wrong.startswith("; your predictions are [") and got > 0:
            mine = int((torch.cat(seen_preds) == torch.cat([b for _, b in used])).sum())
            divisor = mine / got
            if abs(divisor - total) > 1e-6:
                named = {len(used): " (the number of batches)", total - 1: " (an off-by-one)",
                         total + 1: " (an off-by-one)"}
                hint += (f"; the division is off too: your {mine} correct predictions / "
                         f"{got:.4f} is a division by {divisor:.4g}" + next(
                             (v for k, v in named.items() if abs(divisor - k) < 1e-6), "")
                         + f", not by the {total} examples read")
    raise CheckFailure(f"{what}: the accuracy is {got:.4f}, expected {expected:.4f} "
                       f"({sum(right)} of {sum(len(b) for _, b in used)}): {hint}")


_NEXT_BATCH_COUNTED = (
    "you counted the examples of the batch that stops the loop: its size was added to the "
    "count of examples before the `if i >= num_batches: break` (one batch more in the "
    "denominator, though its predictions were not counted): add a batch's size after the "
    "break test, next to its correct predictions")


_CLASS_1_THRESHOLD = (
    "your prediction only chooses between classes 0 and 1, a shortcut that fits two classes "
    "only (a probability threshold softmax(...)[:, 1] > 0.5, logits[:, 1] > logits[:, 0], or "
    "a clamp): with 3 classes a message of class 2 is not found (a probe of one batch, "
    "[3, 3, 3, 3, 1] of class 1 and [2, 2, 2, 2, 2] of class 2, gave 0.5, not 1.0); take "
    "torch.argmax(logits, dim=-1) over every class")


def _thresholds_class_1(impl):
    """Whether a 3-class probe gives 0.5, as a class-1 probability threshold does: class 1
    is found, class 2 predicted 0 (the argmax over the tokens gives 0.0 here, the reference 1.0).
    """
    batch = (torch.tensor([[3, 3, 3, 3, 1], [2, 2, 2, 2, 2]]), torch.tensor([1, 2]))
    try:
        got = float(impl(_Loader([batch], [], 2), VoteModel(3).eval(), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 0.5) < 1e-6


def _next_batch_or_length(impl):
    """Which of _NEXT_BATCH_COUNTED and the sequence-length count a probe reproduces: batches
    of 2 messages of 5 tokens, num_batches=1, both predictions right: 2/4 for the first, 2/5
    for the second (the reference gives 1.0). None when neither matches."""
    batch = (torch.tensor([[1] * 5, [2] * 5]), torch.tensor([1, 0]))
    try:
        got = float(impl(_Loader([batch] * 3, [], 2), VoteModel(2), STAND_IN_DEVICE,
                         num_batches=1))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    if abs(got - 2 / 4) < 1e-6:
        return _NEXT_BATCH_COUNTED
    if abs(got - 2 / 5) < 1e-6:
        return ("you counted the sequence length (input_batch.shape[1]) as the number of "
                "examples: add up the batch sizes (shape[0])")
    return None


def _skips_short_batches(impl):
    """Whether a loader of batches of [1, 3, 3] examples (batch_size 3, the short one first,
    all wrong; the full ones all right) scores 1.0: the short batch skipped (a batch count
    len(dataset) // batch_size reads the first two batches: 3 / 4)."""
    full = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    short = (torch.tensor([[1, 1]]), torch.tensor([0]))
    try:
        got = float(impl(_Loader([short, full, full], list(range(7)), 3), VoteModel(2),
                         STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 1.0) < 1e-6


def _score_all_wrong(impl):
    """The score of one batch of 3 messages whose argmax is never the label (the reference
    gives 0.0; None if it fails)."""
    batch = (torch.tensor([[1, 1], [3, 3], [2, 2]]), torch.tensor([0, 0, 1]))
    try:
        return float(impl(_Loader([batch], list(range(3)), 3), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _reverses_classes(impl):
    """Whether the answer reads the classes in reversed order (num_classes - 1 - argmax, as
    an argmax of logits.flip(-1) gives): 3 messages voting classes 0, 1 and 2, labelled 2, 1
    and 0, score 1.0 that way (the reference and an argmin 1/3)."""
    batch = (torch.tensor([[1, 3], [1, 4], [1, 5]]), torch.tensor([2, 1, 0]))
    try:
        got = impl(_Loader([batch], list(range(3)), 3), VoteModel(3).eval(), STAND_IN_DEVICE)
        return abs(float(got) - 1.0) < 1e-6
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _near_tie_case(impl):
    """3 classes with close logits (VoteModel strength 0.5): the top class's probability is
    under 0.5 for ids below 39 and just over it above, so only the argmax finds every class."""
    x = torch.tensor([[5, 7], [5, 8], [5, 13], [5, 40], [5, 44], [5, 45], [5, 47]])
    y = x[:, -1] % 3  # the argmax of each message's last-token logits: classes 1 2 1 1 2 0 2
    what = ("one batch of 7 messages, 3 classes whose logits lie close together (the top "
            "class's probability 0.46-0.47 for messages 0-2, 0.50-0.51 for the others)")
    got = _as_number(impl(_Loader([(x, y)], list(zip(x, y)), 7), VoteModel(3, strength=0.5)
                          .eval(), STAND_IN_DEVICE), "calc_accuracy_loader")
    if abs(got - 1.0) < 1e-6:
        return
    hint = ("your predictions are not the argmax over the classes of the last token's logits: "
            "take torch.argmax(logits, dim=-1), with no threshold on a probability")
    if abs(got - 4 / 7) < 1e-6:
        hint = ("4 of 7 is what rounding the probabilities gives (softmax(...).round(), then "
                "the argmax): a top class with probability under 0.5 rounds to 0 like the "
                "others, and the argmax of all zeros is class 0; take torch.argmax(logits, "
                "dim=-1), no softmax or rounding needed")
    raise CheckFailure(f"{what}: the accuracy is {got:.4f}, expected 1.0: {hint}")


def _score_mixed_batches(impl):
    """The score of 3 batches, [3 right of 3], [1 right of 2] and [3 right of 3] (None if it
    fails; the reference gives 7 / 8): a batch counted as one example right when any prediction
    is (1.0) or when all are (2 / 3), the labels' sum as the divisor (7 / 5), the batches
    (7 / 3), every batch at the first or the last batch's size (7 / 9)."""
    full = (torch.tensor([[1, 1], [3, 3], [4, 4]]), torch.tensor([1, 1, 0]))
    mixed = (torch.tensor([[1, 1], [3, 3]]), torch.tensor([1, 0]))
    try:
        return float(impl(_Loader([full, mixed, full], list(range(8)), 3), VoteModel(2),
                          STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _estimates_examples(impl):
    """Whether batches of 3, 3 and 2 right messages with num_batches=2 score 6 / (8 x 2 / 3):
    the examples read estimated as len(dataset) x num_batches / len(data_loader)."""
    full = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    last = (torch.tensor([[1, 1], [3, 3]]), torch.tensor([1, 1]))
    try:
        got = float(impl(_Loader([full, full, last], list(range(8)), 3), VoteModel(2),
                         STAND_IN_DEVICE, num_batches=2))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 6 / (8 * 2 / 3)) < 1e-6


def _floors_batch_count(impl):
    """Whether the answer reads 2 batches both of [3, 3, 1] examples (dataset 7) and of [3, 3]
    (dataset 6): a batch count len(dataset) // batch_size drops only a partial last batch (an
    off-by-one reads 1 batch of the second)."""
    full = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    part = (torch.tensor([[1, 1]]), torch.tensor([1]))
    calls = []
    for batches, size in (([full, full, part], 7), ([full, full], 6)):
        model = VoteModel(2)
        try:
            impl(_Loader(batches, list(range(size)), 3), model, STAND_IN_DEVICE)
        except Exception:  # noqa: BLE001 (any failure: no pattern to name)
            return False
        calls.append(len(model.calls))
    return calls == [2, 2]


def _first_batch_only(impl):
    """Whether 5 batches of one message, num_batches None, reach the model once: a return (or
    break) inside the loop (a loop that stops after num_batches examples reads all 5)."""
    batch = (torch.tensor([[1, 1]]), torch.tensor([1]))
    model = VoteModel(2)
    try:
        impl(_Loader([batch] * 5, [], 1), model, STAND_IN_DEVICE)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return len(model.calls) == 1


def _stops_at_examples(impl):
    """Whether 4 batches of 3 messages with num_batches=3 reach the model once: a loop that
    stops after num_batches examples (an off-by-one reads 2 batches)."""
    batch = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    model = VoteModel(2)
    try:
        impl(_Loader([batch] * 4, [], 3), model, STAND_IN_DEVICE, num_batches=3)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return len(model.calls) == 1


def _divides_by_requested(impl):
    """Whether 2 full batches of 2, all right, score 4 / (5 x 2) = 0.4 with num_batches=5."""
    batch = (torch.tensor([[1, 1], [3, 3]]), torch.tensor([1, 1]))
    try:
        got = float(impl(_Loader([batch, batch], [], 2), VoteModel(2), STAND_IN_DEVICE,
                         num_batches=5))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 0.4) < 1e-6


def _score_3_3_2(impl):
    """The score of batches of 3, 3 and 2 messages, all right (None if it fails): 8 / (3 x 2)
    counts every batch at the last batch's size, 8 / 2 divides by the last batch's size alone
    (seen = instead of +=), 8 is the count itself and 8 / 3 the number of batches."""
    full = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    last = (torch.tensor([[1, 1], [3, 3]]), torch.tensor([1, 1]))
    try:
        return float(impl(_Loader([full, full, last], [], 3), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _counts_loader_length(impl):
    """Whether 2 batches of 3 right messages score 6 / (2 x 2) = 1.5: len(data_loader), the
    number of batches, added for every batch (the batch size gives 1.0)."""
    batch = (torch.tensor([[1, 1], [3, 3], [5, 5]]), torch.tensor([1, 1, 1]))
    try:
        got = float(impl(_Loader([batch, batch], [], 3), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 1.5) < 1e-6


def _counts_classes(impl):
    """Whether one batch of 4 right messages and 2 classes scores 4 / 2 = 2.0: the number of
    classes counted as the batch's examples."""
    batch = (torch.tensor([[1, 1], [3, 3], [5, 5], [7, 7]]), torch.tensor([1, 1, 1, 1]))
    try:
        got = float(impl(_Loader([batch], [], 4), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 2.0) < 1e-6


def _keeps_counts(impl):
    """A hint when the same loader scores differently before and after another call: one wrong
    message (0.0), then two right ones (1.0), then the wrong one again (0.0 once more)."""
    wrong = [(torch.tensor([[2, 2]]), torch.tensor([1]))]
    right = [(torch.tensor([[1, 1], [3, 3]]), torch.tensor([1, 1]))]
    try:
        got = [float(impl(_Loader(batches, [], 2), VoteModel(2), STAND_IN_DEVICE))
               for batches in (wrong, right, wrong)]
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    if got[0] == got[2]:
        return None
    return (f"your code keeps state between calls: a loader of one wrong message scored "
            f"{got[0]:.4f}, and after a call on two right ones the same loader scored "
            f"{got[2]:.4f} (counts kept in a module-level variable, a default argument or "
            "an attribute): start correct and seen at 0 inside the function, on every call")


def _compares_target_argmax(impl):
    """Whether the answer compares with target_batch.argmax(): one batch of classes 0, 1, 1,
    all right, then scores 2/3 (only the 1s equal the argmax position 1)."""
    batch = (torch.tensor([[2, 2], [3, 3], [5, 5]]), torch.tensor([0, 1, 1]))
    try:
        got = float(impl(_Loader([batch], [], 3), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 2 / 3) < 1e-6


def _counts_errors(impl):
    """Whether the answer returns the error rate: one batch predicted 0, 0, 0, 1, 1, 1 against
    labels 0, 0, 0, 1, 0, 0 scores 2/6 (class 0's right ones alone give 3/6, class 1's 1/6:
    the error rate is told from a count of one class's right predictions)."""
    batch = (torch.tensor([[2, 2], [4, 4], [6, 6], [3, 3], [5, 5], [7, 7]]),
             torch.tensor([0, 0, 0, 1, 0, 0]))
    try:
        got = float(impl(_Loader([batch], [], 6), VoteModel(2), STAND_IN_DEVICE))
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return abs(got - 2 / 6) < 1e-6


def _last_batch_only(impl):
    """Whether the answer returns the last batch's accuracy alone: 3 of 3 right and then 0 of 1
    gives 0.0 (the whole loader: 0.75), and the same batches the other way round give 1.0."""
    right = (torch.tensor([[1, 1, 1], [2, 2, 3], [4, 4, 4]]), torch.tensor([1, 1, 0]))
    wrong = (torch.tensor([[5, 5, 5]]), torch.tensor([0]))  # last ids 1, 3, 4, 5: 1, 1, 0, 1
    try:
        return [float(impl(_Loader(order, [], 3), VoteModel(2), STAND_IN_DEVICE))
                for order in ([right, wrong], [wrong, right])] == [0.0, 1.0]
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _balanced_accuracy(predicted, targets):
    """The mean over the classes present in ``targets`` of each class's share predicted right."""
    return sum(float((predicted[targets == c] == c).float().mean())
               for c in targets.unique()) / len(targets.unique())


def _class_scores(batches, num_classes):
    """{(class, 'recall' or 'precision'): (correct, examples)} over ``batches``, the right
    predictions coming from a fresh fake model in eval mode."""
    with torch.no_grad():
        preds = torch.cat([VoteModel(num_classes).eval()(a.as_subclass(torch.Tensor))[:, -1]
                           .argmax(-1) for a, _ in batches])
    targets = torch.cat([b.as_subclass(torch.Tensor) for _, b in batches])
    hits = preds == targets
    return {(c, name): (int((hits & among).sum()), int(among.sum()))
            for c in range(num_classes)
            for name, among in (("recall", targets == c), ("precision", preds == c))}


def _one_class_score(impl, used, num_classes, got, accuracy):
    """The hint when ``got`` is one class's recall or precision over the batches ``used``,
    confirmed on a second loader of other sizes; None otherwise."""
    gen = torch.Generator().manual_seed(77)
    x = torch.randint(1, 90, (11, 4), generator=gen)
    y = torch.randint(0, num_classes, (11,), generator=gen)
    probe = [(x[i:i + 4], y[i:i + 4]) for i in range(0, 11, 4)]
    for (c, name), (k, n) in _class_scores(used, num_classes).items():
        if not (n and abs(got - k / n) < 1e-6 and abs(k / n - accuracy) > 1e-6):
            continue
        k2, n2 = _class_scores(probe, num_classes)[(c, name)]
        right2 = sum(_class_scores(probe, num_classes)[(j, "recall")][0]
                     for j in range(num_classes))
        if any(abs(k2 / max(n2, 1) - right2 / (11 + d)) < 1e-6 for d in range(-3, 4)):
            continue  # the probe cannot tell this score from a divisor a few examples off
        try:
            again = impl(_Loader([(_unmoved(a), _unmoved(b, watch=True)) for a, b in probe],
                                 list(zip(x, y)), 4), VoteModel(num_classes).eval(),
                         STAND_IN_DEVICE)
        except Exception:  # noqa: BLE001 (no confirmation)
            return None
        if not (n2 and isinstance(again, float) and abs(again - k2 / n2) < 1e-6):
            continue
        what = f"the examples labelled {c}" if name == "recall" else \
            f"the examples predicted {c}"
        total = sum(len(b) for _, b in used)
        return (f"{got:.4f} = {k} / {n}: the correct predictions among {what} only (class "
                f"{c}'s {name}; another loader confirms it), not among all {total} examples "
                "read: the accuracy counts every example, (predicted == "
                "target_batch).sum() over len(target_batch)")
    return None


def _accuracy_fallback(right, used, got=None, by_class=None, bucketed=False):
    """What differs in a wrong accuracy; ``bucketed``: a loader whose short batch is not
    the last (where a count of full batches shows, and a loader of full batches but the
    last one has already ruled out a plain offset)."""
    sizes = [len(b) for _, b in used]
    base = (f"the batches read hold {sizes} examples with {right} correct (argmax over the "
            "classes of the last token's logits == label)")
    total = sum(sizes)
    if got is None or not total:
        return base + ": add up the correct ones and divide by the examples read"
    whole = sum(n for n, r in zip(sizes, right) if n == r)
    if abs(got - whole / total) < 1e-6 and whole != sum(right):
        return (base + f"; {got:.4f} = {whole} / {total}: only the batches whose predictions "
                "are ALL right were counted, at their full size (.all() on a batch's matches, "
                "or == between whole tensors): add up the matches, (predicted == "
                "target_batch).sum()")
    count = got * total
    said = f"{got:.4f} x {total} examples is {count:.4g} correct, where {sum(right)} are"
    alone = [c for c, k in (by_class or {}).items() if k != sum(right) and k > 0
             and abs(count - k) < 1e-6]
    if alone:
        return (base + f"; {said}, and {round(count)} is exactly the number of right "
                f"predictions whose label is {alone[0]} (right ones per label: {by_class}): "
                f"only the matches of class {alone[0]} were counted (a mask such as "
                f"& (target_batch == {alone[0]}), a true-positive count); count every match, "
                "(predicted == target_batch).sum(), and divide by the examples read")
    if abs(count - round(count)) > 1e-6:
        said += " (not a whole number: the divisor is off)"
    if got:
        divisor = sum(right) / got
        off = round(divisor - total)
        near = ""
        if abs(divisor - round(divisor)) < 1e-6 and off:
            near = (f" (one {'more' if off > 0 else 'less'} than the examples: an off-by-one)"
                    if abs(off) == 1 else
                    f" ({abs(off)} {'more' if off > 0 else 'fewer'} than the examples read: "
                    f"{abs(off)} {'added to' if off > 0 else 'taken from'} the count of "
                    "examples somewhere?)")
            if divisor % total < 1e-6 and divisor > total:
                near = (f" ({round(divisor / total)} x the examples read: each example "
                        "counted several times?)")
            if bucketed and len(set(sizes)) > 1 and abs(
                    divisor - len(sizes) * max(sizes)) < 1e-6:
                near = (f" ({len(sizes)} batches x {max(sizes)}: every batch read was counted "
                        f"as a FULL batch of {max(sizes)}, though these hold {sizes} (a count "
                        "such as (i + 1) * batch_size or num_batches * batch_size, which "
                        "assumes only the last batch is short); add each batch's own size, "
                        "target_batch.shape[0])")
        said += (f"; {sum(right)} correct / {got:.4f} is a division by {divisor:.4g}, where "
                 f"{total} examples were read" + near)
    return (base + "; " + said + ": add up the correct ones and divide by the examples read")


def _first_wrong(seen_preds, used, votes, full_votes):
    """Where the answer's recorded predictions first differ from the argmax over the classes
    of the last token's logits ("" when they were not recorded or all agree)."""
    if not seen_preds or sum(len(p) for p in seen_preds) != sum(len(b) for _, b in used):
        return ""
    mine = torch.cat(seen_preds).tolist()
    wanted = torch.cat([votes(a).argmax(dim=-1) for a, _ in used]).tolist()
    k = next((i for i, (m, w) in enumerate(zip(mine, wanted)) if m != w), None)
    if k is None:
        return "; your predictions are right, so the count or the division is what differs"
    num_tokens = used[0][0].shape[1]
    at = next((pos for pos in range(num_tokens - 1) if mine == torch.cat(
        [full_votes(a)[:, pos].argmax(dim=-1) for a, _ in used]).tolist()), None)
    where = (f" (they are the classes of position {at}, that is {at - num_tokens}; the last "
             f"token is position -1, [:, -1, :])" if at is not None else "")
    smallest = torch.cat([votes(a).argmin(dim=-1) for a, _ in used]).tolist()
    if at is None and mine == smallest:
        where = (" (every prediction is the class with the SMALLEST last-token logit: argmin, "
                 "a sort in ascending order, or with two classes the classes swapped; the "
                 "prediction is the argmax)")
    window = next((n for n in range(2, num_tokens + 1) if at is None and mine != smallest
                   and mine == torch.cat([full_votes(a)[:, -n:].mean(dim=1).argmax(dim=-1)
                                          for a, _ in used]).tolist()), None)
    if window is not None:
        where = (f" (they are the classes of the logits averaged over the last {window} "
                 f"positions, [:, -{window}:, :].mean(dim=1)" + (", every position" if window ==
                                                                 num_tokens else "")
                 + "; the class comes from the last position alone, [:, -1, :])")
    elif at is None and mine != smallest and len(set(mine)) == 1 < len(set(wanted)):
        where = (f" (every prediction is class {mine[0]}, whatever the logits: the predictions "
                 "do not follow the last token's logits at all)")
    classes = votes(used[0][0][:1]).shape[-1]
    shift = next((d for d in range(1, classes) if at is None and window is None
                  and mine != smallest and all(
        m == (w + d) % classes or m == w + d for m, w in zip(mine, wanted))), None)
    if shift is not None:
        where = (f" (every prediction is the right class + {shift}"
                 + (f", wrapping round to 0 past class {classes - 1}" if any(
                     m != w + shift for m, w in zip(mine, wanted)) else "")
                 + ": the class index was shifted after the argmax, as for labels counted "
                 "from 1; the argmax itself is the class)")
    differ = sum(m != w for m, w in zip(mine, wanted))
    return (f"; your predictions are {mine[:8]}{'...' if len(mine) > 8 else ''}, expected "
            f"{wanted[:8]}{'...' if len(wanted) > 8 else ''} ({differ} of {len(mine)} differ): "
            f"message {k} got class {mine[k]}, the argmax of its last token's logits is class "
            f"{wanted[k]}{where}")


def _matches(pairs):
    """How many equal entries the recorded comparisons held (0 where shapes do not match)."""
    total = 0
    for other, target in pairs:
        if other.shape == target.shape and not other.is_floating_point():
            total += int((other == target).sum())
    return total


class _ShuffledLoader(_Loader):
    """A stand-in for a loader made with ``shuffle=True``: every pass (each ``iter``) yields the
    examples in the next order of ``orders``, and ``passes`` counts the passes started."""

    def __init__(self, orders, batch_size):
        super().__init__(orders[0], [ex for batch in orders[0] for ex in zip(*batch)],
                         batch_size)
        self.orders, self.passes = orders, 0

    def __iter__(self):
        self.passes += 1
        return iter(self.orders[(self.passes - 1) % len(self.orders)])


def _shuffled_loader_case(impl):
    """One shuffled loader and one model, read three times (all batches, then num_batches=1
    twice), as a training loop evaluates between epochs: each call must start exactly one pass
    and score the batches that pass yields. Ids 1 and 3 vote class 1 (right, label 1); ids 2
    and 4 vote class 0 (wrong, label 1)."""
    def batch(*ids):
        return torch.tensor([[i] * 3 for i in ids]), torch.ones(len(ids), dtype=torch.long)
    orders = [[batch(1, 3), batch(1, 2), batch(4, 2)], [batch(2, 4), batch(2, 1), batch(3, 1)],
              [batch(1, 2), batch(3, 4), batch(1, 2)]]
    loader, model = _ShuffledLoader(orders, 2), VoteModel(2)
    def score(k):  # the reference's accuracy on pass k
        used = orders[k % len(orders)][:num_batches]
        return sum(int((a[:, -1] % 2 == b).sum()) for a, b in used) / sum(
            len(b) for _, b in used)
    for num_batches in (None, 1, 1):
        start = loader.passes
        used, expected = orders[start % len(orders)][:num_batches], score(start)
        what = (f"a shuffled loader (a new order every pass, 3 batches of 2) read for the "
                f"{('first', 'second', 'third')[start] if start < 3 else 'next'} time "
                f"with num_batches={num_batches}")
        got = _as_number(impl(loader, model, STAND_IN_DEVICE, num_batches), what)
        passes = loader.passes - start
        # a right answer may peek at the loader first: any one pass it started is right
        if any(abs(got - score(k)) <= 1e-6 for k in range(start, loader.passes)):
            continue
        if passes == 0:
            raise CheckFailure(f"{what}: your code returned {got:.4f} without reading the loader "
                               f"at all (no pass over it started), expected {expected:.4f}: a "
                               "result kept from an earlier call on the same loader and model "
                               "(a cache keyed by the loader); the batches differ every pass "
                               "and the model changes while it trains: compute the accuracy on "
                               "every call")
        if passes > 1:
            raise CheckFailure(f"{what}: your code started {passes} passes over the loader in "
                               f"one call and scored {got:.4f}, expected {expected:.4f}: "
                               "list(data_loader) or iter(data_loader) inside the loop starts a "
                               "new pass each time, and a shuffled loader (shuffle=True) yields "
                               "a new order on every pass, so some examples were read twice "
                               "and others never; iterate over the loader once (for i, "
                               "(input_batch, target_batch) in enumerate(data_loader))")
        raise CheckFailure(f"{what}: your code returned {got:.4f}, expected {expected:.4f} "
                           f"(the {sum(len(b) for _, b in used)} examples of this pass's first "
                           f"{len(used)} batch{'es' if len(used) != 1 else ''})")


def check_accuracy_loader(impl):
    check_cases(state_probed(impl, [
        ("2 classes, batches of 3", lambda f: _accuracy_case(f, 2, 5, 3, 7, None, seed=0)),
        ("3 classes, batches of 4, num_batches=2",
         lambda f: _accuracy_case(f, 3, 6, 4, 14, 2, seed=1)),
        ("2 classes, batches of 5, num_batches=1",
         lambda f: _accuracy_case(f, 2, 3, 5, 12, 1, seed=2)),
        ("3 classes, batches of 6, every message voting class 0",
         lambda f: _accuracy_case(f, 3, 4, 6, 11, None, seed=3, skewed=True)),
        ("2 classes, batches of 3, num_batches=9 (more than the loader's 3)",
         lambda f: _accuracy_case(f, 2, 7, 3, 8, 9, seed=4)),
        ("3 classes, batches of 2, a model that arrives in eval mode",
         lambda f: _accuracy_case(f, 3, 4, 2, 7, None, seed=5, arrive_eval=True)),
        ("2 classes, batches of 3, drop_last=True (8 examples, 2 batches yielded)",
         lambda f: _accuracy_case(f, 2, 5, 3, 8, None, seed=6, drop_last=True)),
        ("3 classes, batches of 4, messages ending in padding (id 50256)",
         lambda f: _accuracy_case(f, 3, 6, 4, 12, None, seed=7, padded=True)),
        ("a shuffled loader read three times", _shuffled_loader_case),
        ("2 classes, batches of 3, a bfloat16 model",
         lambda f: _accuracy_case(f, 2, 5, 3, 7, None, seed=8, model_cls=_Bfloat16VoteModel)),
        ("2 classes, 13 batches of 1 (more than a default of 10)",
         lambda f: _accuracy_case(f, 2, 3, 1, 13, None, seed=9)),
        ("2 classes, batches of 3, 1, 3 and 3 (a short batch in the middle), num_batches=2",
         lambda f: _accuracy_case(f, 2, 5, 3, 10, 2, seed=10, sizes=[3, 1, 3, 3])),
        ("3 classes whose logits lie close together", _near_tie_case),
    ]))


# --- ex6_7: classify a new message --------------------------------------------------------------


def _classify_case(impl, context_length, cases, tok=None):
    tok = tok or CharTokenizer()
    model = VoteModel(2, context_length).train()
    for text, max_length, pad in cases:
        kwargs = {"max_length": max_length} if max_length is not None else {}
        if pad != PAD:
            kwargs["pad_token_id"] = pad
        what = f"classify_review({text!r}, ..., {kwargs}) with context_length {context_length}"
        model.calls.clear()
        try:
            torch.manual_seed(context_length + 500)  # the caller's generator
            rng_before = torch.get_rng_state()
            got = impl(text, model, tok, "cpu", **kwargs)
        except IndexError as err:
            if not model.calls or "dimension 1" not in str(err):
                raise
            n = model.calls[-1]["ids"].shape[-1]
            if n == 0 and tok.encode(text):
                raise CheckFailure(f"{what}: your code raised IndexError: {err}. The model "
                                   f"received no ids at all (shape "
                                   f"{tuple(model.calls[-1]['ids'].shape)}), though the text is "
                                   f"{len(tok.encode(text))} id(s): the cut lost every id (a "
                                   "slice that starts past 0, or ends at 0 or a negative "
                                   "length); keep ids[:limit], the first "
                                   "min(max_length, context length) ids") from err
            raise CheckFailure(f"{what}: your code raised IndexError: {err}. The model's output "
                               f"has {n} position{'s' if n != 1 else ''} here and your code "
                               "reads one it does not "
                               "have: the class comes from the last position, logits[:, -1, :], "
                               "whatever the message's length") from err
        except TypeError as err:
            if max_length is not None or "NoneType" not in str(err):
                raise
            raise CheckFailure(f"{what}: your code raised TypeError: {err}. With "
                               "max_length=None (the default) there is no max_length to compare "
                               "or subtract: cut to the context length alone, and add no "
                               "padding") from err
        except AttributeError as err:
            if "'list' object has no attribute" not in str(err):
                raise
            raise CheckFailure(f"{what}: your code raised AttributeError: {err}. The ids are "
                               "a Python list (tokenizer.encode returns one), which has no "
                               "tensor methods (.to, .unsqueeze): make the tensor first, "
                               "torch.tensor(ids, device=device).unsqueeze(0)") from err
        except (ValueError, AssertionError) as err:
            if max_length is None or max_length <= context_length:
                raise
            try:
                impl(text, VoteModel(2, context_length).train(), tok, "cpu",
                     **{**kwargs, "max_length": context_length})
            except Exception:  # noqa: BLE001 (it fails either way: no refusal to name)
                raise err from None
            raise CheckFailure(f"{what}: your code raised {type(err).__name__}: {err}. It "
                               f"works with max_length={context_length}, so it refuses a "
                               f"max_length longer than the model's context ({max_length} > "
                               f"{context_length}), which the docstring allows: cut the "
                               "ids to "
                               "min(max_length, context_length) and pad to that same "
                               "length") from err
        except KeyError as err:
            if not (err.args and torch.is_tensor(err.args[0])):
                raise
            raise CheckFailure(f"{what}: your code raised KeyError: {err}. A tensor is no dict "
                               "key for the number it holds (tensors hash by identity): turn "
                               "the class index into an int first, "
                               "torch.argmax(logits, dim=-1).item()") from err
        ids = tok.encode(text)
        limit = context_length if max_length is None else min(max_length, context_length)
        expected_ids = ids[:limit] + ([pad] * (limit - len(ids[:limit])) if max_length else [])
        if not model.calls and not text.strip():
            raise CheckFailure(f"{what}: the model given was never called, yet your code "
                               f"returned {got!r} for this blank text: a shortcut that answers "
                               "an empty or whitespace-only text without the model (if not "
                               "text.strip(): return ...) is a hard-coded guess; encode it and "
                               "classify it like any other text (padded to max_length, the "
                               "model may well call it spam)")
        if not model.calls:
            raise CheckFailure(f"{what}: the model given was never called, yet your code "
                               f"returned {got!r}: an answer kept from an earlier call (a "
                               "cache keyed by the text, functools.lru_cache, a module-level "
                               "dict) or computed with another model: run the model given on "
                               "every call, since the model, max_length or padding may differ")
        _mode_problems(model, what)
        seen = model.calls[-1]["ids"].tolist()
        if seen != [expected_ids]:
            fill = limit - len(ids[:limit])
            width = model.pos_emb.weight.shape[1] if max_length is None else min(
                max_length, model.pos_emb.weight.shape[1])
            causes = {
                "you padded with 0; pad with pad_token_id, as in training":
                [ids[:limit] + [0] * fill] if pad != 0 else None,
                "you padded with 50256 though pad_token_id was given":
                [ids[:limit] + [PAD] * fill] if pad != PAD else None,
                "the padding comes before the message; append it": [[pad] * fill + ids[:limit]],
                "you kept the END of the message; keep its first ids": [ids[-limit:] +
                                                                       [pad] * fill]
                if len(ids) > limit else None,
                f"you padded to max_length ({max_length}), past the context length "
                f"({context_length}), and then kept the LAST {context_length} ids (a crop such "
                "as generate_text_simple's idx[:, -context_size:]), so the padding pushed "
                "the message's first ids out: keep the FIRST ids, cut to min(max_length, "
                "context length) and pad only up to that length":
                [(ids[:max_length] + [pad] * (max_length - len(ids[:max_length])))[
                    -context_length:]] if max_length and max_length > context_length else None,
                f"the ids were not cut to the model's context length ({context_length}): it is "
                "pos_emb.weight.shape[0] (tok_emb.weight.shape[0] is the vocabulary size)":
                [ids[:max_length] + [pad] * (max_length - len(ids[:max_length]))]
                if max_length else [ids],
                _none_hint(impl, text, context_length, tok, kwargs, expected_ids)
                if max_length is None else "with max_length=None, do not pad":
                [ids[:limit] + [pad] * (limit - len(ids))],
                f"with max_length={max_length} your code pads but never cuts: this text is "
                f"{len(ids)} ids, more than min(max_length, context length) = {limit}, so keep "
                f"its first {limit} ids, then pad": [ids + [pad] * max(0, limit - len(ids))]
                if max_length and len(ids) > limit else None,
                f"you counted the padding from the TEXT's {len(text)} characters, not its "
                f"{len(ids)} token ids (here 'é' is 2 bytes): pad the ids, "
                "limit - len(input_ids)": [ids[:limit] + [pad] * (limit - min(len(text), limit))]
                if max_length and len(text) != len(ids) else None,
                f"you cut the TEXT to {limit} characters before encoding; a character can be "
                "several token ids (here 'é' is 2 bytes): encode the whole text, then keep the "
                "first ids": [tok.encode(text[:limit]) + (
                    [pad] * (limit - len(tok.encode(text[:limit]))) if max_length else [])],
                "the text was stripped before encoding: encode it exactly as given, as the "
                "training messages were": [tok.encode(text.strip())[:limit] + (
                    [pad] * (limit - len(tok.encode(text.strip())[:limit])) if max_length
                    else [])] if text != text.strip() else None,
                "the text was lowercased before encoding: encode it exactly as given, as the "
                "training messages were (GPT-2's tokens tell 'Call' from 'call')":
                [tok.encode(text.lower())[:limit] + (
                    [pad] * (limit - len(tok.encode(text.lower())[:limit])) if max_length
                    else [])] if text != text.lower() else None,
                "you cut to pos_emb.weight.shape[1] (the embedding width, 4 here); the context "
                "length is pos_emb.weight.shape[0]":
                [ids[:width] + ([pad] * (width - len(ids[:width])) if max_length else [])],
                f"you padded to max_length ({max_length}) beyond the context length "
                f"({context_length}): pad to min(max_length, context length)":
                [ids[:limit] + [pad] * (max_length - len(ids[:limit]))] if max_length else None,
                f"you padded to the context length ({context_length}), not to max_length "
                f"({max_length}): pad to min(max_length, context length)":
                [ids[:limit] + [pad] * (context_length - len(ids[:limit]))]
                if max_length and max_length < context_length else None,
                f"you cut to the context length ({context_length}) but not to max_length "
                f"({max_length}): cut to min(max_length, context length)":
                [ids[:context_length] + [pad] * (limit - len(ids[:context_length]))]
                if max_length and max_length < context_length else None,
                f"you padded one id past the length: {limit} ids in all, not {limit + 1}":
                [ids[:limit] + [pad] * (limit + 1 - len(ids[:limit]))] if max_length else None,
                f"you took the context length as pos_emb.weight.shape[0] - 1 = "
                f"{context_length - 1}; it is pos_emb.weight.shape[0] = {context_length} "
                "(positions 0 to context_length - 1)": [ids[:min(limit, context_length - 1)] + (
                    [pad] * (min(limit, context_length - 1)
                             - len(ids[:min(limit, context_length - 1)])) if max_length
                    else [])] if len(ids) >= context_length else None,
                f"you cut one id too many: keep the first {limit} ids (min(max_length, context "
                "length)), not limit - 1":
                [ids[:limit - 1] + ([pad] * (limit - len(ids[:limit - 1])) if max_length
                                    else [])] if len(ids) >= limit else None,
            }
            for k in dict.fromkeys((limit // 2, (limit + 1) // 2)):  # a cut in the middle
                if 0 < k < limit < len(ids):
                    kept = ids[:k] + ids[len(ids) - (limit - k):]
                    causes.setdefault(_head_and_tail(kept, ids, limit), [kept + (
                        [pad] * (limit - len(kept)) if max_length else [])])
            for cause, changed in _text_changes(text).items():  # the text changed first
                causes.setdefault(cause, [tok.encode(changed)[:limit] + (
                    [pad] * (limit - len(tok.encode(changed)[:limit])) if max_length else [])])
            for extra in dict.fromkeys((pad, PAD)):  # an end-of-text id added to the text
                longer = (ids + [extra])[:limit]
                causes[f"one id ({extra}) was appended to the text's ids before the cut and "
                       "padding (an end-of-text token?): the training messages end with their "
                       "last token, so encode the text alone, then cut and pad"] = [
                    longer + ([pad] * (limit - len(longer)) if max_length else [])]
            hint = _matching_cause(seen, {k: v for k, v in causes.items()
                                          if v != [expected_ids]})
            if hint == "you padded with 50256 though pad_token_id was given" and pad == 0 \
                    and _model_input(impl, text, context_length, tok, {
                        **kwargs, "pad_token_id": 9}) == [ids[:limit] + [9] * fill]:
                hint = _FALSY_PAD
            if (hint or "").startswith("the text was stripped") and _model_input(
                    impl, "c  d\tc", context_length, tok, {}) == [tok.encode("c d c")]:
                hint = next(k for k in _text_changes("c  d\tc") if k.startswith("runs of"))
                hint = hint.replace("to one space", "to one space ('c  d\\tc' reached "
                                    "the model as 'c d c')")
            if (hint or "").startswith("you padded with 0;") and "pad_token_id" not in kwargs \
                    and _pads_right_when_told(impl, text, model, tok, kwargs, expected_ids):
                hint = ("you padded with 0, yet given pad_token_id=50256 explicitly the "
                        "input is right: your default pad_token_id is 0; keep the "
                        "signature's default pad_token_id=50256 (GPT-2's <|endoftext|>)")
            if hint is not None and hint.startswith("the ids were not cut to the model's "
                                                    "context length") and max_length and len(
                    ids) > context_length and _cuts_without_max_length(impl, text, context_length,
                                                                       tok):
                hint = (f"with max_length={max_length} the ids were cut to max_length alone, "
                        f"not to the context length ({context_length}); with max_length=None "
                        "they are cut right: cut to min(max_length, context_length) and pad "
                        "to that same length")
            if "your code pads but never cuts" in (hint or "") and len(ids) <= context_length \
                    and _cuts_past_context(impl, max_length, context_length, tok, kwargs):
                hint = (f"this text is {len(ids)} ids, more than max_length={max_length} but "
                        f"within the context length ({context_length}), and reached the model "
                        f"uncut, while a text longer than the context is cut right to "
                        f"{limit}: your cut runs only when the text is longer than the "
                        "context length; cut whenever the text is longer than "
                        "min(max_length, context length)")
            if (hint or "").startswith("the ids were not cut to the model's context length") \
                    and _cut_of_long_text(impl, context_length, tok) == 1024:
                hint = (f"the ids were cut to 1,024 (GPT-2's context length, a number typed "
                        f"in: a text of 1,030 ids reached the model as 1,024), not to this "
                        f"model's context length ({context_length}): read it from the model, "
                        "model.pos_emb.weight.shape[0]")
            if (hint or "").startswith("the ids were not cut to the model's context length") \
                    and max_length and len(ids) < context_length < max_length \
                    and _cuts_past_context(impl, max_length, context_length, tok, kwargs):
                hint = (f"this text's {len(ids)} ids fit the context and came whole, but the "
                        f"padding went on up to max_length={max_length}, past the model's "
                        f"context length ({context_length}), while a text longer than the "
                        f"context is cut right to {limit}: the padding was counted up to "
                        f"max_length; pad only up to the min(max_length, context length) = "
                        f"{limit} you cut to")
            if hint is None and max_length is not None and seen == [ids[:context_length]]:
                # the input max_length=None gives: is max_length used at all? a text longer
                # than the context with max_length=2 tells
                saved, longer = list(model.calls), "".join(
                    chr(97 + k % 26) for k in range(context_length + 3))
                try:
                    impl(longer, model, tok, "cpu", max_length=2,
                         **{k: v for k, v in kwargs.items() if k != "max_length"})
                except Exception:  # noqa: BLE001 (then no contrast to name)
                    pass
                probe = model.calls[-1]["ids"].tolist() if len(model.calls) > len(saved) else None
                model.calls[:] = saved
                if probe == [tok.encode(longer)[:context_length]]:
                    hint = (f"with max_length={max_length} the model got what max_length=None "
                            "gives (no padding), and with max_length=2 a "
                            f"{len(longer)}-letter text was cut to the context length "
                            f"({context_length}), not to 2: max_length is ignored; cut to "
                            "min(max_length, context length) and pad to that same length")
                elif probe == [tok.encode(longer)[:2]] and len(ids) < limit:
                    hint = (f"the cut uses max_length (with max_length=2 a {len(longer)}-letter "
                            "text gives its first 2 ids), but this shorter text got no "
                            f"padding: append pad_token_id up to {limit} = min(max_length "
                            f"{max_length}, context length {context_length})")
            if hint is None and pad in ids and seen == [_without_pad_id(ids, pad, limit,
                                                                        max_length)]:
                # the text's own ids equal to the padding id were filtered out; with another
                # padding id the same text reaching the model whole confirms it
                other = next(k for k in (5, 6, 7) if k not in ids)
                if _model_input(impl, text, context_length, tok, {
                        **kwargs, "pad_token_id": other}) == [
                        ids[:limit] + ([other] * fill if max_length else [])]:
                    hint = (f"the text's own id {pad} (a {chr(pad)!r} here) was dropped "
                            f"wherever it occurs, because it equals pad_token_id={pad} (with "
                            f"pad_token_id={other} the same text came whole): a real token can "
                            "share the padding id (GPT-2's '!' is id 0); keep every id the "
                            "tokenizer gives, then cut and append the padding")
            if hint is None and seen == [[i] for i in expected_ids] and len(expected_ids) > 1:
                hint = (f"the model received shape ({len(expected_ids)}, 1): every token became "
                        "a message of its own (unsqueeze(1), or view(-1, 1)), so the last "
                        "position saw one token only; the batch dimension comes first, "
                        ".unsqueeze(0), shape (1, num_tokens)")
            if hint is None and seen == expected_ids:
                hint = ("the input has no batch dimension: the model takes (batch, num_tokens); "
                        "add one with .unsqueeze(0)")
            row = seen[0] if len(seen) == 1 and isinstance(seen[0], list) else []
            tail = row[len(ids[:limit]):]
            if hint is None and row[:len(ids[:limit])] == ids[:limit] and len(row) == len(
                    expected_ids) and len(set(tail)) == 1 and tail[0] != pad:
                hint = (f"the message is right but padded with {tail[0]}, not with "
                        f"pad_token_id ({pad} here): pad with the pad_token_id argument, as in "
                        "training" + (f" ({tail[0]} is this test tokenizer's eot_token: the "
                                      "padding id comes from the argument, not from the "
                                      "tokenizer)" if tail[0] == tok.eot_token else ""))
                if "pad_token_id" not in kwargs and tail[0] != tok.eot_token and \
                        _pads_right_when_told(impl, text, model, tok, kwargs, expected_ids):
                    hint = _default_pad_hint(tail[0])
            only_padding = bool(row) and set(row) <= {pad}  # no text id: nothing to shift
            if hint is None and not only_padding and _tokenizer_ignored(
                    lambda t, text=text, kwargs=kwargs: _model_input(
                        fresh_copy(impl), text, context_length, t, kwargs), tok):
                hint = _OWN_TOKENIZER
            hint = hint or _classify_fallback(ids, max_length, context_length,
                                              model.calls[-1]["ids"], expected_ids, pad)
            raise CheckFailure(f"{what}: the model saw {seen}, expected [{expected_ids}]: "
                               f"{hint}")
        answer = "spam" if expected_ids[-1] % 2 == 1 else "not spam"
        if not isinstance(got, str):
            raise CheckFailure(f"{what} returned {got!r} (a {type(got).__name__}); return the "
                               f"words: here {answer!r} ('spam' for class 1, 'not spam' for 0)")
        if got != answer:
            other = "not spam" if answer == "spam" else "spam"
            hint = ("your words are the opposite ones: the labels are swapped (class 1 is "
                    "'spam'), or the class with the SMALLEST logit was taken (argmin; with two "
                    "classes both give the other word): class 1 by argmax is 'spam'"
                    if got == other and _swaps_labels(impl, context_length, tok) else
                    f"the last position's logits pick class {int(answer == 'spam')} "
                    f"({answer!r}: its last id, {expected_ids[-1]}, votes for class "
                    f"{expected_ids[-1] % 2}), but you answered {got!r}: read model(x)[:, -1, "
                    ":] and take the argmax over the classes (class 1 is 'spam')"
                    if got == other else
                    "'ham' is the data set's word; this function answers 'not spam' for class "
                    "0 and 'spam' for class 1" if str(got).strip().lower() == "ham" else
                    f"the class is right but the word is spelled {got!r}: return exactly the "
                    "lowercase 'spam' or 'not spam'" if str(got).strip().lower() == answer else
                    "return exactly 'spam' or 'not spam'")
            if got == "not spam" and impl("d", VoteModel(2, context_length), tok, "cpu",
                                          **kwargs) == "not spam" and impl(
                    text, VoteModel(2, context_length, offset=-0.5), tok, "cpu",
                    **kwargs) == "not spam" and impl(
                    "ccc", VoteModel(2, context_length, offset=-0.5), tok, "cpu") == "not spam":
                hint = ("your answer is 'not spam' for both classes, also with a model whose "
                        "winning class-1 logit is positive: the test for class 1 never holds; "
                        "compare torch.argmax(logits, dim=-1).item() (an int) with 1")
                if _softmax_over_batch(impl, text, context_length, tok, kwargs):
                    hint = ("your softmax runs over dim 0, the BATCH of one message: each "
                            "probability is 1.0, so the argmax over the classes is always "
                            "class 0 and the answer never 'spam': take the softmax over the "
                            "classes (dim=-1), or skip it, torch.argmax(logits, dim=-1).item()")
                elif _argmax_over_batch(impl, text, context_length, tok, kwargs):
                    hint = ("your argmax runs over dim 0, the BATCH of one message, so the "
                            "class index is always 0 and the answer never 'spam': take the "
                            "argmax over the classes, torch.argmax(logits, dim=-1).item(), "
                            "and compare it with 1")
                elif _replays_last_class(impl, context_length, tok):
                    hint = ("your words for 'c', 'dc', 'dcd', 'cdc' and 'ddc' are those of "
                            "model(x)[:, :, -1].argmax(-1) == 1: the LAST CLASS's logit at "
                            "every position, whose argmax is a position number (1 only when "
                            "position 1 holds the largest one): the logits are (batch, "
                            "position, class), so take model(x)[:, -1, :], the last position, "
                            "then the argmax over the classes")
                elif _answer_for(impl, "dc", context_length, tok) == "spam":
                    hint = ("your answer for a lone class-1 token is 'not spam', but for 'dc' "
                            "(a class-0 token, then a class-1 token) it is 'spam': the answer "
                            "depends on the other positions, as a softmax over dim 1 (the "
                            "POSITIONS) before reading the last one does (a lone position gets "
                            "1.0 for every class, a tie won by class 0): take the argmax over "
                            "the classes (dim=-1) of model(x)[:, -1, :], no softmax needed")
            elif got == "not spam" and impl("d", VoteModel(2, context_length), tok, "cpu",
                                            **kwargs) == "not spam" and impl(
                    "ccc", VoteModel(2, context_length), tok, "cpu") == "not spam" and impl(
                    "ccc", VoteModel(2, context_length, offset=-0.5), tok, "cpu") == "spam":
                # "d" (100) is class 0: answering 'not spam' for both is no label swap; with a
                # positive class-1 logit the answer is right, so it thresholds one logit
                hint = ("your answer is 'not spam' for both classes: this model's logits are "
                        "all negative, so a threshold such as 'logit > 0' or 'sigmoid > 0.5' "
                        "on one logit never fires; take the argmax over the classes")
            if len(expected_ids) == 1 and 2 * len(text) < context_length and _answer_for(
                    impl, text * 2, context_length, tok) == answer == _answer_for(
                        impl, text * 3, context_length, tok):
                hint = (f"only a ONE-token input goes wrong: {text!r} gives {got!r}, but "
                        f"{text * 2!r} and {text * 3!r} (the same token repeated) give "
                        f"{answer!r}: a .squeeze() on the (1, 1, num_classes) output also "
                        "drops the position dimension, so the [-1] that follows reads the last "
                        "CLASS's logit, not the last position: index model(x)[:, -1, :] (or "
                        "squeeze(0) only)")
            first = "spam" if expected_ids[0] % 2 == 1 else "not spam"
            votes = torch.zeros(2)  # the eval-mode logits averaged over the positions
            for i in expected_ids:
                votes[i % 2] += 1.0 + i / 100.0
            average = "spam" if votes[1] > votes[0] else "not spam"
            if got == first != answer and _reads_last_real(impl, context_length, tok):
                hint = ("that is the class of the last REAL token, before the padding; the "
                        "model was trained on the last position of the padded input, padding "
                        "included: read [:, -1, :]")
            elif got == first != answer and _answer_for(impl, "cdd", context_length,
                                                        tok) == "spam":
                # "cdd": position 0 is class 1; the last position, the mean and the largest
                # logit are class 0
                hint = ("that is the FIRST token's class (for 'cdd' too, whose first token "
                        "alone votes spam): read the last position's logits ([:, -1, :])")
            elif got == average != answer and _answer_for(impl, "ccd", context_length,
                                                          tok) == "spam":
                # "ccd": the mean over the positions is class 1, the last position class 0;
                # "cccϨd": 3 class-1 votes of weight 1.99 against "Ϩ" (id 1000, class 0,
                # weight 11) and "d": a majority of positions says spam, the mean not
                if _answer_for(impl, "ccc\u03e8d", context_length, CharTokenizer()) == "spam":
                    hint = ("that is the class most POSITIONS vote for (the mode of every "
                            "position's argmax; 'cccϨd', whose heavy 'Ϩ' outweighs three "
                            "class-1 'c's in the mean, also came out spam): the class is the "
                            "argmax over the classes of the LAST position's logits, "
                            "model(x)[:, -1, :]")
                else:
                    hint = ("that is the class of the logits averaged over all positions; read "
                            "the last position's logits ([:, -1, :])")
            elif got == ("spam" if max(expected_ids) % 2 == 1 else "not spam") != answer \
                    and _reads_largest_anywhere(impl, context_length, tok):
                hint = ("that is the class of the largest logit anywhere in the message (an "
                        "argmax over every position's logits): take the last position's "
                        "logits ([:, -1, :]) first, then the argmax over the classes")
            raise CheckFailure(f"{what} returned {got!r}, expected {answer!r}: {hint}")
        _rng_untouched(rng_before, what)


def _model_input(impl, text, context_length, tok, kwargs):
    """The ids a fresh fake model receives from the answer for ``text`` (None on a failure)."""
    model = VoteModel(2, context_length).train()
    try:
        impl(text, model, tok, "cpu", **kwargs)
    except Exception:  # noqa: BLE001 (no probe result)
        return None
    return model.calls[-1]["ids"].tolist() if model.calls else None


def _normalised(form):
    import unicodedata
    return lambda text: unicodedata.normalize(form, text)


_TEXT_CHANGES = [  # (cause, the change): the usual ways a text gets changed before encoding
    # first: an answer that only replaces non-breaking spaces also passes on the texts that
    # NFKC, an ASCII filter or a whitespace collapse give (none holds one), so try it before them
    ("non-breaking spaces (U+00A0, '\\xa0') were replaced by plain spaces before encoding "
     "(text.replace('\\xa0', ' ')): they are part of the message and encode to other ids; "
     "encode the text exactly as given", lambda text: text.replace("\xa0", " ")),
    *((f"the text was Unicode-normalised ({form}: "
       + ("'\ufb01' became 'fi', " if "K" in form else "")
       + ("'e' + a combining accent became one 'é'" if form.endswith("C") else
          "'é' became 'e' + a combining accent") + ") before encoding: the training messages "
       "were encoded as they are, so encode the text exactly as given", _normalised(form))
      for form in ("NFC", "NFKC", "NFD", "NFKD")),
    ("the non-ASCII characters were dropped before encoding (text.encode('ascii', 'ignore'), "
     "or a filter on ord(c) < 128): 'é' and the like are part of the message; encode the text "
     "exactly as given", lambda text: text.encode("ascii", "ignore").decode()),
    ("runs of whitespace (tabs, newlines, double spaces) were collapsed to one space "
     "(' '.join(text.split()) or a re.sub), which also strips the ends: encode the text "
     "exactly as given, as the training messages were", lambda text: " ".join(text.split())),
    ("a line break at the end of the text was cut off (text.rstrip('\\n'), as for a line read "
     "from a file or typed at a prompt): it is part of the message; encode the text exactly "
     "as given", lambda text: text.rstrip("\n")),
    ("HTML entities were unescaped before encoding (html.unescape: '&amp;' became '&', '&lt;' "
     "became '<'): the SMS messages hold them as written; encode the text exactly as given",
     html.unescape),
    ("Windows line breaks (\\r\\n) were turned into '\\n' before encoding (text.replace("
     "'\\r\\n', '\\n'), splitlines or a newline-translating read): the '\\r' is part of "
     "the message and has an id of its own; encode the text exactly as given",
     lambda text: text.replace("\r\n", "\n")),
]


def _text_changes(text):
    """{cause: changed text} for the usual changes (``_TEXT_CHANGES``) that alter ``text``."""
    return {cause: change(text) for cause, change in _TEXT_CHANGES if change(text) != text}


def _none_hint(impl, text, context_length, tok, kwargs, expected_ids):
    """The hint for padding without max_length: whether max_length=None passed explicitly
    gives the right ids tells a wrong default from padding in the None branch."""
    model = VoteModel(2, context_length).train()
    try:
        impl(text, model, tok, "cpu", max_length=None, **kwargs)
        explicit = model.calls[-1]["ids"].tolist() if model.calls else None
    except Exception:  # noqa: BLE001 (no probe result: the plain hint)
        explicit = None
    if explicit == [expected_ids]:
        return ("called without max_length your code padded, but with max_length=None passed "
                "explicitly it did not: the default of max_length is not None; make it "
                "max_length=None (no padding)")
    return "with max_length=None, do not pad"


def _answer_for(impl, text, context_length, tok):
    """The answer's word for ``text`` on a fresh fake model (None when it fails)."""
    try:
        return impl(text, VoteModel(2, context_length), tok, "cpu")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None


def _swaps_labels(impl, context_length, tok):
    """Whether the answer says 'not spam' for "c" (class 1) and 'spam' for "d" (class 0)."""
    try:
        return (impl("c", VoteModel(2, context_length), tok, "cpu") == "not spam"
                and impl("d", VoteModel(2, context_length), tok, "cpu") == "spam")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _reads_largest_anywhere(impl, context_length, tok):
    """Whether "edd" (ids 101, 100, 100: class 0 at the last and middle positions, class 1
    for the largest logit, at position 0) gets 'spam', as an argmax over every position does."""
    try:
        return impl("edd", VoteModel(2, context_length), tok, "cpu") == "spam"
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False


def _cut_of_long_text(impl, context_length, tok):
    """How many ids of a 1,030-id text reach the model with max_length=None (None: no call)."""
    model = VoteModel(2, context_length).train()
    try:
        impl("a" * 1030, model, tok, "cpu")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return None
    return model.calls[-1]["ids"].shape[-1] if model.calls else None


def _cuts_past_context(impl, max_length, context_length, tok, kwargs):
    """Whether a text 3 ids longer than the context reaches the model cut to
    min(max_length, context length), padding arguments as in ``kwargs``."""
    model = VoteModel(2, context_length).train()
    longer = "".join(chr(97 + k % 26) for k in range(context_length + 3))
    try:
        impl(longer, model, tok, "cpu", **kwargs)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return bool(model.calls) and model.calls[-1]["ids"].tolist() == [
        tok.encode(longer)[:min(max_length, context_length)]]


def _replays_last_class(impl, context_length, tok):
    """Whether the answer's words for five texts are those of ``model(x)[:, :, -1]`` (the last
    class at every position) with an argmax over that row: a position index, 'spam' when it
    is 1. 'dcd', 'cdc' and 'ddc' tell it from the right answer and from a softmax over dim 1."""
    for text in ("c", "dc", "dcd", "cdc", "ddc"):
        with torch.no_grad():
            logits = VoteModel(2, context_length).eval()(torch.tensor([tok.encode(text)]))
        replay = "spam" if logits[:, :, -1].argmax(dim=-1).item() == 1 else "not spam"
        if _answer_for(impl, text, context_length, tok) != replay:
            return False
    return True


def _cuts_without_max_length(impl, text, context_length, tok):
    """Whether the answer cuts ``text`` (longer than the context) to the context length when
    max_length is None."""
    model = VoteModel(2, context_length).train()
    try:
        impl(text, model, tok, "cpu")
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return bool(model.calls) and model.calls[-1]["ids"].shape[-1] == context_length


def _classify_close_case(impl):
    """A near tie: the last position's logits differ by 0.2, so the winning class's probability
    is about 0.55. The argmax still decides; a threshold above 0.5 or a margin does not."""
    for strength, text, answer in ((0.1, "c", "spam"), (0.1, "d", "not spam"),
                                   (0.001, "c", "spam")):
        model = VoteModel(2, 8, strength=strength).train()
        got = impl(text, model, CharTokenizer(), "cpu")
        if got == answer:
            continue
        with torch.no_grad():
            logits = model.eval()(torch.tensor([[ord(text)]]))[0, -1]
        p1 = float(torch.softmax(logits, dim=-1)[1])
        if strength < 0.01:  # passed the 0.55 tie: only a gap far below 0.01 is lost
            raise CheckFailure(
                f"classify_review({text!r}, ...) with a model whose last-position logits are "
                f"{[round(v, 5) for v in logits.tolist()]} (class 1's probability {p1:.5f}, "
                f"class 0's {1 - p1:.5f}) returned {got!r}, expected {answer!r}; a near tie "
                "with a probability of 0.55 was answered right, so the two classes were "
                "compared after rounding (round(p, 2), a format such as f'{p:.2f}', or a "
                "tolerance such as math.isclose) and came out equal: compare the logits "
                "themselves, torch.argmax(logits, dim=-1)")
        raise CheckFailure(
            f"classify_review({text!r}, ...) with a model whose last-position logits are "
            f"{[round(v, 3) for v in logits.tolist()]} (class 1's probability {p1:.3f}) "
            f"returned {got!r}, expected {answer!r}; with clearly separated logits your answer "
            "is right, so the class is chosen by a threshold or a margin, not by the larger "
            "logit: the class is torch.argmax(logits, dim=-1), whatever the gap (a probability "
            "just over 0.5 is still 'spam')")


def _classify_grad_mode_case(impl):
    """Called inside the caller's torch.no_grad() block: gradients must still be off there after
    the call (an answer that switches them on by hand with torch.set_grad_enabled(True) turns
    them on in the middle of the caller's block)."""
    model = VoteModel(2, 6).train()
    with torch.no_grad():
        got = impl("c", model, CharTokenizer(), "cpu")
        after = torch.is_grad_enabled()
    if after:
        raise CheckFailure(
            "classify_review('c', ...) called inside the caller's `with torch.no_grad():` "
            "block switched gradients back ON there: after it returned, "
            "torch.is_grad_enabled() was True in a block that had them off. Your code sets "
            "the grad mode by hand (torch.set_grad_enabled(False), then "
            "torch.set_grad_enabled(True)) instead of restoring what the caller had: run the "
            "model inside `with torch.no_grad():`, which restores the caller's mode on exit")
    if got != "spam":
        raise CheckFailure(f"classify_review('c', ...) called inside torch.no_grad() returned "
                           f"{got!r}, expected 'spam'")


def _classify_tie_case(impl):
    """An exact tie: every logit is the offset (strength 0), so torch.argmax returns class 0,
    the first of the tied maxima; a comparison that lets class 1 win ties answers 'spam'."""
    model = VoteModel(2, 8, strength=0.0).train()
    got = impl("c", model, CharTokenizer(), "cpu")
    if got == "spam":
        raise CheckFailure(
            "classify_review('c', ...) with a model whose two last-position logits are exactly "
            "equal ([-3.0, -3.0]) returned 'spam', expected 'not spam': torch.argmax returns "
            "the FIRST of tied maxima, class 0; your choice lets class 1 win a tie (a "
            "comparison such as logits[1] >= logits[0], or the max over the classes in "
            "reverse): take torch.argmax(logits, dim=-1)")


def _reads_last_real(impl, context_length, tok):
    """Whether the answer classifies from the last token before the padding: "cd" padded with
    7 to 4 ids is [99, 100, 7, 7], whose first and last positions are spam (odd) and whose last
    real token is not (so neither the first token nor the last position explains that)."""
    try:
        got = impl("cd", VoteModel(2, context_length), tok, "cpu", max_length=4, pad_token_id=7)
    except Exception:  # noqa: BLE001 (any failure: no pattern to name)
        return False
    return got == "not spam"


def _classify_fallback(ids, max_length, context_length, seen=None, expected=None, pad=PAD):
    """What differs between the model's input and the expected one, when no known mistake
    reproduces it: the length, how much of the text it starts with, what follows, and what
    that pattern means (a cut too long or too short, a padding count off by some ids, text ids
    changed before the model saw them)."""
    limit = context_length if max_length is None else min(max_length, context_length)
    keep = ids[:limit]
    fill = limit - len(keep) if max_length is not None else 0
    rule = (f"cut the {len(ids)}-id text to {limit} = " + (
        f"the context length {context_length} (max_length=None: no padding)"
        if max_length is None else
        f"min(max_length {max_length}, context length {context_length}), then pad to {limit}"))
    if not (torch.is_tensor(seen) and seen.dim() == 2 and seen.shape[0] == 1
            and expected is not None):
        shape = tuple(seen.shape) if torch.is_tensor(seen) else None
        return (f"the model's input has shape {shape}, expected (1, {len(expected or keep)}): "
                f"{rule}, and give the model one batch row, .unsqueeze(0)")
    row = seen[0].tolist()
    m = next((j for j, (a, b) in enumerate(zip(row, ids)) if a != b), min(len(row), len(ids)))
    rest = row[m:]
    shown = ", ".join(map(str, rest[:8])) + (", ..." if len(rest) > 8 else "")
    after = ("nothing after them" if not rest else
             f"then {len(rest)} padding id{'s' if len(rest) != 1 else ''} ({pad})"
             if set(rest) == {pad} else
             f"then [{shown}], " + ("ids of the text itself" if set(rest) <= set(ids) else
                                    f"ids that are neither the text's nor pad_token_id {pad}"))
    text = (f"your input is {len(row)} ids, expected {len(expected)}: it starts with the "
            f"text's first {m} of {len(ids)} ids, {after}; expected the first {len(keep)} ids, "
            f"then {fill} padding id{'s' if fill != 1 else ''}")
    if m == len(keep) and (not rest or set(rest) == {pad}):
        meaning = (f"the message part is right; the padding is {len(rest) - fill:+d} ids off: "
                   f"pad up to {limit} ids in all, limit - len(input_ids) after the cut"
                   if max_length is not None else
                   "the message part is right, but with max_length=None add no padding")
    elif m > len(keep):
        meaning = (f"the cut keeps {m - len(keep)} id{'s' if m - len(keep) != 1 else ''} too "
                   f"many: keep input_ids[:{limit}]")
    elif m < len(keep) and (not rest or set(rest) == {pad}):
        meaning = (f"the cut keeps {len(keep) - m} id{'s' if len(keep) - m != 1 else ''} too "
                   f"few: keep input_ids[:{limit}]")
    elif (m == len(keep) and fill > 0 and len(rest) > fill and len(rest) % fill == 0
          and rest == rest[:len(rest) // fill] * fill):
        chunk = rest[:len(rest) // fill]
        marker = [ord(c) for c in "<|endoftext|>"]  # the test tokenizers' ids of that text
        meaning = (f"the message part is right, and each of the {fill} padding slots holds the "
                   f"same {len(chunk)} ids {chunk[:13]}"
                   + (", the ids of the TEXT '<|endoftext|>' in this test's tokenizer"
                      if chunk == marker else "")
                   + ": your padding is a list of several ids repeated (such as "
                   "tokenizer.encode('<|endoftext|>', ...) times the count), not the padding "
                   "id; pad with [pad_token_id] * count, the argument the caller gives")
    elif keep and m >= len(keep) and rest and set(rest) != {pad}:
        both = any(row[k:k + len(keep)] == keep for k in range(1, 4))
        meaning = (f"after the text's {len(keep)} id{'s' if len(keep) != 1 else ''} come "
                   f"[{shown}]" + (" (or they went in front: with this text both read the "
                                   "same)" if both else "")
                   + ": something was added after the text (an id appended, its last id "
                   "repeated, a newline or an end marker added before encoding); encode the "
                   "text alone, then cut and pad")
    elif keep and (k := next((k for k in range(1, 4) if row[k:k + len(keep)] == keep), 0)):
        meaning = (f"the text's ids start at position {k}, after {row[:k]}: something was put "
                   "in front of the text (a space or a token prepended before encoding, or "
                   "added to the ids); encode the text exactly as given")
    elif edits := _id_edits(keep, row[:next((k for k in range(len(row), 0, -1)
                                             if row[k - 1] != pad), 0)]
                            if max_length is not None else row):
        meaning = (f"compared with the text's own ids, {edits}, and every other id is the "
                   "text's, in order: characters were removed, added or replaced before "
                   "encoding (a clean-up such as a replace, a filter or a normalisation), or "
                   "ids after it; encode the text exactly as given")
    else:
        meaning = (f"position {m} holds {rest[0] if rest else 'nothing'} where the text's id "
                   f"{ids[m] if m < len(ids) else pad} belongs: the text's ids were changed, "
                   "reordered or re-encoded before the model saw them; encode the text exactly "
                   "as given")
        if len(row) == len(expected) > 1:
            relation = describe_difference(torch.tensor(row), torch.tensor(expected))
            if relation:
                meaning += " (" + relation.replace("dim 0", "the input's positions") + ")"
    return f"{text}: {meaning} ({rule})"


def _without_pad_id(ids, pad, limit, max_length):
    """The input an answer gives that filters the padding id out of the text's own ids."""
    kept = [i for i in ids if i != pad][:limit]
    return kept + ([pad] * (limit - len(kept)) if max_length is not None else [])


def _id_edits(want, got):
    """The few edits (ids missing, added or replaced, with positions) that turn the id list
    ``want`` into ``got``, in words; "" when they are equal or reordered, differ in more than 3
    places or share no id in order."""
    import difflib
    ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    if sorted(want) == sorted(got) or all(op[0] != "equal" for op in ops):  # reordered: no edit
        return ""
    ops = [op for op in ops if op[0] != "equal"]
    if not ops or len(ops) > 3:
        return ""
    words = {"delete": lambda i1, i2, j1, j2: f"the id(s) {want[i1:i2]} at position(s) "
                                             f"{list(range(i1, i2))} are missing",
             "insert": lambda i1, i2, j1, j2: f"{got[j1:j2]} was added before position {i1}",
             "replace": lambda i1, i2, j1, j2: f"position(s) {list(range(i1, i2))} hold "
                                              f"{got[j1:j2]} in place of {want[i1:i2]}"}
    return "; ".join(words[tag](i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops)


class _IdMoves(TorchFunctionMode):
    """Records the device type of every ``.to`` call on an integer tensor (the token
    ids, not the model's float weights) in ``devices``."""

    def __init__(self):
        super().__init__()
        self.devices = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is torch.Tensor.to and args and torch.is_tensor(args[0]) \
                and not args[0].is_floating_point():
            target = kwargs.get("device", args[1] if len(args) > 1 else None)
            if torch.is_tensor(target):
                target = target.device
            if isinstance(target, (str, torch.device)):
                try:
                    self.devices.append(torch.device(target).type)
                except RuntimeError:
                    pass
        return func(*args, **kwargs)


def _classify_device_case(impl):
    model = VoteModel(2, 6, meta_id=3).train()
    try:
        got = impl("dc", model, CharTokenizer(), "meta", max_length=4)
    except (RuntimeError, TypeError) as err:
        if "legacy constructor" not in str(err):
            raise
        raise CheckFailure(f"with device='meta' (a stand-in for a GPU) your code raised "
                           f"{type(err).__name__}: {err}. torch.LongTensor(...) is a legacy "
                           "constructor that only makes CPU tensors: use torch.tensor(ids, "
                           "dtype=torch.long, device=device), or .to(device) on a CPU "
                           "tensor") from err
    devices = {call["device"].type for call in model.calls}
    if devices != {"meta"}:
        with _IdMoves() as moves:  # replayed: were the ids moved by a .to whose result was lost?
            try:
                impl("dc", VoteModel(2, 6, meta_id=3).train(), CharTokenizer(), "meta",
                     max_length=4)
            except Exception:  # noqa: BLE001 (only the .to calls matter here)
                pass
        if "meta" in moves.devices:
            raise CheckFailure(f"with device='meta' (a stand-in device the check uses) the model "
                               f"received its input on {sorted(devices)}, though your code "
                               "called .to(device) on the token ids: .to returns a NEW tensor "
                               "and leaves the old one where it was; assign it (input_tensor = "
                               "input_tensor.to(device)), or build it with torch.tensor(ids, "
                               "device=device)")
        raise CheckFailure(f"with device='meta' (a stand-in device the check uses) the model "
                           f"received its input on {sorted(devices)}: create the input tensor "
                           "on the device argument (torch.tensor(ids, device=device) or "
                           ".to(device))")
    if got != "spam":
        raise CheckFailure(f"with device='meta' the answer was {got!r}, expected 'spam'")


class _Bfloat16VoteModel(VoteModel):
    """The fake classifier cast to bfloat16: bfloat16 parameters and logits, as
    ``model.to(torch.bfloat16)`` gives (the token ids stay integers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.to(torch.bfloat16)

    def forward(self, in_idx):
        return super().forward(in_idx).to(torch.bfloat16)


def _dtype_kept(model, what):
    """Fail when the answer cast a bfloat16 model's parameters to another dtype."""
    cast = sorted({str(p.dtype) for p in model.parameters() if p.dtype != torch.bfloat16})
    if isinstance(model, _Bfloat16VoteModel) and cast:
        raise CheckFailure(f"{what}: the model arrived in bfloat16 (its parameters) and left "
                           f"in {', '.join(cast)}: your code cast the caller's model in place "
                           "(model.float(), .to(torch.float32) or .double()), which changes "
                           "it for everything after this call; leave the model's dtype alone "
                           "(torch.argmax works on bfloat16 logits)")


def _classify_bfloat16_case(impl):
    what = "classify_review('dc', ...) with a bfloat16 model, context_length 7"
    try:
        model = _Bfloat16VoteModel(2, 7).train()
        got = impl("dc", model, CharTokenizer(), "cpu")
    except TypeError as err:
        if "BFloat16" not in str(err):
            raise
        raise CheckFailure(f"{what}: your code raised TypeError: {err}. {_NUMPY_BFLOAT16}"
                           ".item()") from err
    _dtype_kept(model, what)
    if got != "spam":
        raise CheckFailure(f"{what} returned {got!r}, expected 'spam'")
    # padded: 50,256 is past what bfloat16 holds exactly (every integer only up to 256)
    what = ("classify_review('dc', ..., {'max_length': 5}) with a bfloat16 model, "
            "context_length 7")
    model.calls.clear()
    got = impl("dc", model, CharTokenizer(), "cpu", max_length=5)
    want = [100, 99, PAD, PAD, PAD]
    seen = model.calls[-1]["ids"].tolist() if model.calls else None
    if seen and seen[0] != want and len(seen[0]) == len(want):
        pairs = [(g, e) for g, e in zip(seen[0], want) if g != e]
        names = {narrowed_dtype(g, e) for g, e in pairs}
        if len(names) == 1 and None not in names:
            (name,), (g, e) = names, pairs[0]
            raise CheckFailure(
                f"{what}: the model saw {seen}, expected [{want}]: each differing id is the "
                f"right one passed through {name}, the model's dtype here ({e} came out as "
                f"{g}; {name} " + _ROUNDING.get(name, "which cannot hold it")[6:] + "): the "
                "ids were cast to the model's dtype on the way; token ids stay integers "
                "(torch.long) whatever the model's dtype")
    _dtype_kept(model, what)
    if got != "not spam":
        raise CheckFailure(f"{what} returned {got!r}, expected 'not spam' (the last position "
                           "is padding, 50,256: even, so class 0)")


def _classify_eval_case(impl):
    model = VoteModel(2, 7).eval()
    got = impl("dc", model, CharTokenizer(), "cpu")
    _left_in_train_mode(model, True, "classify_review('dc', ...) with context_length 7")
    if got != "spam":
        raise CheckFailure(f"classify_review('dc', ...) with context_length 7 returned {got!r}, "
                           "expected 'spam'")


def _classify_retrained_case(impl):
    """One model asked about one text twice, its weights changed in between (as a training step
    changes them): the second answer must come from the changed model."""
    what = "classify_review('c', model, ...) with context_length 6"
    tok, model = CharTokenizer(), VoteModel(2, 6).train()
    first = impl("c", model, tok, "cpu")
    if first != "spam":
        raise CheckFailure(f"{what} returned {first!r}, expected 'spam'")
    with torch.no_grad():
        model.strength = -1.0  # every vote now counts against its class: 'c' is not spam
    model.calls.clear()
    got = impl("c", model, tok, "cpu")
    if not model.calls:
        raise CheckFailure(f"{what}, asked again after the model changed in place (as a "
                           f"training step changes its weights): the model was not called the "
                           f"second time, and your code returned {got!r} again: an answer "
                           "kept from an earlier call with the same arguments (functools."
                           "lru_cache or functools.cache, or a dict keyed by the text and the "
                           "model object; the same object can hold other weights later): run "
                           "the model on every call")
    if got != "not spam":
        raise CheckFailure(f"{what}, asked again after the model changed in place, returned "
                           f"{got!r}, expected 'not spam' (the changed model votes class 0)")


def _classify_positional_case(impl):
    """max_length and pad_token_id given by position, in the stub's order; named when the same
    call by keyword passes (parameters in another order)."""
    def by_position(text, model, tok, device, max_length=None, pad_token_id=PAD):
        return impl(text, model, tok, device, max_length, pad_token_id)
    _order_named(lambda f: _classify_case(f, 9, [("ca", 5, 7)]), impl, by_position,
                 "classify_review(text, model, tokenizer, 'cpu', 5, 7) (max_length and "
                 "pad_token_id given by position)", "(text, model, tokenizer, device, "
                 "max_length=None, pad_token_id=50256)")


def _classify_marker_case(impl):
    """A text that holds the characters '<|endoftext|>': encoded as text, one id each."""
    tok = _MarkerTokenizer()
    _marker_named(lambda: _classify_case(impl, 20, [("dc <|endoftext|> c", None, PAD)],
                                         tok=tok), tok)


def check_classify_review(impl):
    # "c" is 99 (odd: spam) and "d" is 100 (even: not spam); padding 50256 is even
    # "cfc": the last and first tokens are spam, the largest id ("f", 102) is not
    six = [("c", None, PAD), ("d", None, PAD), ("cfc", None, PAD), ("dc", None, PAD),
           ("c", 3, PAD),
           ("abcdefghij", 20, PAD), ("abcdefghij", 4, PAD), ("abcdefghi", None, PAD),
           ("é c", 5, PAD)]  # 3 ids here, 4 with the byte tokenizer below: ids cached by text
    nine = [("ca", 5, 7), ("dc", 12, 9), ("abcdefghijklm", None, 7), ("c", None, 5),
            (" cd ", None, 5), ("  dc ", 8, 7), ("Dc", None, 5), ("abcdefg", 4, 7),
            ("ca", 5, 0), ("c  d\tc", None, 5), ("\ufb01 \xe9 e\u0301 c", None, PAD),
            ("", 3, 7), ("  ", 3, 7),  # blank texts, padded: the last id 7 votes spam
            (" dc\n", None, 5),  # a final line break (and a space before the text) kept
            ("c\r\nd", None, 5),  # a Windows line break (\r\n) kept
            # the text's own "!" (33) is the padding id, as GPT-2's "!" is id 0: kept, with
            # padding after it and without padding
            ("c!d!c", 8, 33), ("d!c", None, 33)]
    # one case per message, so an answer with one branch still to do is reported as partly done
    check_cases(state_probed(impl, [
        (f"context {n}", lambda f, n=n, c=c: _classify_case(f, n, [c]))
        for n, cases in ((6, six), (9, nine)) for c in cases]
        # 'é' is two ids with a byte tokenizer: a cut by characters keeps too many
        + [("context 6, byte tokenizer", lambda f: _classify_case(
            f, 6, [("éé dc", 4, PAD)], tok=ByteTokenizer())),
           ("context 6, byte tokenizer, a short text", lambda f: _classify_case(
               f, 6, [("é c", 5, PAD)], tok=ByteTokenizer()))]
        + [("device 'meta'", _classify_device_case),
           ("context 8, a near tie", _classify_close_case),
           ("context 8, an exact tie", _classify_tie_case),
           ("context 6, called inside torch.no_grad()", _classify_grad_mode_case),
           ("a model that arrives in eval mode", _classify_eval_case),
           ("context 6, one model asked twice, changed in between", _classify_retrained_case),
           ("a bfloat16 model", _classify_bfloat16_case),
           ("context 9, max_length=5 and pad 7 given by position", _classify_positional_case),
           ("context 20, a text holding '<|endoftext|>'", _classify_marker_case)]))


EXERCISES = [
    Exercise(id="ex6_1", file="ex6_1_balanced_dataset.py", entry="create_balanced_dataset",
             title="Balance ham and spam by sampling ham", check=check_balanced_dataset),
    Exercise(id="ex6_2", file="ex6_2_spam_dataset.py", entry="SpamDataset",
             title="SpamDataset: pad and truncate every message", check=check_spam_dataset),
    Exercise(id="ex6_3", file="ex6_3_pad_to_context.py", entry="pad_batch",
             title="Pad to the longest message or to the full context", check=check_pad_batch),
    Exercise(id="ex6_4", file="ex6_4_classifier_head.py", entry="prepare_classifier",
             title="Replace the head, freeze the rest, count what trains",
             check=check_prepare_classifier),
    Exercise(id="ex6_5", file="ex6_5_token_choice.py", entry="select_logits",
             title="Classify from the last, first or mean token", check=check_select_logits),
    Exercise(id="ex6_6", file="ex6_6_accuracy_loader.py", entry="calc_accuracy_loader",
             title="Classification accuracy over a data loader", check=check_accuracy_loader),
    Exercise(id="ex6_7", file="ex6_7_classify_review.py", entry="classify_review",
             title="Classify a new message", check=check_classify_review),
]
