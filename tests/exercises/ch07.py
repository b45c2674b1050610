"""Checks for the chapter 7 exercises (instruction finetuning, LoRA, DPO).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference) and from hand computations.

Hints are chosen by evidence: when an answer differs, the check applies the usual mistakes to
the reference (padding kept in the targets, the first end-of-text token masked, targets not
shifted, LoRA's A initialised the wrong way, the DPO loss with its sign flipped, the last
batch's loss reported instead of the mean, ...: the ideas of the kept mutants in
``tests/exercises/mutants/ch07/``) and names the one that reproduces the answer's output; when
none does, it says plainly what differs. Every check runs several configurations whose sizes are
pairwise distinct, and checks the in-place, dtype and device contracts its exercise states.

Longer than our usual 400 lines on purpose: each check replays many known mistakes on two
or more configurations, and the checks of a chapter share their helpers (models, inputs,
replays); ``<chapter>_<part>.py`` files hold separate parts such as the bonus exercises.
"""

from __future__ import annotations

import copy
import functools
import html
import importlib
import inspect
import itertools
import json
import math
import os
import random
import re
import tempfile
import textwrap
import unicodedata
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

import llmscratch
from llmscratch.checking import (
    CheckFailure,
    Exercise,
    assert_close,
    call_answer,
    check_cases,
    describe_difference,
    fresh_copy,
    likely_cause,
    mixed_device_calls,
    one_thread,
    raised_not_implemented,
    same_results,
    same_under_two_seeds,
    state_probed,
    tensors_not_on,
)


def _matching_cause(actual, candidates):
    """The first cause whose output equals ``actual`` exactly (strings, nested lists), or None:
    the exact-equality sibling of ``likely_cause`` for answers that are not float tensors."""
    for cause, value in candidates.items():
        if value is not None and actual == value:
            return cause
    return None


@functools.lru_cache(maxsize=1)
def _records():
    return tuple(llmscratch.download_and_load_file())


# Records the data set lacks: braces, a multi-line input, unicode, an extra key, spaces around
# the text, an input of spaces only (not empty: it keeps its Input section), an input of one
# character, an empty instruction (its line stays: a join that skips empty parts drops it), one
# with an input (the input keeps its section whatever the instruction), text that an answer
# may "clean" by mistake: a leading byte-order mark, Windows line endings, a tab, a superscript,
# an input of about 2,600 characters (longer than any record's: a length cap shows), HTML
# entities, a chat tag inside the text, placeholder-like inputs ('<noinput>', the word
# 'None': not empty), an instruction of about 3,200 characters (a cap on the instruction
# shows), backslashes written in the text (re.sub's replacement reads them as escapes),
# a record whose keys come in another order (fields read by position, entry.values(), show),
# a Markdown heading in the input (its '###' removed as if it were the prompt's header), and a
# '%' in an instruction with an input (a prompt run through % to insert the input reads it as a
# conversion: '% o' asks for an integer), an input 'nan' (the text pandas writes for a missing
# cell, taken as none by a test for it), no-break spaces in both fields (rewritten as
# ordinary spaces by a "cleaning" .replace('\xa0', ' ') or by NFKC normalisation), and
# typographic punctuation (dashes, an ellipsis, curly quotes: "tidied" into ASCII by a replace
# table, which the data set's few curly quotes alone do not show in the instruction), and two
# more placeholder-like inputs that a list of "empty" markers holds: a dash and 'n/a' in
# lower case (each a real input: it keeps its Input section), and an input 'null' (JSON's
# missing value, which a list of "empty" markers may also hold).
_EXTRA_RECORDS = (
    {"instruction": "Fill in {input} with a word.", "input": "The {x} sat.", "output": "cat"},
    {"instruction": "Sum the list.", "input": "1\n2\n3", "output": "6"},
    {"instruction": "Translate 'café' to English.", "input": "", "output": "coffee"},
    {"instruction": "Name a prime.", "input": "", "output": "7", "id": 12},
    {"instruction": "  Repeat the word. ", "input": " echo\n", "output": "echo"},
    {"instruction": "Keep the blank.", "input": "  ", "output": "  "},
    {"instruction": "Double the number.", "input": "7", "output": "14"},
    {"instruction": "", "input": "", "output": "Hello."},
    {"instruction": "", "input": "Good morning.", "output": "Guten Morgen."},
    {"instruction": "\ufeffSpell the word backwards.", "input": "", "output": "sdrawkcab"},
    {"instruction": "Join the two lines.", "input": "first line\r\nsecond line",
     "output": "first line second line"},
    {"instruction": "Name the columns.", "input": "name\tage", "output": "name and age"},
    {"instruction": "Square the number.", "input": "x² for x = 3", "output": "9"},
    {"instruction": "Summarize the passage in one sentence.",
     "input": " ".join(f"Sentence {k} of a long passage adds one more detail to the story."
                       for k in range(1, 41)), "output": "A long story."},
    {"instruction": "Rewrite the note as plain text.", "input": "Salt &amp; pepper &lt;3",
     "output": "Salt & pepper <3"},
    {"instruction": "Explain what the tag <|user|> marks in a chat prompt.", "input": "",
     "output": "The start of the user's turn."},
    {"instruction": "Write a haiku about rain.", "input": "<noinput>", "output": "Soft rain."},
    {"instruction": "Name the type of this Python value.", "input": "None",
     "output": "NoneType"},
    {"instruction": " ".join(f"Step {k}: add one more clause to the long instruction."
                             for k in range(1, 61)), "input": "", "output": "Done."},
    {"instruction": "Say what the escapes \\n and \\t print in Python.",
     "input": "print('a\\tb\\n')", "output": "a, a tab, b and a newline"},
    {"output": "Paris.", "input": "France", "instruction": "Name the capital of the country."},
    {"instruction": "Turn the Markdown heading into a sentence.", "input": "### Notes\nBuy milk.",
     "output": "The notes say: buy milk."},
    {"instruction": "What is 15% of the number?", "input": "80", "output": "12"},
    {"instruction": "Name the value that this cell of the table holds.", "input": "nan",
     "output": "Not a number."},
    {"instruction": "Keep the price\u00a0tag together.", "input": "10\u00a0kg for 5\u00a0EUR",
     "output": "Kept."},
    {"instruction": "Rewrite the notice\u2014in one line\u2026",
     "input": "Open 9\u201317 h, \u201cclosed\u201d on Sundays.", "output": "Open 9 to 17."},
    {"instruction": "Say what this cell of the price list means.", "input": "-",
     "output": "No price is given."},
    {"instruction": "Expand the abbreviation written on the form.", "input": "n/a",
     "output": "Not applicable."},
    {"instruction": "Write this JSON value as a Python value.", "input": "null",
     "output": "None"},
)
# checked last, in a case of its own: newlines at the edges of the text and blank lines in a
# row (a strip of newlines alone, or blank lines collapsed, shows)
_EDGE_NEWLINES = {"instruction": "Number the items below: \n\n", "input": "\n  - tea\n\n\n  - milk",
                  "output": "1. tea\n2. milk"}


# checked after it: an input of one newline, not empty (a test of entry['input'].strip('\n')
# drops its section; any strip of it keeps the section empty, so the case above names those)
_NEWLINE_INPUT = {"instruction": "Answer the blank line.", "input": "\n",
                  "output": "Nothing to answer."}


# checked last: an instruction that quotes an Alpaca prompt (its headers are the record's
# text): a Phi-3 prompt made from the Alpaca one by str.replace of the headers rewrites them too
_ALPACA_IN_TEXT = {"instruction": "Rewrite this Alpaca prompt in the Phi-3 style:\n\n"
                                  "### Instruction:\nName a color.\n\n### Input:\nred",
                   "input": "Keep its meaning.", "output": "<|user|>\nName a color.\nred"}


_FIELD_ORDER = ("instruction", "input", "output")


def _key_order_hint(impl, entry, reference):
    """Name fields read by the position of the record's keys (entry.values(), a tuple
    unpacking of the items), when this record's keys come in another order and the same
    record with its keys in the usual order gets the right prompt; None otherwise."""
    order = list(entry)
    if tuple(order[:3]) == _FIELD_ORDER:
        return None
    usual = {**{k: entry[k] for k in _FIELD_ORDER}, **entry}
    try:
        right = impl(copy.deepcopy(usual)) == reference(entry)
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return None
    if not right:
        return None
    return (f"yours depends on the order of the record's keys: this record lists them as "
            f"{order}, and the same record with {list(_FIELD_ORDER)} first gets the right "
            "prompt, so your code reads the fields by position (entry.values(), or a tuple "
            "unpacking of entry.items()?); JSON files list the keys in any order: read each "
            "field by its name, entry['instruction'] and entry['input']")


def _input_in_instruction_hint(impl, entry, reference, got):
    """Name an input left out because the instruction already holds its text (a test such as
    entry['input'] not in entry['instruction']), when yours drops this record's input and two
    probes with the same input agree: left out when the instruction quotes it, kept when it
    does not; None otherwise."""
    text = entry["input"]
    if not text or text not in entry["instruction"] or got != reference({**entry, "input": ""}):
        return None
    quoted = {"instruction": f"Say {text} again.", "input": text, "output": ""}
    apart = {"instruction": "Say it again.", "input": text, "output": ""}
    if text in apart["instruction"]:
        return None
    try:
        kept = impl(copy.deepcopy(apart)) == reference(apart)
        dropped = impl(copy.deepcopy(quoted)) == reference({**quoted, "input": ""})
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return None
    if not (kept and dropped):
        return None
    return (f"the input {text[:40]!r} is left out because the instruction already holds its "
            f"text (a test such as entry['input'] not in entry['instruction']?): the same input "
            f"is kept after {apart['instruction']!r} and left out after "
            f"{quoted['instruction']!r}; the input belongs in the prompt whenever "
            "entry['input'] is not '', even when the instruction repeats it")


_FIRST_LINE_PROBE = {"instruction": "Add the numbers.", "input": "12 and 30 and 7\n4 and 5",
                     "output": "58"}


def _first_lines_kept(impl, reference, key):
    """Whether yours keeps only the first line of the record's ``key`` on a probe record whose
    first line is long (a length cap keeps another part there)."""
    probe = {**_FIRST_LINE_PROBE, "instruction": "Add\nthe numbers."} if key == "instruction" \
        else _FIRST_LINE_PROBE
    try:
        return impl(dict(probe)) == reference({**probe, key: probe[key].split("\n")[0]})
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return False


def _line_wraps(entry, reference):
    """The instruction or the input wrapped into lines (textwrap.fill), named with the widths
    that give the same prompt (textwrap's default is 70)."""
    causes = {}
    for key in ("instruction", "input"):
        text, found = entry[key], {}
        if len(text) <= 20:
            continue
        for width in range(20, 161):
            filled = textwrap.fill(text, width=width)
            if "\n" in filled and filled != text:
                found.setdefault(filled, []).append(width)
        for filled, widths in found.items():
            width = (f"width={widths[0]}" if len(widths) == 1 else "width=70, textwrap's "
                     "default" if 70 in widths else f"a width from {widths[0]} to {widths[-1]}")
            causes[f"the {key} was wrapped into short lines (textwrap.fill or textwrap.wrap "
                   f"with {width}): newlines stand where its long lines had spaces; use the "
                   f"{key} as it is, in one piece"] = reference({**entry, key: filled})
    return causes


_BLANK_LINES_PROBE = {"instruction": "Count the blank lines.", "input": "one\n\n\n\ntwo",
                      "output": "3"}


def _blank_lines_hint(impl, reference, got, expected):
    """Name runs of newlines collapsed in the whole prompt (re.sub(r'\\n{3,}', '\\n\\n', ...)
    or r'\\n{2,}' to one), when yours equals that replay here and again on a probe record whose
    input holds three blank lines (other mistakes, such as an empty instruction's line left
    out, can give the same prompt on one record); None otherwise."""
    for pattern, repl, what in ((r"\n{3,}", "\n\n", "one blank line"),
                                (r"\n{2,}", "\n", "one newline")):
        if got != re.sub(pattern, repl, expected) or got == expected:
            continue
        want = reference(_BLANK_LINES_PROBE)
        try:
            seen = impl(copy.deepcopy(_BLANK_LINES_PROBE))
        except Exception:  # noqa: BLE001 - a probe only; the record's failure stands
            return None
        if seen == re.sub(pattern, repl, want) != want:
            return (f"runs of newlines in the prompt are collapsed to {what} (a re.sub("
                    f"{pattern!r}, {repl!r}, ...) or a loop that removes empty lines, on the "
                    "prompt or on the record's text): the record's own newlines and blank "
                    f"lines must stay (seen here and on a record whose input is "
                    f"{_BLANK_LINES_PROBE['input']!r}: yours ends with {seen[-11:]!r}); build "
                    "the prompt from the text as it is")
    return None


_INVISIBLE_PROBE = {"instruction": "Keep the\u00a0no-break space.", "input": "zero\u200bwidth",
                    "output": "Kept."}


def _invisible_hint(impl, reference, got, entry):
    """Name characters that print as nothing (a byte-order mark, a no-break or zero-width
    space) filtered out of the text (str.isprintable(), a Unicode category test), when yours
    equals that replay here and a probe record loses such characters too; None otherwise (a
    byte-order mark stripped alone is named by its own replay)."""
    cleaned = {k: "".join(c for c in entry[k] if c.isprintable() or c in "\n\r\t")
               for k in ("instruction", "input")}
    if cleaned == {k: entry[k] for k in cleaned} or got != reference({**entry, **cleaned}):
        return None
    try:
        seen = impl(copy.deepcopy(_INVISIBLE_PROBE))
    except Exception:  # noqa: BLE001 - a probe only; the record's failure stands
        return None
    lost = [name for char, name in (("\u00a0", "a no-break space (U+00A0)"),
                                    ("\u200b", "a zero-width space (U+200B)"))
            if not isinstance(seen, str) or char not in seen]
    if not lost:
        return None
    here = ", ".join(sorted({f"U+{ord(c):04X}" for k in cleaned for c in entry[k]
                             if c not in cleaned[k]}))
    return (f"characters that print as nothing were filtered out of the record's text: here "
            f"{here}, and on a probe record {' and '.join(lost)} (a filter such as "
            "str.isprintable() or a unicodedata.category() test?): every character of the "
            "record belongs in the prompt; use the text as it is")


_INPUT_NEEDS_INSTRUCTION = (
    "the instruction is empty here and yours leaves the input out (a test such as "
    "entry['instruction'] and entry['input']?): add the {section} whenever entry['input'] is "
    "not empty, whatever the instruction")


_INPUT_TAKEN_AS_NONE = (
    "the {section} is missing though the input is {text!r}, which is not empty: yours treats "
    "this input as none (a list of placeholder inputs such as '<noinput>', 'N/A', the word "
    "'None', JSON's 'null' or 'nan', the text pandas writes for a missing cell, or a test of "
    "another key?); "
    "add the {section} whenever entry['input'] is not ''")


def _indented_template(got, expected, entry):
    """Name template lines that yours indents where the prompt starts them at the margin (an
    indented triple-quoted template whose textwrap.dedent stopped working); None otherwise."""
    mine, want = got.split("\n"), expected.split("\n")
    if len(mine) != len(want) or [m.lstrip() for m in mine] != [w.lstrip() for w in want]:
        return None
    moved = [m for m, w in zip(mine, want) if len(m) - len(m.lstrip()) > len(w) - len(w.lstrip())
             and m.strip()]
    if not moved:
        return None
    lines = [k for k in ("instruction", "input") if "\n" in entry[k]]
    why = (f"; here the record's {lines[0]} has lines of its own without that indentation, and "
           "textwrap.dedent (or inspect.cleandoc) removes only the indentation that every line "
           "shares, so nothing was removed" if lines else "")
    return (f"yours indents {len(moved)} line(s) that the prompt starts at the left margin "
            f"(such as {moved[0][:40]!r}): the indentation of an indented triple-quoted template "
            f"is in your prompt{why}; build the prompt from unindented pieces (or dedent the "
            "template before inserting the record's text)")


# a line of spaces alone between two lines of code (an editor leaves them): textwrap.dedent
# empties such lines, which tells it from a strip of the input
_DEDENT_PROBE = {"instruction": "Fix the indentation of the code.",
                 "input": "def f():\n    x = 1\n    \n    return x", "output": "Done."}


def _dedent_hint(impl, reference, got, expected, entry=None):
    """Name textwrap.dedent run over the finished prompt (or over the input), which empties
    every line that holds only spaces or tabs, when yours gives exactly that here and on a
    probe whose input has such a line between two others; None otherwise."""
    if got == expected:
        return None
    if got != textwrap.dedent(expected):
        return None if entry is None else _field_dedent_hint(impl, reference, got, entry)
    want = reference(dict(_DEDENT_PROBE))
    try:
        probe = impl(copy.deepcopy(_DEDENT_PROBE))
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return None
    if probe == want or probe != textwrap.dedent(want):
        return None
    return _line_end_hint(impl, reference) or (
        "yours empties the lines that hold only spaces or tabs, here and in a probe input "
        f"{_DEDENT_PROBE['input']!r} (its third line, '    ', came back empty): "
        "textwrap.dedent run over the finished prompt (or over the record's text) does "
        "that, besides removing shared indentation; use the record's text as it is: dedent "
        "only a template before the text goes into it, or build the prompt from "
        "unindented pieces")


# a line that holds text and then spaces: a strip of every line's end (a per-line .rstrip(),
# or re.sub(r'[ \t]+$', '', text, flags=re.M)) empties a line of spaces alone as dedent does,
# and also removes these trailing spaces, which dedent keeps
_LINE_END_PROBE = {"instruction": "Keep the code as it is.", "input": "x = 1  \n    \ny = 2",
                   "output": "Kept."}


def _line_end_hint(impl, reference):
    """Name the spaces at the end of every line removed (a line of spaces alone then comes back
    empty, as with textwrap.dedent), when the probe above loses the spaces after its text
    too; None otherwise."""
    want = reference(dict(_LINE_END_PROBE))
    try:
        probe = impl(copy.deepcopy(_LINE_END_PROBE))
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return None
    ends = [reference({**_LINE_END_PROBE, "input": "x = 1\n\ny = 2"}),
            "\n".join(line.rstrip() for line in want.split("\n"))]
    if probe == want or probe not in ends:
        return None
    return ("yours removes the spaces and tabs at the end of every line: here a line of spaces "
            "alone came back empty, and in a probe input "
            f"{_LINE_END_PROBE['input']!r} the spaces after 'x = 1' are gone too (a per-line "
            ".rstrip(), or re.sub(r'[ \\t]+$', '', text, flags=re.M)); use the record's text "
            "as it is, trailing spaces included")


def _field_dedent_hint(impl, reference, got, entry):
    """Name textwrap.dedent run over the record's input or instruction alone (it strips the
    leading spaces of a one-line text, as .lstrip() would), when the probe's input, whose line
    of spaces alone dedent empties and a strip keeps, shows it too; None otherwise."""
    for key in ("input", "instruction"):
        if got != reference({**entry, key: textwrap.dedent(entry[key])}):
            continue
        want = reference({**_DEDENT_PROBE, key: textwrap.dedent(_DEDENT_PROBE[key])})
        if want == reference(dict(_DEDENT_PROBE)):
            continue
        try:
            probe = impl(copy.deepcopy(_DEDENT_PROBE))
        except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
            return None
        if probe != want:
            continue
        return (f"the {key} went through textwrap.dedent (to tidy indented code?): here its "
                f"leading spaces are gone, and in a probe input {_DEDENT_PROBE['input']!r} "
                "its line of spaces alone came back empty, as dedent does; use the record's "
                "text as it is")
    return None


def _whitespace_note(got, expected, i):
    """Name a difference of whitespace alone at character ``i`` (a newline too many or too few,
    a missing space), which is hard to see in a quoted string; "" otherwise."""
    if "".join(got.split()) != "".join(expected.split()):
        return ""
    while i > 0 and got[i - 1].isspace():  # the whole run of whitespace, from its start
        i -= 1
    j = next((k for k in range(i, len(got)) if not got[k].isspace()), len(got))
    k = next((k for k in range(i, len(expected)) if not expected[k].isspace()), len(expected))
    mine, want = got[i:j], expected[i:k]
    before = repr(expected[max(0, i - 12):i].lstrip())
    words = {"": "nothing", " ": "one space", "\n": "one newline", "\n\n": "a blank line "
             "(two newlines)"}
    return (f" The difference is whitespace alone: after {before} yours has "
            f"{words.get(mine, repr(mine))} where the expected prompt has "
            f"{words.get(want, repr(want))}." + _whitespace_places(got, expected))


def _whitespace_places(got, expected):
    """Where the runs of whitespace differ, when they differ in more than one place (texts
    equal but for whitespace): the places in the expected prompt and a regular step between
    them (text cut into pieces of a fixed size); "" for one place."""
    places, i, j = [], 0, 0
    while i <= len(got) and j <= len(expected):
        a = next((k for k in range(i, len(got)) if not got[k].isspace()), len(got))
        b = next((k for k in range(j, len(expected)) if not expected[k].isspace()), len(expected))
        if got[i:a] != expected[j:b]:  # the place of the first character that differs
            places.append(j + len(os.path.commonprefix([got[i:a], expected[j:b]])))
        i, j = a + 1, b + 1
    if len(places) < 2:
        return ""
    steps = {b - a for a, b in zip(places, places[1:])}
    return (f" Whitespace differs in {len(places)} places, at characters "
            f"{', '.join(map(str, places[:8]))}{' ...' if len(places) > 8 else ''} of the expected "
            "prompt" + (f": every {steps.pop()} characters, as if a text were cut into pieces of "
                        "that size" if len(steps) == 1 and len(places) > 2 else "") + ".")


def _first_difference(got, expected):
    i = next((k for k, (a, b) in enumerate(zip(got, expected)) if a != b),
             min(len(got), len(expected)))
    return (f"they first differ at character {i}: yours has {got[max(0, i - 15):i + 25]!r}, "
            f"expected {expected[max(0, i - 15):i + 25]!r}." + _whitespace_note(got, expected, i))


_PREAMBLE = ("Below is an instruction that describes a task. Write a response that "
             "appropriately completes the request.")


def _one_char_hint(got, expected):
    """Name one visible character too many or too few (a period, a colon), hard to spot in a
    quoted string, and say when it sits in the fixed preamble; None otherwise."""
    i = next((k for k, (a, b) in enumerate(zip(got, expected)) if a != b),
             min(len(got), len(expected)))
    before = repr(expected[max(0, i - 24):i].lstrip())
    if i < len(got) and got[:i] + got[i + 1:] == expected and not got[i].isspace():
        note = f"yours has an extra {got[i]!r} after {before}; remove it"
    elif i < len(expected) and got[:i] + expected[i] + got[i:] == expected \
            and not expected[i].isspace():
        note = f"yours lacks {expected[i]!r} after {before}; add it"
    else:
        return None
    if expected.startswith(_PREAMBLE) and i <= len(_PREAMBLE):
        note = f"the fixed preamble is not copied exactly: {note} (it is {_PREAMBLE!r})"
    return note


def _piece_hint(got, expected):
    """Name the one piece that ``got`` lacks or adds, when the rest of the text is equal."""
    p = next((k for k, (x, y) in enumerate(zip(got, expected)) if x != y),
             min(len(got), len(expected)))
    s = 0
    while s < min(len(got), len(expected)) - p and got[-1 - s] == expected[-1 - s]:
        s += 1
    missing, extra = expected[p:len(expected) - s], got[p:len(got) - s]
    before = expected[max(p - 20, 0):p]
    if missing and not extra:
        return f"yours lacks {missing!r} after {before!r}; add it there"
    if extra and not missing:
        return f"yours has {extra!r} too many after {before!r}; leave it out"
    while p > 0 and got[p - 1].isalnum() and expected[p - 1].isalnum():  # whole words
        p -= 1
    while s > 0 and got[-s].isalnum() and expected[-s].isalnum():
        s -= 1
    missing, extra = expected[p:len(expected) - s], got[p:len(got) - s]
    if 0 < len(missing) <= 40 and 0 < len(extra) <= 40:
        return (f"yours has {extra!r} where the prompt has {missing!r} (after "
                f"{expected[max(p - 20, 0):p]!r}); write that part as the prompt does")
    return None


def _one_side_strips(entry, reference):
    """The instruction or the input stripped on one side only (.rstrip() or .lstrip()), with
    its whitespace collapsed (' '.join(text.split())), or "cleaned": a byte-order mark removed,
    line endings or tabs rewritten, Unicode normalised, non-ASCII characters dropped."""
    causes = {}
    for key in ("instruction", "input"):
        text = entry[key]
        if "\ufeff" in text:
            causes[f"the {key}'s byte-order mark (U+FEFF, '\\ufeff') was removed "
                   "(.lstrip('\\ufeff') or a 'utf-8-sig' decode): it is part of the record "
                   f"here; use the {key} as it is"] = reference(
                       {**entry, key: text.replace("\ufeff", "")})
        if "\r" in text:
            causes[f"the {key}'s Windows line endings ('\\r\\n') were rewritten as '\\n' "
                   f"(.replace('\\r\\n', '\\n')): keep the {key}'s own line endings"
                   ] = reference({**entry, key: text.replace("\r\n", "\n")})
            causes[f"the {key} was rebuilt from its lines ('\\n'.join(text.splitlines())), "
                   "which rewrites '\\r\\n' as '\\n' and drops a final newline: keep the "
                   f"{key} as it is"] = reference({**entry, key: "\n".join(text.splitlines())})
        for spaced in ([text.expandtabs(size) for size in (8, 4, 2)]
                       + [text.replace("\t", " " * n) for n in range(1, 9)] if "\t" in text
                       else []):
            n = len(spaced) - len(text) + text.count("\t")  # spaces for the tabs
            causes[f"the {key}'s tabs were turned into spaces (here {n} space(s) for "
                   f"{text.count(chr(9))} tab(s): .expandtabs() or .replace('\\t', ' ')): "
                   "keep the tab characters"] = reference({**entry, key: spaced})
    for keys in (("instruction", "input"), ("instruction",), ("input",)):
        if all("\u00a0" in entry[k] for k in keys):  # a "cleaning" of no-break spaces
            causes[f"the no-break spaces (U+00A0, '\\xa0') in the record's "
                   f"{' and '.join(keys)} were rewritten as ordinary spaces (.replace('\\xa0', "
                   "' '), or unicodedata.normalize('NFKC', ...), which does the same to them): "
                   "they are part of the record's text; keep it as it is"] = reference(
                       {**entry, **{k: entry[k].replace("\u00a0", " ") for k in keys}})
    for key in ("instruction", "input"):
        text = entry[key]
        for form in ("NFKC", "NFKD", "NFC", "NFD"):
            if unicodedata.normalize(form, text) != text:
                causes[f"the {key} was Unicode-normalised (unicodedata.normalize({form!r}, "
                       "...)), which rewrites characters such as '²' or 'é': keep the text "
                       "as it is"] = reference({**entry, key: unicodedata.normalize(form, text)})
        causes[f"the {key}'s whitespace was collapsed (' '.join(...split()), or its newlines "
               f"replaced by spaces): its newlines and runs of spaces must stay; use the {key} "
               "as it is"] = reference({**entry, key: " ".join(entry[key].split())})
        causes[f"the {key}'s newlines were replaced by spaces (.replace('\\n', ' ')): keep "
               f"the {key}'s own newlines"] = reference({**entry, key: entry[key].replace(
                   "\n", " ")})
        for side, strip in (("trailing", str.rstrip), ("leading", str.lstrip)):
            method = "rstrip" if side == "trailing" else "lstrip"
            causes[f"the {key} lost its {side} spaces (.{method}() or .strip() on it); use it "
                   f"as it is"] = reference({**entry, key: strip(entry[key])})
            causes[f"the {key} lost its {side} newlines but kept its spaces (.{method}('\\n') "
                   f"or .strip('\\n') on it): keep the {key}'s own newlines; use it as it is"
                   ] = reference({**entry, key: strip(entry[key], "\n")})
    for quote in (True, False):  # HTML escaping of both fields, as a guard for the tags
        escaped = {k: html.escape(entry[k], quote=quote) for k in ("instruction", "input")}
        if escaped != {k: entry[k] for k in escaped}:
            causes["the record's text was HTML-escaped (html.escape(...)"
                   + ("" if quote else ", quote=False") + ": "
                   "'>' became '&gt;', '&' '&amp;'): the prompt is plain text, not HTML; use "
                   "the text as it is"] = reference({**entry, **escaped})
    unescaped = {k: html.unescape(entry[k]) for k in ("instruction", "input")}
    if unescaped != {k: entry[k] for k in unescaped}:
        causes["the record's HTML entities were decoded (html.unescape(...): '&amp;' became "
               "'&', '&lt;' '<'): the prompt keeps the record's text as it is, entities "
               "included"] = reference({**entry, **unescaped})
    untagged = {k: re.sub(r"<\|[^|<>]*\|>", "", entry[k]) for k in ("instruction", "input")}
    if untagged != {k: entry[k] for k in untagged}:
        causes["the chat tags inside the record's text (such as '<|user|>') were removed (a "
               "re.sub or .replace that 'sanitises' the text): the record's text goes into the "
               "prompt as it is, tags included"] = reference({**entry, **untagged})
    for marks in ("### ", "###", "#"):  # a guard against headers inside the record's text
        unmarked = {k: entry[k].replace(marks, "") for k in ("instruction", "input")}
        if unmarked != {k: entry[k] for k in unmarked}:
            causes[f"the '#' marks of a Markdown heading in the record's text were removed "
                   f"(.replace({marks!r}, ''), a guard against headers such as '### Input:' "
                   "inside the text?): the record's text goes into the prompt as it is, its "
                   "'###' included"] = reference({**entry, **unmarked})
    ascii_only = {k: entry[k].encode("ascii", "ignore").decode("ascii")
                  for k in ("instruction", "input")}
    if ascii_only != {k: entry[k] for k in ascii_only}:
        causes["the non-ASCII characters were dropped (.encode('ascii', 'ignore') or a filter "
               "on ord(c) < 128): keep every character of the record"] = reference(
                   {**entry, **ascii_only})
    for codec in ("unicode_escape", "latin-1"):  # UTF-8 bytes read back one byte per character
        text = entry["instruction"] + entry["input"]
        if text.isascii():
            continue
        try:
            garbled = {k: entry[k].encode("utf-8").decode(codec)
                       for k in ("instruction", "input")}
        except UnicodeDecodeError:  # a lone backslash at the end: unicode_escape refuses it
            continue
        if reference({**entry, **garbled}) in causes.values():
            continue  # latin-1 garbles as unicode_escape does when there is no backslash
        shown = next(c for c in text if not c.isascii())
        causes[f"the record's non-ASCII characters are garbled ({shown!r} became "
               f"{shown.encode('utf-8').decode('latin-1')!r}): their UTF-8 bytes were read "
               f"back one byte per character, as text.encode('utf-8').decode({codec!r}) does"
               + (" (a way to turn a written '\\n' into a newline; .decode('latin-1') "
                  "garbles the same way)" if codec == "unicode_escape" else "")
               + "; keep the record's text as it is"] = reference({**entry, **garbled})
    for keys in (("instruction", "input"), ("instruction",), ("input",)):
        if not all(any(c in _TYPOGRAPHIC for c in entry[k]) for k in keys):
            continue  # a "tidying" of dashes, ellipses and curly quotes
        dashes = ("--", "-", " - ", " -- ") if any("\u2014" in entry[k] for k in keys) else ("-",)
        for dash, marks in itertools.product(dashes, ("\u2014\u2013\u2026\u2018\u2019\u201c\u201d",
                                                      "\u2018\u2019\u201c\u201d",
                                                      "\u2014\u2013\u2026")):
            # the em dash's usual ASCII stand-ins; every mark, or the quotes or dashes alone
            table = {c: a for c, a in {**_TYPOGRAPHIC, "\u2014": dash}.items() if c in marks}
            tidied = {k: "".join(table.get(c, c) for c in entry[k]) for k in keys}
            if any(tidied[k] == entry[k] for k in keys):
                continue  # a field this table leaves alone is named by the fewer keys
            shown = ", ".join(f"{c!r} as {table[c]!r}" for c in dict.fromkeys(
                "".join(entry[k] for k in keys)) if c in table)
            causes[f"the typographic punctuation in the record's {' and '.join(keys)} was "
                   f"rewritten as ASCII ({shown}: a replace table or unidecode that 'tidies' "
                   "the text?): dashes, ellipses and curly quotes are part of the record's "
                   "text; keep it as it is"] = reference({**entry, **tidied})
    for keys in (("instruction", "input"), ("instruction",), ("input",)):
        if not all("\\" in entry[k] for k in keys):
            continue
        try:  # re.sub's replacement string is a template: '\\n' in it becomes a newline
            read = {k: re.sub("x", entry[k], "x") for k in keys}
        except re.error:  # a bad escape: such an answer crashes on this record
            continue
        causes[f"the backslashes written in the record's {' and '.join(keys)} were read as "
               "escapes (its '\\\\n' became a newline): re.sub(pattern, text, template) reads "
               "backslashes in its replacement string (pass a function, lambda m: text, or "
               "build the prompt with an f-string or +), as .decode('unicode_escape') does; "
               "keep the record's text as it is"] = reference({**entry, **read})
    for keys in (("instruction", "input"), ("instruction",), ("input",)):
        if all("\\n" in entry[k] for k in keys):  # a written backslash-n, "fixed" by hand
            causes[f"the written '\\n' (a backslash and an n) in the record's "
                   f"{' and '.join(keys)} was turned into a real newline (.replace('\\\\n', "
                   "'\\n')?): a record that holds those two characters means them as "
                   "text; keep the record's text as it is"] = reference(
                       {**entry, **{k: entry[k].replace("\\n", "\n") for k in keys}})
    return causes


_ALPACA_INPUT_PREAMBLE = ("Below is an instruction that describes a task, paired with an input "
                          "that provides further context. Write a response that appropriately "
                          "completes the request.")


_SHORT_INPUT = ("an input of one character is left out as if it were empty (a length test "
                "such as len(entry['input']) > 1?): add the {section} whenever entry['input'] "
                "is not empty, whatever its length")


_END_STRIPPED = ("the end of the prompt was stripped, so the {last} lost its own trailing spaces "
                 "or newline (.rstrip() or .strip() on the {last}, or on the whole prompt; "
                 "both give this prompt): use the {last} as it is and build the prompt without "
                 "a final strip")
_SPLITLINES_TOO = (" (a '\\n'.join(text.splitlines()) drops a final newline in the same way: "
                   "keep the text's own line breaks)")


def _blank_input(text):
    """The cause of a blank input (spaces, newlines) taken as empty, naming what it holds."""
    kind = "spaces" if set(text) <= {" "} else f"whitespace ({text!r})"
    return (f"an input of {kind} only is not empty: it keeps its section; test entry['input'] "
            "itself, not entry['input'].strip() or .strip('\\n')")


def _end_stripped(ref, last):
    """The replay of a whole-prompt strip, named with splitlines() when only a newline went."""
    if ref == ref.rstrip():
        return {}
    return {_END_STRIPPED.format(last=last) + (
        _SPLITLINES_TOO if ref.rstrip() == ref[:-1] and ref.endswith("\n") else ""):
        ref.rstrip()}


_NO_INSTRUCTION_SECTION = (
    "the instruction is empty here, and yours leaves out its whole section, the blank line and "
    "'### Instruction:' header included (a loop over the fields that skips empty values, or a "
    "test of entry['instruction']?): the Instruction section is always there, even for an "
    "empty instruction; only the Input section depends on its text")


def _extra_keys_added(entry, ref, section):
    """A record with keys besides instruction, input and output (an id, say) whose values
    yours adds to the prompt: a loop over entry.items() that skips only 'output'."""
    extra = {k: v for k, v in entry.items() if k not in _FIELD_ORDER}
    if not extra:
        return {}
    key, value = next(iter(extra.items()))
    return {f"the record holds a key besides instruction, input and output ({key!r}, value "
            f"{value!r}), and yours adds its value to the prompt (a loop over entry.items() "
            "that skips only 'output'?): records may carry more keys; build the prompt from "
            "entry['instruction'] and entry['input'] alone":
            ref + "".join(section(k, v) for k, v in extra.items())}


def _alpaca_mistakes(entry):
    """The usual Alpaca-prompt mistakes, each applied to the reference prompt of ``entry``."""
    ref = llmscratch.format_input(entry)
    head = ref.split("\n\n### Input:")[0]
    instruction, text = entry["instruction"], entry["input"]
    return {  # first: on the empty instruction it is also "one newline before '### Input:'"
        "the instruction is empty here, and its line is gone: yours has one blank line between "
        "'### Instruction:' and '### Input:' (a template whose end was stripped, by .strip() "
        "or inspect.cleandoc, a join that skips empty parts, or a test of "
        "entry['instruction']?): '### Instruction:', a newline and the instruction even when "
        "it is ''": head + f"\n### Input:\n{text}" if text and not instruction else None,
        _NO_INSTRUCTION_SECTION: _PREAMBLE + (f"\n\n### Input:\n{text}" if text else "")
        if not instruction else None,
        **_extra_keys_added(entry, ref, lambda key, value: f"\n\n### {key.capitalize()}:\n"
                            f"{value}"),
        "the Input section is added even though the input is empty; add it only when "
        "entry['input'] is not empty": ref + "\n\n### Input:\n" if not text else None,
        "only one newline before '### Input:'; the sections are separated by a blank line "
        "('\\n\\n')": head + f"\n### Input:\n{text}" if text else None,
        "the prompt ends with the response header; the dataset adds '### Response:' itself":
        ref + "\n\n### Response:\n",
        "the prompt ends with the response header; the dataset adds '### Response:' itself ":
        ref + "\n\n### Response:",
        "'### Instruction:' and the instruction share a line; put the instruction on the next "
        "line": ref.replace(f"### Instruction:\n{instruction}", f"### Instruction: {instruction}"),
        "the input comes before the instruction": ref.split("\n\n### Instruction:")[0]
        + f"\n\n### Input:\n{text}\n\n### Instruction:\n{instruction}" if text else None,
        "the prompt ends with a newline": ref + "\n",
        "the preamble's two sentences are glued together ('a task.Write'): adjacent string "
        "pieces join with nothing in between; end the first piece with a space":
        ref.replace("a task. Write", "a task.Write", 1),
        _blank_input(text): llmscratch.format_input({**entry, "input": ""})
        if text and not text.strip() else None,
        _SHORT_INPUT.format(section="Input section"): llmscratch.format_input(
            {**entry, "input": ""}) if len(text) == 1 else None,
        _INPUT_NEEDS_INSTRUCTION.format(section="Input section"): llmscratch.format_input(
            {**entry, "input": ""}) if text and not instruction else None,
        _INPUT_TAKEN_AS_NONE.format(section="Input section", text=text[:40]):
        llmscratch.format_input({**entry, "input": ""}) if text else None,
        "the instruction was stripped of its spaces; use it as it is":
        llmscratch.format_input({**entry, "instruction": instruction.strip()}),
        "the input was stripped of its spaces; use it as it is":
        llmscratch.format_input({**entry, "input": text.strip()}),
        "the instruction and input were stripped of their spaces; use them as they are":
        llmscratch.format_input({**entry, "instruction": instruction.strip(),
                                 "input": text.strip()}),
        **_end_stripped(ref, "input" if text else "instruction"),
        **_one_side_strips(entry, llmscratch.format_input),
        "the preamble is the original Alpaca template's with-input one ('..., paired with an "
        "input that provides further context. ...'); the book uses one preamble for every "
        "record: " + repr(_PREAMBLE): ref.replace(_PREAMBLE, _ALPACA_INPUT_PREAMBLE, 1),
    }


_EMPTY_INSTRUCTION_NEWLINE = "the instruction is empty here, and yours drops its newline"
# an instruction that ends with a newline, with an input: a newline left out before the input
# whenever the prompt so far ends with one drops it here too (a join of empty parts does not)
_NEWLINE_END_PROBE = {"instruction": "List the items:\n", "input": "tea", "output": "- tea"}


def _newline_skipped_hint(impl):
    """Name a newline before the input left out when the text before it ends with one (an
    empty instruction leaves '<|user|>\\n' there), when the probe above shows it; else None."""
    probe = dict(_NEWLINE_END_PROBE)
    try:
        got = impl(probe)
    except Exception:  # noqa: BLE001 - a probe only; the record's failure is reported
        return None
    if got != "<|user|>\nList the items:\ntea":
        return None
    return ("the instruction is empty here, and yours drops the newline before the input "
            "because the prompt so far, '<|user|>\\n', already ends with one; on a probe whose "
            f"instruction ends with a newline ({_NEWLINE_END_PROBE['instruction']!r}) yours "
            "drops it too (a test such as prompt.endswith('\\n')?): always put '\\n' and the "
            "input after the instruction, whatever the instruction ends with")


def _phi3_mistakes(entry):
    """The usual Phi-3-prompt mistakes, each applied to the reference prompt of ``entry``."""
    ref = llmscratch.format_input_phi3(entry)
    instruction, text = entry["instruction"], entry["input"]
    return {  # first: on the empty instruction (the last record) it looks like the next one
        _EMPTY_INSTRUCTION_NEWLINE + " (a join that skips "
        "empty parts, or a test of entry['instruction']?): the prompt is '<|user|>', a "
        "newline and the instruction even when the instruction is ''":
        "<|user|>" + (f"\n{text}" if text else "") if not instruction else None,
        "this is the Phi-3 style: '<|user|>' then the instruction, with no '### Instruction:' "
        "header": llmscratch.format_input(entry),
        **_extra_keys_added(entry, ref, lambda key, value: f"\n{value}"),
        "the prompt ends with the assistant tag; the dataset adds '\\n<|assistant|>:\\n' itself":
        ref + "\n<|assistant|>:\n",
        "'<|user|>:' has a colon: the user tag is '<|user|>' alone (only the assistant tag "
        "has one, '<|assistant|>:')": ref.replace("<|user|>\n", "<|user|>:\n", 1),
        "'<|user|>' runs straight into the instruction; put a newline after '<|user|>'":
        ref.replace("<|user|>\n", "<|user|>", 1),
        "a blank line separates the instruction and the input; the Phi-3 style uses one "
        "newline (the blank lines belong to the Alpaca style)":
        f"<|user|>\n{instruction}\n\n{text}" if text else None,
        "'<|user|>' and the instruction share a line; put a newline after '<|user|>'":
        ref.replace("<|user|>\n", "<|user|> ", 1),
        "the input is on the instruction's line; put a newline between them":
        f"<|user|>\n{instruction} {text}" if text else None,
        "a newline is added even though the input is empty; add it only with an input":
        ref + "\n" if not text else None,
        "the prompt ends with a newline; the dataset adds '\\n<|assistant|>:\\n' after it":
        ref + "\n" if text else None,
        _blank_input(text): llmscratch.format_input_phi3({**entry, "input": ""})
        if text and not text.strip() else None,
        _SHORT_INPUT.format(section="input line"): llmscratch.format_input_phi3(
            {**entry, "input": ""}) if len(text) == 1 else None,
        _INPUT_NEEDS_INSTRUCTION.format(section="input line"): llmscratch.format_input_phi3(
            {**entry, "input": ""}) if text and not instruction else None,
        _INPUT_TAKEN_AS_NONE.format(section="input line", text=text[:40]):
        llmscratch.format_input_phi3({**entry, "input": ""}) if text else None,
        "the instruction was stripped of its spaces; use it as it is":
        llmscratch.format_input_phi3({**entry, "instruction": instruction.strip()}),
        "the input was stripped of its spaces; use it as it is":
        llmscratch.format_input_phi3({**entry, "input": text.strip()}),
        "the instruction and input were stripped of their spaces; use them as they are":
        llmscratch.format_input_phi3({**entry, "instruction": instruction.strip(),
                                      "input": text.strip()}),
        **_end_stripped(ref, "input" if text else "instruction"),
        **_one_side_strips(entry, llmscratch.format_input_phi3),
        "'<|end|>' is added after the user's text: this Phi-3 style (the book's) has no end "
        "tag; the prompt ends with the input, or the instruction when there is none":
        ref + "<|end|>",
        "the input comes before the instruction; the instruction follows '<|user|>', then the "
        "input": f"<|user|>\n{text}\n{instruction}" if text else None,
        "the Alpaca preamble is kept: the Phi-3 prompt starts right with '<|user|>'":
        f"{_PREAMBLE}\n\n{ref}",
        **{f"the user tag is written {tag!r}; it is '<|user|>', with a pipe inside each angle "
           "bracket": ref.replace("<|user|>", tag, 1)
           for tag in ("<user>", "|user|")},
        **_from_alpaca(entry),
    }


def _from_alpaca(entry):
    """The Phi-3 prompt made from the Alpaca one by str.replace of its headers (every
    occurrence, or the first of each), which also rewrites headers that the record's own text
    holds; only for records whose text holds one."""
    if "### " not in entry["instruction"] + entry["input"]:
        return {}
    alpaca = llmscratch.format_input(entry)
    why = ("yours makes the Alpaca prompt and turns it into this one with str.replace (the "
           "preamble and '### Instruction:' header into '<|user|>', '\\n\\n### Input:\\n' "
           "into a newline){}, but this record's instruction quotes an Alpaca prompt, and the "
           "replace rewrote the headers of the record's own text too: build the prompt from "
           "the fields, '<|user|>\\n' + instruction, then '\\n' + input when there is one")
    head = _PREAMBLE + "\n\n### Instruction:\n"
    return {why.format(""): alpaca.replace(head, "<|user|>\n").replace("\n\n### Input:\n", "\n"),
            why.format(" (once each: the first '### Input:' replaced is the quoted one, and "
                       "the prompt's own stays)"):
            alpaca.replace(head, "<|user|>\n", 1).replace("\n\n### Input:\n", "\n", 1)}


def _quote_strips(entry, reference):
    """The prompt built with quotes stripped from the edges of the instruction or the input
    (text.strip('"'), as if they were JSON's), or with the text escaped as a string literal
    (json.dumps, repr, with or without their quotes), each named by what it replays."""
    causes = {}
    for key in ("input", "instruction"):
        for (how, escape), cut in itertools.product((("json.dumps", json.dumps),
                                                     ("repr", repr)), (1, 0)):
            literal = escape(entry[key])
            if literal[1:-1] != entry[key]:  # something escaped, not only quotes around it
                text = literal[cut:len(literal) - cut]
                causes[f"the {key} is written escaped, as a string literal ({how}("
                       f"entry[{key!r}]){'[1:-1]' if cut else ''}?): its quotes, newlines or "
                       f"non-ASCII characters became backslash codes; insert entry[{key!r}] as "
                       "it is"] = reference({**entry, key: text})
        for quotes in ('"', "'", "\"'"):
            if entry[key].strip(quotes) != entry[key]:
                causes[f"the {key}'s quotes at its edges were stripped (entry[{key!r}]"
                       f".strip({quotes!r})?): quotes in a record are part of its text, not "
                       f"JSON's (json.load removed those); use entry[{key!r}] as it is"
                       ] = reference({**entry, key: entry[key].strip(quotes)})
    return causes


def _field_swaps(entry, reference):
    """The prompt built with one field of the record read from another key (a copy-paste slip
    such as entry['output'] where entry['input'] belongs), each named by what it replays."""
    causes = {}
    for key in ("input", "instruction"):
        for other in ("output", "instruction", "input"):
            if other != key and entry[other] != entry[key]:
                causes[f"yours holds the record's {other} where its {key} belongs "
                       f"(entry[{other!r}] written for entry[{key!r}]?): use entry[{key!r}]"
                       ] = reference({**entry, key: entry[other]})
            mark = "{" + other + "}"  # a placeholder of the template written in the text
            if other != key and mark in entry[key]:
                causes[f"the text {mark!r} written in the record's {key} was replaced by its "
                       f"{other}: placeholders filled by chained str.replace() calls also fill "
                       "the ones that the record's own text holds; insert the text with an "
                       "f-string or +"] = reference(
                           {**entry, key: entry[key].replace(mark, entry[other])})
    return causes


# typographic punctuation and the ASCII that a "tidying" replace table puts for it
_TYPOGRAPHIC = {"\u2014": "--", "\u2013": "-", "\u2026": "...", "\u2018": "'", "\u2019": "'",
                "\u201c": '"', "\u201d": '"'}


_OTHER_CHAT_TAGS = (("<|im_start|>", "ChatML's ('<|im_start|>user', the text, '<|im_end|>', as "
                     "Qwen and OpenAI use it)"),
                    ("[INST]", "Llama 2's and Mistral's ('[INST] ... [/INST]')"),
                    ("<|start_header_id|>", "Llama 3's ('<|start_header_id|>user"
                     "<|end_header_id|>')"))


def _formatter_case(impl, reference, mistakes, with_input):
    for i, entry in enumerate(_records() + _EXTRA_RECORDS):
        if bool(entry["input"]) != with_input:
            continue
        run = functools.partial(_formatter_record, i=i, entry=entry, reference=reference,
                                mistakes=mistakes)
        try:
            run(impl)
        except CheckFailure as err:  # a prompt remembered from an earlier record (a cache
            def again(answer, err=err, run=run):  # keyed by the instruction, or by id(entry),
                if answer is impl:  # whose rerun may not repeat the failure) is named
                    raise err
                run(answer)
            state_probed(impl, [(f"record {i}", again)])[0][1]()
            raise


def _percent_replay(entry, reference):
    """The error our prompt raises when its input is put in with % after the instruction is
    already in it (a '%' in the instruction read as a conversion), or None."""
    if "%" not in entry["instruction"] or not entry["input"]:
        return None
    full = reference(entry)
    try:
        (full[:len(full) - len(entry["input"])] + "%s") % entry["input"]
    except (TypeError, ValueError) as err:
        return err
    return None


# a one-character input that no list of placeholders holds: an answer that keeps its section
# but drops a dash's treats the dash as a placeholder, not every short input as empty
_ONE_CHARACTER_PROBE = {"instruction": "Double the number.", "input": "7", "output": "14"}


def _one_character_hint(impl, reference, entry, hint):
    """The hint, with a one-character input left out renamed as a placeholder taken as none
    when the answer keeps the section of another one-character input (the probe's '7')."""
    for section in ("Input section", "input line"):
        if hint == _SHORT_INPUT.format(section=section):
            break
    else:
        return hint
    if entry["input"] == _ONE_CHARACTER_PROBE["input"]:
        return hint
    try:
        kept = impl(copy.deepcopy(_ONE_CHARACTER_PROBE)) == reference(_ONE_CHARACTER_PROBE)
    except Exception:  # noqa: BLE001 - a probe only; the record's own failure is reported
        return hint
    if not kept:
        return hint
    return (_INPUT_TAKEN_AS_NONE.format(section=section, text=entry["input"][:40])
            + f" (yours keeps the {section} of the one-character input "
            f"{_ONE_CHARACTER_PROBE['input']!r}, so it is this input's text, not its length, "
            "that your code takes as none)")


def _formatter_record(impl, i, entry, reference, mistakes):
    """Compare the answer's prompt for record ``i`` with ours, naming the mistake it shows."""
    given = copy.deepcopy(dict(entry))
    try:
        got = impl(given)
    except (KeyError, IndexError, TypeError, ValueError) as err:
        replayed = _percent_replay(entry, reference)
        if replayed is not None and (type(replayed), str(replayed)) == (type(err), str(err)):
            raise CheckFailure(f"record {i}: your code raised {type(err).__name__}: {err} on a "
                               f"record whose instruction holds a '%' "
                               f"({entry['instruction']!r}): the prompt, instruction included, "
                               "went through %-formatting to insert the input (prompt % "
                               "entry['input'] raises just this), which reads that '%' as a "
                               "conversion; insert the input with an f-string or +, and never "
                               "apply % to a string that already holds the record's text"
                               ) from err
        braces = [t for t in (entry["instruction"], entry["input"]) if "{" in t]
        if not braces or isinstance(err, TypeError):
            raise
        raise CheckFailure(f"record {i}: your code raised {type(err).__name__}: {err} on a "
                           f"record whose text holds braces ({braces[0]!r}): str.format "
                           "read them as fields; insert the record's text with an f-string "
                           "or +, and never call .format on a string that already holds "
                           "it") from err
    if given != entry:
        changed = sorted(set(given) ^ set(entry)) or [k for k in entry if given[k] != entry[k]]
        raise CheckFailure(f"record {i}: your function changed the record it was given "
                           f"(key {changed[0]!r}) in place; only read it")
    if not isinstance(got, str):
        raise CheckFailure(f"record {i}: return the prompt as a str, not {type(got).__name__}")
    expected = reference(entry)
    if got == expected:
        return
    kind = "with" if entry["input"] else "without"
    hint = (_key_order_hint(impl, entry, reference)
            or _dedent_hint(impl, reference, got, expected, entry)
            or _blank_lines_hint(impl, reference, got, expected)
            or _invisible_hint(impl, reference, got, entry)
            or _input_in_instruction_hint(impl, entry, reference, got)
            or _matching_cause(got, mistakes(entry)))
    if hint is not None and hint.startswith(_EMPTY_INSTRUCTION_NEWLINE):
        hint = _newline_skipped_hint(impl) or hint
    hint = _one_character_hint(impl, reference, entry, hint)
    if hint is None:
        hint = _matching_cause(got, {**_field_swaps(entry, reference),
                                     **_quote_strips(entry, reference),
                                     **_line_wraps(entry, reference)})
    replayed = hint is not None
    if hint is None:
        hint = _indented_template(got, expected, entry)
    if hint is None and "### " in got and "### " not in expected:
        hint = ("this style has no '### ...' headers: '<|user|>', a newline, then the "
                "instruction")
    tags = [name for tag, name in _OTHER_CHAT_TAGS if tag in got and tag not in expected]
    if hint is None and tags:
        style = ("'<|user|>', a newline and the instruction (then a newline and the input, "
                 "if any), with no end tag" if reference is llmscratch.format_input_phi3
                 else "the Alpaca prompt, with no chat tags at all")
        hint = f"yours is written in {tags[0]} chat format; the prompt asked for is {style}"
        replayed = True  # the pieces of another format tell nothing more
    if hint is None and got == "" and not entry["input"]:
        hint = ("yours is an empty string for a record without input: written "
                "base + '...' + entry['input'] if entry['input'] else '', the conditional "
                "expression takes the whole sum (it binds last); put the input part alone "
                "in parentheses, base + ('...' if entry['input'] else '')")
    if hint is None and expected.startswith(got):
        rest = expected[len(got):]
        last = "input" if entry["input"] else "instruction"
        cut = len(entry[last]) - len(rest)
        lines = entry[last][:cut].count("\n") + 1
        hint = (f"the {last} is cut short: yours keeps only its first {lines} line(s) of "
                f"{entry[last].count(chr(10)) + 1} (as it does on a probe whose first line is "
                f"long: text.split('\\n')[0], splitlines()[0] or a readline()?): use the "
                f"whole {last}, every line" if rest.strip() and 0 < cut
                and entry[last][cut] == "\n" and _first_lines_kept(impl, reference, last) else
                f"the {last} is cut short: yours keeps only its first {cut} of its "
                f"{len(entry[last])} characters (a length cap such as entry[{last!r}][:{cut}]?): "
                f"use the whole {last}" if rest.strip() and 0 < cut and entry[last].endswith(
                    rest) else
                f"the prompt stops early; it continues with {rest[:40]!r}" if rest.strip()
                or not entry[last].endswith(rest) else
                f"the {last} lost some of its own whitespace ({rest!r} at its end; the "
                f"{last} is {entry[last]!r:.40}): use the {last} as it is")
    if hint is None and got.startswith(expected):
        hint = (f"yours adds {got[len(expected):][:40]!r} after the prompt, which ends with "
                f"the {'input' if entry['input'] else 'instruction'}: leave it out")
    if hint is None and got.endswith(expected):
        hint = (f"yours puts {got[:len(got) - len(expected)][:40]!r} before the prompt, "
                f"which starts with {expected[:12]!r}: leave it out")
    if hint is None and got.lower() == expected.lower():
        a = b = next(k for k, (x, y) in enumerate(zip(got, expected)) if x != y)
        while a > 0 and got[a - 1].isalnum():  # the whole word that holds the difference
            a -= 1
        while b < len(got) and got[b].isalnum():
            b += 1
        hint = (f"the text differs only in upper/lower case: yours has {got[a:b]!r} where "
                f"the prompt has {expected[a:b]!r}; copy the capitals exactly")
    extra_crlf = got.count("\r\n") - expected.count("\r\n")
    if hint is None and extra_crlf > 0 and (got.replace("\r\n", "\n")
                                            == expected.replace("\r\n", "\n")):
        hint = (f"yours has '\\r\\n' (a Windows line ending: os.linesep, or '\\r\\n' in "
                f"the template) where the prompt has '\\n', in {extra_crlf} place(s), and is "
                "right otherwise: join the pieces with '\\n' on every system")
        replayed = True  # the pieces say nothing more
    if hint is None:
        hint = _one_char_hint(got, expected)
    if hint is None and entry["input"] and entry["input"] not in got:
        squeezed = "".join(entry["input"].split())
        hint = (f"the input {entry['input']!r:.40} is not in yours as it is" if squeezed.lower()
                not in "".join(got.split()).lower() else f"the input {entry['input']!r:.40} is "
                "there, but with other whitespace or capitals inside or around it")
    if hint is None:
        hint = _piece_hint(got, expected)
    raise CheckFailure(f"record {i} ({kind} input): the prompt is not the expected text: "
                       f"{(hint.strip() + '. ') if hint else ''}"
                       + _first_difference(got, expected)
                       + ("" if replayed else _part_note(got, expected, entry, reference,
                                                         hint is None)))


def _prompt_parts(entry, reference):
    """The named pieces whose concatenation is our prompt for ``entry``, or () when unknown."""
    instruction, text = entry["instruction"], entry["input"]
    if reference is llmscratch.format_input:
        parts = [("the fixed preamble", _PREAMBLE),
                 ("the blank line and '### Instruction:' header", "\n\n### Instruction:\n"),
                 ("the instruction", instruction)]
        if text:
            parts += [("the blank line and '### Input:' header", "\n\n### Input:\n"),
                      ("the input", text)]
    else:
        parts = [("the '<|user|>' tag and its newline", "<|user|>\n"),
                 ("the instruction", instruction)]
        if text:
            parts += [("the newline before the input", "\n"), ("the input", text)]
    return parts if "".join(p for _, p in parts) == reference(entry) else ()


def _piece_change(got, expected, entry, reference, name):
    """How yours writes the one piece ``name`` that differs: text added around it (quotes, a
    label), part of it left out, or both versions side by side; "" when unknown."""
    start = 0
    for part, piece in _prompt_parts(entry, reference):
        if part == name:
            break
        start += len(piece)
    else:
        return ""
    mine = got[start:start + len(piece) + len(got) - len(expected)]
    if expected[:start] + mine + expected[start + len(piece):] != got or mine == piece:
        return ""
    if not mine:
        return f" Yours leaves {name} out."
    if piece and piece in mine:
        k = mine.index(piece)
        before, after = mine[:k], mine[k + len(piece):]
        added = " and ".join(f"{text!r} {side} it" for text, side in ((before, "before"),
                                                                        (after, "after")) if text)
        return f" Yours adds {added}: write {name} as it is, with nothing around it."
    if mine in piece:
        return (f" Yours keeps only {mine[:40]!r} of {name} {piece[:60]!r}: write it whole.")
    return f" Yours writes {name} as {mine[:60]!r}, expected {piece[:60]!r}."


def _part_note(got, expected, entry, reference, unnamed=False):
    """Say which pieces of the prompt hold the first and the last difference (one piece: the
    rest is right, and with ``unnamed`` how yours writes it) and how the lengths compare: the
    fallback when no known mistake fits."""
    first = next((k for k, (a, b) in enumerate(zip(got, expected)) if a != b),
                 min(len(got), len(expected)))
    same_end = 0
    while (same_end < min(len(got), len(expected)) - first
           and got[-1 - same_end] == expected[-1 - same_end]):
        same_end += 1
    last = max(len(expected) - same_end - 1, first)

    def piece_at(i):
        start = 0
        for name, piece in _prompt_parts(entry, reference):
            if start <= i < start + len(piece):
                return f"{name} (its character {i - start})", name
            start += len(piece)
        return "the end of the prompt (yours goes on)", "the end"

    where, name = piece_at(first)
    last_where, last_name = piece_at(last)
    extra = len(got) - len(expected)
    starts, start = {}, 0
    for part, piece in _prompt_parts(entry, reference):
        starts[start] = part  # an insertion at a piece's start may end the piece before it
        start += len(piece)
    if extra > 0 and first in starts and first > 0 and \
            got[:first] + got[first + extra:] == expected:
        before = [part for at, part in sorted(starts.items()) if at < first][-1]
        return (f" Yours adds {got[first:first + extra]!r} where {before} ends and "
                f"{starts[first]} begins (at the end of {before}?); everything else is right. "
                f"Yours has {len(got)} characters, the expected prompt {len(expected)} "
                f"({extra:+d}).")
    span = (" Only that piece differs: everything before and after it is right."
            if last_name == name else f" The last difference lies in {last_where}: fix both.")
    if last_name == name and unnamed:  # no hint above: say how that piece differs
        span += _piece_change(got, expected, entry, reference, name)
    return (f" The first difference lies in {where}.{span} Yours has {len(got)} characters, "
            f"the expected prompt {len(expected)} ({len(got) - len(expected):+d}).")


# --- ex7_1 / ex7_2: prompt formats ----------------------------------------------------------------


def _check_formatter(impl, reference, mistakes):
    check_cases([(f"records {kind} input",
                  lambda flag=flag: _formatter_case(impl, reference, mistakes, flag))
                 for kind, flag in (("with", True), ("without", False))]
                + state_probed(impl, [(name, functools.partial(
                    _formatter_records, records=records, reference=reference,
                    mistakes=mistakes)) for name, records in (
                        ("newlines at the edges of the text",
                         (("with newlines at its edges", _EDGE_NEWLINES),)),
                        ("an input of one newline", (("whose input is '\\n'", _NEWLINE_INPUT),)),
                        ("two records whose instruction + input join to the same text (a "
                         "prompt cached by that joined text gives the second the first's)",
                         tuple(zip(("'Translate into French: good night'",
                                    "'Translate into French:' + ' good night'"),
                                   _JOINED_ALIKE))),
                        ("a record whose instruction quotes an Alpaca prompt, headers "
                         "included", (("whose instruction holds '### Input:'",
                                       _ALPACA_IN_TEXT),)),
                        ("two records whose instruction and input are swapped (a prompt "
                         "cached by a key blind to their order, such as hash(instruction) ^ "
                         "hash(input) or a frozenset, gives the second the first's)",
                         tuple(zip(("'Spell the word.' with the input 'Ocassion'",
                                    "'Ocassion' with the input 'Spell the word.'"),
                                   _FIELDS_SWAPPED))))]))


# two records whose instruction + input is the same text: one cache key for both when a prompt
# is remembered by entry['instruction'] + entry['input']
_JOINED_ALIKE = ({"instruction": "Translate into French: good night", "input": "",
                  "output": "Bonne nuit."},
                 {"instruction": "Translate into French:", "input": " good night",
                  "output": "Bonne nuit."})


# the same two texts as instruction and input, then the other way round: one cache key for both
# when a prompt is remembered by a key that ignores which text is which
_FIELDS_SWAPPED = ({"instruction": "Spell the word.", "input": "Ocassion", "output": "Occasion"},
                   {"instruction": "Ocassion", "input": "Spell the word.", "output": "?"})


def _formatter_records(impl, records, reference, mistakes):
    for label, entry in records:
        _formatter_record(impl, i=label, entry=entry, reference=reference, mistakes=mistakes)


def check_format_input(impl):
    _check_formatter(impl, llmscratch.format_input, _alpaca_mistakes)


def check_format_input_phi3(impl):
    _check_formatter(impl, llmscratch.format_input_phi3, _phi3_mistakes)


# --- ex7_3 / ex7_4: collate ---------------------------------------------------------------------


def _reference_collate(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                       mistake=None):
    """Our collate (with instruction masking when items are pairs), with one mistake applied.

    Returns ``(inputs, targets)`` as nested lists, or None when the mistake changes nothing."""
    masked = isinstance(batch[0], tuple)
    items = list(batch) if masked else [(0, item) for item in batch]
    if mistake == "same length for all rows":
        items = [(items[0][0], item) for _, item in items]
    if mistake == "last row's length for all rows":
        items = [(items[-1][0], item) for _, item in items]
    if mistake == "last row not masked":
        items = items[:-1] + [(0, items[-1][1])]
    if mistake == "only the last row masked":  # the mask set once, after the loop
        items = [(0, item) for _, item in items[:-1]] + items[-1:]
    if mistake == "ignore_index hard-coded":
        ignore_index = -100
    if mistake == "pad_token_id hard-coded":
        pad_token_id = 50256
    if mistake == "longest prompt for all rows":
        items = [(max(length for length, _ in items), item) for _, item in items]
    if mistake == "shortest prompt for all rows":
        items = [(min(length for length, _ in items), item) for _, item in items]
    if mistake == "truncated before shifting" and allowed_max_length is not None:
        items = [(length, item[:allowed_max_length]) for length, item in items]
    own_end = [mistake == "own end-of-text" and list(item[-1:]) == [pad_token_id]
               for _, item in items]  # a text that ends with the id taken as its end-of-text
    if mistake == "own end-of-text" and not any(own_end):
        return None
    longest = max(len(item) + 1 - own for (_, item), own in zip(items, own_end))  # one each
    if mistake == "two end-of-text tokens":
        longest += 1
    if mistake == "padded to allowed_max_length" and allowed_max_length is not None:
        longest = max(longest, allowed_max_length + 1)
    inputs_rows, target_rows = [], []
    for (length, item), own in zip(items, own_end):
        padded = list(item) + [pad_token_id] * (longest - len(item))
        if mistake == "end-of-text hard-coded":  # 50256 appended, padded with pad_token_id
            padded = list(item) + [50256] + [pad_token_id] * (longest - len(item) - 1)
        if mistake == "padded with ignore_index":
            padded = list(item) + [pad_token_id] + [ignore_index] * (longest - len(item) - 1)
        if masked and mistake == "masked before the shift":  # the prompt set in padded itself
            padded[:max(length - 1, 0)] = [ignore_index] * min(max(length - 1, 0), len(padded))
        inputs, targets = padded[:-1], padded[1:]
        if mistake == "not shifted":
            targets = list(inputs)
        if mistake == "targets rolled":  # torch.roll(inputs, -1): the first token wraps round
            targets = inputs[1:] + inputs[:1]
        if mistake == "shift reversed":
            inputs, targets = padded[1:], padded[:-1]
        first_pad = len(item) + (1 if mistake == "padding after the first end-of-text" else 0)
        if mistake == "padding masked from len(pair)" and masked:
            first_pad = 2
        if mistake == "lengths swapped" and masked:  # the padding masked from the prompt's
            first_pad = length  # length, the prompt from the text's
        if mistake == "first end-of-text masked" or own:
            first_pad = len(item) - 1
        if mistake == "end found by value":  # padded.index(pad_token_id): the first pad id
            first_pad = padded.index(pad_token_id)
        if mistake == "masked by value":  # the book's way: every pad id after the first one
            found = [k for k, t in enumerate(targets) if t == pad_token_id]
            for k in found[1:]:
                targets[k] = ignore_index
        elif mistake == "masked where the inputs hold the pad id":  # inputs == pad_token_id
            targets = [ignore_index if x == pad_token_id else t for x, t in zip(inputs, targets)]
        elif mistake == "one padding target masked":  # targets[len(item)], not a slice
            if first_pad < len(targets):
                targets[first_pad] = ignore_index
        elif mistake != "padding kept":
            fill = -100 if mistake == "padding masked with -100" else ignore_index
            targets[first_pad:] = [fill] * len(targets[first_pad:])
        if mistake == "inputs share the targets' memory":  # padded[:-1], padded[1:] views
            if not masked:
                return None  # the same output as "padded with ignore_index": named there
            cut_at = max(length - 1, 0)
            for k in range(min(cut_at, len(targets))):
                targets[k] = ignore_index
            inputs = [ignore_index if k and targets[k - 1] == ignore_index else x
                      for k, x in enumerate(inputs)]
        if masked and mistake == "inputs masked instead":
            inputs[:max(length - 1, 0)] = [ignore_index] * min(max(length - 1, 0), len(inputs))
        elif masked and mistake not in ("prompt not masked", "masked before the shift"):
            n = {"mask one too many": length, "mask two too many": length + 1,
                 "mask whole text": len(item) - 1,
                 "lengths swapped": len(item) - 1,
                 "mask one too few": length - 2,
                 "prompt capped one short": min(length, len(item) - 1) - 1,
                 "mask the response's length": len(item) - length,
                 "prompt length wrapped": (length - 1) % 256}.get(mistake, length - 1)
            fill = {"prompt masked with -100": -100,
                    "prompt masked with pad_token_id": pad_token_id}.get(mistake, ignore_index)
            start = 1 if mistake in ("prompt mask from 1", "prompt mask shifted right") else 0
            if mistake == "prompt mask shifted right":
                n = length
            if mistake == "prompt masked by value":  # targets < length - 1 on the ids
                targets = [fill if t < length - 1 else t for t in targets]
            elif mistake == "prompt's pad ids kept":  # mask & (targets != pad_token_id)
                targets[:max(n, 0)] = [t if t == pad_token_id else fill
                                       for t in targets[:max(n, 0)]]
            elif mistake == "one prompt target masked":  # targets[length - 1], not a slice
                if 0 < length - 1 < len(targets):
                    targets[length - 1] = ignore_index
            elif mistake == "mask one too few (slice)":  # a negative end when length is 1
                targets[:length - 2] = [ignore_index] * len(targets[:length - 2])
            elif mistake == "no guard for length 0":  # [:0 - 1] masks all but the last target
                targets[:length - 1] = [fill] * len(targets[:length - 1])
            else:
                targets[start:max(n, 0)] = [fill] * len(targets[start:max(n, 0)])
            if mistake == "inputs masked":
                inputs[:max(length - 1, 0)] = [ignore_index] * min(max(length - 1, 0),
                                                                   len(inputs))
        if allowed_max_length is not None and mistake not in ("no truncation", "rows cut"):
            cut = allowed_max_length - (1 if mistake == "cut one short" else 0)
            if mistake in ("cut from the end", "inputs cut from the end"):
                inputs = inputs[-cut:]
                targets = targets[-cut:] if mistake == "cut from the end" else targets[:cut]
            else:
                inputs = inputs[:cut - (1 if mistake == "inputs cut one short" else 0)]
                targets = targets if mistake == "targets not cut" else targets[:cut]
        inputs_rows.append(inputs)
        target_rows.append(targets)
    if mistake == "rows sorted by length":
        order = sorted(range(len(items)), key=lambda r: -len(items[r][1]))
        inputs_rows = [inputs_rows[r] for r in order]
        target_rows = [target_rows[r] for r in order]
    if mistake == "inputs fixed by value":  # padded with ignore_index, then inputs[inputs ==
        if not any(ignore_index in row for row in inputs_rows):  # ignore_index] = pad_token_id
            return None
        inputs_rows = [[pad_token_id if x == ignore_index else x for x in row]
                       for row in inputs_rows]
    if mistake == "returned swapped":
        return target_rows, inputs_rows
    if mistake == "rows cut":  # t[:n] on the stacked (batch, width) tensors
        if allowed_max_length is None:
            return None
        return inputs_rows[:allowed_max_length], target_rows[:allowed_max_length]
    return inputs_rows, target_rows


_COLLATE_CAUSES = {
    "not shifted": "the targets repeat the inputs: targets are the padded sequences shifted "
    "left by one (padded[1:]), so each position predicts the next token",
    "padding kept": "the padding in the targets is kept; every padding position after the "
    "first end-of-text token must be ignore_index so the loss skips it",
    "first end-of-text masked": "the first end-of-text token after each text is masked too; "
    "keep it as a target, or the model never learns to stop",
    "padding after the first end-of-text": "one padding target too many is kept",
    "no truncation": "allowed_max_length is ignored: cut inputs and targets to that many columns",
    "rows cut": "allowed_max_length cut the rows, not the columns: on the stacked (batch, "
    "width) tensors, t[:allowed_max_length] keeps the first allowed_max_length items; cut the "
    "columns, t[:, :allowed_max_length] (or each row before stacking)",
    "one prompt target masked": "one target alone is masked, at position instruction_length - "
    "1 (an index, targets[instruction_length - 1], where a slice belongs): that is the first "
    "response target; mask the slice targets[:instruction_length - 1]",
    "truncated before shifting": "the texts are cut to allowed_max_length before padding and "
    "shifting, so the last target is an end-of-text token instead of the next text token: pad "
    "and shift first, then cut inputs and targets (an end-of-text written by hand into the last "
    "target of each row that was cut, so that the model still learns to stop, gives the same "
    "rows: a cut text has no end within the window, so its last target is its next token)",
    "ignore_index hard-coded": "-100 is used though ignore_index was given: use the argument",
    "pad_token_id hard-coded": "50256 is used though pad_token_id was given: use the argument",
    "end-of-text hard-coded": "the end-of-text token appended to each text is 50256 though "
    "pad_token_id was given (the padding after it does use pad_token_id): append pad_token_id, "
    "item + [pad_token_id]",
    "mask the response's length": "the number of masked targets is len(token_ids) - "
    "instruction_length, the response's length: mask the prompt's targets, the first "
    "instruction_length - 1",
    "rows sorted by length": "the rows are reordered: keep the batch's order (row i is item i)",
    "masked by value": "you masked by value (every pad_token_id after the first one), so a text "
    "that itself holds pad_token_id loses the wrong targets: mask by position, every target "
    "after the item's own length (targets[len(item):] after the first end-of-text)",
    "masked where the inputs hold the pad id": "the targets are masked where the INPUTS hold "
    "pad_token_id (targets[inputs == pad_token_id] = ignore_index, a mask by value), so a text "
    "that itself holds that id loses the target after it: mask by position, every target "
    "after the item's own length (targets[len(item):])",
    "end found by value": "the end of each text is found by searching for pad_token_id "
    "(padded.index(pad_token_id), or the first padding id in the row), so a text that holds "
    "that id itself is taken to end there and its later targets are masked: mask by position, "
    "every target after the item's own length (targets[len(item):])",
    "prompt not masked": "the instruction is not masked: set the first instruction_length - 1 "
    "targets (the prompt tokens) to ignore_index",
    "mask one too many": "one target too many is masked: target t is token t + 1, so the "
    "targets that are prompt tokens are 0 .. instruction_length - 2; the first response token "
    "must stay",
    "mask two too many": "instruction_length + 1 targets are masked, two too many (a mask "
    "of positions <= instruction_length?): target t is token t + 1, so mask positions 0 .. "
    "instruction_length - 2, the first instruction_length - 1 targets",
    "mask one too few": "one prompt target too few is masked: mask instruction_length - 1 "
    "targets",
    "mask whole text": "the response is masked too: mask only the prompt's targets",
    "prompt capped one short": "the prompt length is capped one token short "
    "(min(instruction_length, len(token_ids) - 1)): when the prompt is the whole text, its last "
    "prompt target stays in the loss; mask targets[:instruction_length - 1] without a cap "
    "(slicing already stops at the row's end)",
    "mask one too few (slice)": "one prompt target too few is masked (targets[:instruction_length "
    "- 2]; with instruction_length 1 that slice is [:-1], which masks nearly the whole row): "
    "mask targets[:instruction_length - 1]",
    "prompt masked with -100": "the prompt targets are set to -100 though ignore_index was "
    "given: use the argument for the prompt too",
    "prompt masked with pad_token_id": "the prompt targets are set to pad_token_id; set them to "
    "ignore_index, so the loss skips them",
    "prompt mask from 1": "the first prompt target (position 0) is left unmasked: mask "
    "targets[:instruction_length - 1], starting at position 0",
    "targets not cut": "allowed_max_length cut the inputs only: cut the targets to the same "
    "number of columns",
    "cut one short": "inputs and targets have allowed_max_length - 1 columns: either the cut "
    "is [:allowed_max_length - 1], or the padded rows were cut to allowed_max_length before "
    "the shift (padded[:-1] and padded[1:] then drop one more column): shift first, then cut "
    "both to allowed_max_length",
    "cut from the end": "the cut keeps the LAST allowed_max_length columns ([-allowed_max_length:]"
    "); keep the first ones, [:allowed_max_length], so each row still starts with its text",
    "inputs cut from the end": "the inputs keep their LAST allowed_max_length columns "
    "([-allowed_max_length:]) while the targets keep the first: cut both with "
    "[:allowed_max_length]",
    "same length for all rows": "every row is masked with the first row's instruction_length; "
    "use each item's own",
    "last row's length for all rows": "every row is masked with the LAST row's "
    "instruction_length (a variable left over from the loop); mask each row with its own",
    "last row not masked": "the last row's prompt is left unmasked while every other row is "
    "masked right (a loop over range(len(batch) - 1), or the last item skipped): mask the "
    "prompt targets of every row, each with its own instruction_length",
    "longest prompt for all rows": "every row is masked with the longest prompt of the batch "
    "(max of the instruction lengths); mask each row with its own instruction_length",
    "masked before the shift": "the prompt was masked in the padded row before the shift "
    "(padded[:instruction_length - 1] = ignore_index, then padded[:-1] and padded[1:]), so the "
    "inputs hold ignore_index and the targets mask one prompt target too few: shift first, "
    "then set targets[:instruction_length - 1] alone",
    "shortest prompt for all rows": "every row is masked with the shortest prompt of the batch "
    "(min of the instruction lengths, one slice for all rows); mask each row with its own "
    "instruction_length",
    "padded to allowed_max_length": "the batch is padded to allowed_max_length though every "
    "text is shorter: pad to the longest text + 1; allowed_max_length only cuts longer batches",
    "inputs masked instead": "the prompt is masked in the inputs instead of the targets: "
    "set targets[:instruction_length - 1] to ignore_index and leave the inputs as they are",
    "inputs masked": "the inputs are masked too; only the targets get ignore_index (the model "
    "must still read the prompt)",
    "padded with ignore_index": "the inputs hold ignore_index after the end-of-text token, as "
    "if the padding is ignore_index; or the inputs and targets are two slices of one tensor "
    "(t[:-1] and t[1:]), so masking the targets wrote into the inputs too: pad with "
    "pad_token_id, give the targets a tensor of their own (torch.tensor(padded[1:]) or "
    ".clone()), and put ignore_index in the targets only",
    "inputs share the targets' memory": "the inputs hold ignore_index one position after every "
    "masked target (the prompt's and the padding's): the inputs and targets are two slices of "
    "one tensor (t[:-1] and t[1:]), so masking the targets wrote into the inputs too; build "
    "them as separate tensors (torch.tensor(padded[:-1]) and torch.tensor(padded[1:])) or "
    ".clone() the slices",
    "two end-of-text tokens": "every row is one column too wide, as if each text got two "
    "end-of-text tokens: append one, pad to the longest text + 1, then drop one token for the "
    "shift",
    "own end-of-text": "a text that already ends with pad_token_id got no end-of-text token "
    "of its own (an append only when item[-1] != pad_token_id?), so its last token was taken "
    "as its end-of-text and the target after it masked: append pad_token_id to every text, "
    "whatever it ends with",
    "returned swapped": "inputs and targets are returned in swapped order: return (inputs, "
    "targets)",
    "shift reversed": "the shift goes the wrong way (inputs padded[1:], targets padded[:-1]): "
    "inputs are the padded rows without their last token, targets without their first",
    "inputs cut one short": "allowed_max_length cut the inputs to allowed_max_length - 1 "
    "columns and the targets to allowed_max_length: cut both to allowed_max_length",
    "lengths swapped": "the two lengths are swapped: the padding is masked from position "
    "instruction_length and the prompt up to len(token_ids) - 1 (a copy-paste slip between "
    "the text's length and the prompt's?): mask the padding from len(token_ids) and the "
    "prompt targets up to instruction_length - 1",
    "padding masked from len(pair)": "the padding is masked from position 2 = len(pair), the "
    "length of the (instruction_length, token_ids) pair: mask from len(token_ids), the "
    "item's own text length",
    "targets rolled": "the last target wraps round to the row's first token (torch.roll("
    "inputs, -1)?): the targets are the padded row without its first token, padded[1:], so "
    "the last target is the token after the last input, not a copy of the first",
    "padding masked with -100": "the padding targets are -100 though ignore_index was given "
    "(the prompt targets do use it): pass ignore_index on for the padding too (also to "
    "custom_collate_fn, if you call it)",
    "no guard for length 0": "with instruction_length 0 (no prompt tokens) nothing is to be "
    "masked, but targets[:instruction_length - 1] is then targets[:-1], which masks every "
    "target but the last: mask only when instruction_length > 1 (or slice up to "
    "max(instruction_length - 1, 0))",
    "prompt length wrapped": "with instruction_length 0 (no prompt tokens) nothing is to be "
    "masked, but yours masks the whole row, its end-of-text target too: instruction_length - 1 "
    "wrapped round to 255 (the lengths kept in an unsigned tensor, torch.uint8, where 0 - 1 "
    "is 255): keep the lengths as int64 (torch.tensor(lengths)) and mask only when "
    "instruction_length > 1 (or clamp instruction_length - 1 at 0)",
    "one padding target masked": "only one padding target is masked, the one right after the "
    "first end-of-text token (an index, targets[len(item)] = ignore_index, where a slice "
    "belongs), so the later padding stays in the loss: mask the slice targets[len(item):]",
    "only the last row masked": "only the last row's prompt is masked (the mask set once, after "
    "the loop over the items, with the row index and instruction_length the loop left "
    "behind): mask each row's prompt inside the loop, with its own instruction_length",
    "prompt masked by value": "the targets whose token ID is below instruction_length - 1 are "
    "masked (targets < instruction_length - 1 compares the ids, not their positions): mask "
    "by position, the first instruction_length - 1 targets, targets[:instruction_length - 1] "
    "(or torch.arange(width) < instruction_length - 1)",
    "prompt mask shifted right": "the prompt mask is shifted one to the right "
    "(targets[1:instruction_length]): target t is token t + 1, so mask positions 0 .. "
    "instruction_length - 2, targets[:instruction_length - 1]",
    "inputs fixed by value": "the inputs lost their text tokens equal to ignore_index: each "
    "became pad_token_id (rows padded with ignore_index, then the inputs fixed by value, "
    "inputs[inputs == ignore_index] = pad_token_id?), so a text that holds that id (0 is a real "
    "token) is changed: pad the inputs with pad_token_id by position, and put ignore_index in "
    "the targets only, after each text's end-of-text",
    "prompt's pad ids kept": "the prompt targets that equal pad_token_id are left unmasked (a "
    "mask that skips targets == pad_token_id, as if to spare the end-of-text), so a prompt "
    "that holds that id keeps it in the loss: mask the first instruction_length - 1 targets "
    "whatever their ids (the first end-of-text target always comes after them)",
}


def _collate_cases(masked, rng):
    """(batch, kwargs) pairs: the book's example, then random batches of distinct sizes."""
    cases = [([[0, 1, 2, 3, 4], [5, 6], [7, 8, 9]], {})]
    for trial in range(24):
        batch = [[rng.randrange(1, 500) for _ in range(rng.randint(2, 12))]
                 for _ in range(rng.randint(1, 5))]
        kwargs = {}
        if trial % 3 == 1:
            kwargs["allowed_max_length"] = rng.randint(2, 8)
        if trial % 4 == 2:
            kwargs.update(pad_token_id=0, ignore_index=-1)
        cases.append((batch, kwargs))
    # texts that hold the padding id themselves (documents joined by <|endoftext|>, or id 0)
    cases.append(([[11, 50256, 12, 13], [14, 15]], {}))
    cases.append(([[3, 0, 4, 0, 6], [5], [7, 8]], {"pad_token_id": 0, "ignore_index": -1}))
    cases.append(([[11, 50256, 12, 50256], [14, 15, 16, 17, 18]], {}))  # ends with the id
    if masked:
        cases = [([(rng.randint(1, len(item)), item) for item in batch], kwargs)
                 for batch, kwargs in cases]
        cases[0] = ([(3, [0, 1, 2, 3, 4]), (1, [5, 6]), (2, [7, 8, 9])], {})
    return cases


def _unequal_rows_hint(batch, kwargs, message, impl=None):
    """Why torch.stack got rows of different lengths, from the sizes its error names."""
    found = re.search(r"got \[(\d+)\] at entry (\d+) and \[(\d+)\] at entry (\d+)", message)
    if "stack expects each tensor to be equal size" not in message or not found:
        return None
    a, i, b, j = (int(g) for g in found.groups())
    masked = isinstance(batch[0], tuple)
    lengths = [len(item[1] if masked else item) for item in batch]
    longest, cut = max(lengths), kwargs.get("allowed_max_length") or math.inf

    def widths(rule):
        return (min(rule(lengths[i]), cut), min(rule(lengths[j]), cut)) == (a, b)
    shown = (f"row {i} ({lengths[i]} tokens) came out {a} wide and row {j} ({lengths[j]} "
             f"tokens) {b} wide")
    if widths(lambda n: max(n, longest - 1)):
        return (f"The batch width was taken as the longest item without the +1 for its "
                f"end-of-text token: {shown}; pad every row to max(len(item) + 1) over the "
                "batch, so all rows have that width")
    if widths(lambda n: min(n + 1, longest)) and lengths[i] != lengths[j]:
        return (f"The rows without padding are {longest} wide, and every padded row ends one "
                f"column after its end-of-text target: {shown}, as if the whole padding tail "
                "of the targets were replaced by a single ignore_index (a list slice "
                "assignment, targets[len(item):] = [ignore_index], swaps the slice for that "
                "one element); keep the width: targets[len(item):] = [ignore_index] * "
                "(len(targets) - len(item)), or set the slice of a tensor, which fills it")
    if cut != math.inf and (max(lengths[i] - 1, cut), max(lengths[j] - 1, cut)) == (a, b):
        return (f"The batch width was capped at allowed_max_length + 1 = {cut + 1} before "
                f"padding, so the texts longer than that kept their length and were never cut: "
                f"{shown}; pad every row to the longest text + 1, shift, then cut inputs and "
                f"targets to allowed_max_length={cut} columns")
    for over in (cut, cut - 1) if cut != math.inf else ():
        def by_length(n, over=over):  # a row is cut only when its text is longer than `over`
            return cut if n > over else longest
        probe = [list(range(1, cut + 3)), list(range(1, cut + 2))]  # both texts longer
        if (by_length(lengths[i]), by_length(lengths[j])) == (a, b) and impl is not None \
                and _gives(impl, [(1, t) for t in probe] if masked else probe, kwargs):
            test = "len(token_ids)" if masked else "len(item)"
            sign = ">" if over == cut else ">="
            return (f"Only the rows of texts longer than allowed_max_length were cut (a test "
                    f"such as if {test} {sign} allowed_max_length?), so the other rows kept "
                    f"the batch width {longest}: {shown} (on a batch whose texts are all "
                    f"longer, yours is right); cut every row to allowed_max_length={cut} "
                    "columns whenever it is given: the padding makes short texts as wide as "
                    "the longest")
    if masked and widths(lambda n: max(n, 2)):
        return (f"The batch width was taken from the pairs (an (instruction_length, token_ids) "
                f"pair has length 2), so nothing was padded: {shown}; use max(len(token_ids) "
                "+ 1 for _, token_ids in batch)")
    texts = [item[1] if masked else item for item in batch]
    lex = len(max(texts))  # max() of lists compares them element by element, not by length
    probe = [[1, 2], [9, 1, 2, 3, 4]]  # the largest text is the longest, and not the first
    if lex != longest and (widths(lambda n: max(n - 1, lex)) or widths(lambda n: max(n, lex))) \
            and impl is not None and _gives(impl, [(1, t) for t in probe] if masked else probe,
                                            {}):
        return (f"The batch width was taken from len(max(batch)): max() of lists compares them "
                f"element by element (lexicographically), not by length, so it picked a text of "
                f"{lex} tokens, not the longest ({longest}): {shown} (with the longest text also "
                "the largest, yours is right); use max(len(item) for item in batch) + 1")
    longest_first = sorted(batch, key=lambda item: -len(item[1] if masked else item))
    if lengths[0] != longest and widths(lambda n: max(n, lengths[0])) and impl is not None \
            and _gives(impl, longest_first, kwargs):
        return (f"The batch width was taken from the first item ({lengths[0]} tokens, + 1), as "
                f"if the batch were sorted longest first (with the batch sorted so, yours is "
                f"right), so longer texts were not padded: "
                f"{shown}; pad every row to max(len(item) + 1) over the whole batch")
    return (f"The rows have different lengths: {shown}; pad every row to the longest text + 1 "
            "before stacking")


def _row_by_column_hint(batch, kwargs, message):
    """Why two tensors did not broadcast, when one has an entry per item and the other an entry
    per column: a per-row vector (lengths) compared with positions lacks its column dimension."""
    found = re.search(r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)",
                      message)
    if not found:
        return None
    rows = len(batch)
    width = max(len(item[1] if isinstance(item, tuple) else item) for item in batch)
    cut = kwargs.get("allowed_max_length")
    widths = {width, width + 1} | ({min(width, cut)} if cut is not None else set())
    a, b = (int(g) for g in found.groups())
    if rows in widths or not ({a, b} & {rows} and {a, b} - {rows} <= widths):
        return None
    other = ({a, b} - {rows}).pop()
    return (f"One of the two has {rows} entries, one per item of the batch, the other {other}, "
            "one per column of the padded rows: a per-row vector (the text or instruction "
            "lengths, one per item) was compared with the positions (torch.arange over the "
            "columns) without a column dimension, so the two shapes cannot broadcast; write "
            "lengths[:, None] (or .unsqueeze(1)) so it broadcasts to (batch, width)")


def _cut_width_hint(impl, batch, kwargs, message):
    """Why two tensors did not combine, when one is as wide as the uncut targets and the other
    as the cut ones, and yours is right without allowed_max_length: a mask (or a tensor of
    positions) made for the uncut rows met the rows after the cut."""
    found = re.search(r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)",
                      message)
    cut = kwargs.get("allowed_max_length")
    if not found or cut is None:
        return None
    full = max(len(item[1] if isinstance(item, tuple) else item) for item in batch)
    if cut >= full or {int(g) for g in found.groups()} != {full, cut} or not _gives(
            impl, batch, {k: v for k, v in kwargs.items() if k != "allowed_max_length"}):
        return None
    return (f"The uncut targets have {full} columns and allowed_max_length={cut} leaves {cut}, "
            "and without allowed_max_length yours gives the right result: a mask (or a tensor "
            "of positions) made for the uncut rows was applied to the rows after the cut; "
            "mask first and cut after, or build the mask from the cut tensors' width "
            "(targets.shape[1])")


def _wide_cut_hint(impl, batch, kwargs):
    """Why yours crashed, when allowed_max_length is at least as wide as the batch (nothing to
    cut) and yours gives the right result without it: a cut that insists on exactly
    allowed_max_length columns (Tensor.narrow, a fixed-size view or split) fails where the
    rows are narrower; None otherwise."""
    cut = kwargs.get("allowed_max_length")
    if cut is None:
        return None
    full = max(len(item[1] if isinstance(item, tuple) else item) for item in batch)
    if cut < full or not _gives(impl, batch, {k: v for k, v in kwargs.items()
                                              if k != "allowed_max_length"}):
        return None
    return (f"Here allowed_max_length={cut} is at least the batch's {full} columns, so there is "
            "nothing to cut, and without allowed_max_length yours gives the right result: "
            "your cut demands exactly allowed_max_length columns (Tensor.narrow(1, 0, n) or a "
            "view of a fixed size raises when the rows are narrower); cut with a slice, "
            "t[:, :allowed_max_length], which keeps every column of a narrower row")


def _narrow_ids_note(got, expected):
    """Name ids that went through a narrow integer type (a np.uint16 or torch.int16 canvas,
    cast to long only at the end): every value that differs is the expected one wrapped round
    modulo 2 ** bits (-100 becomes 65436 in uint16, 50256 becomes -15280 in int16); None
    otherwise."""
    if any([len(r) for r in mine] != [len(r) for r in want] for mine, want in zip(got, expected)):
        return None
    pairs = [(g, e) for mine, want in zip(got, expected) for gr, er in zip(mine, want)
             for g, e in zip(gr, er) if g != e]
    values = [g for mine in got for row in mine for g in row]
    signed = bool(values) and min(values) < 0
    for bits in (8, 16, 32):  # the narrowest type that holds every value of yours
        low, high = (-(1 << bits - 1), 1 << bits - 1) if signed else (0, 1 << bits)
        if not pairs or any((g - e) % (1 << bits) for g, e in pairs) or not all(
                low <= v < high for v in values):
            continue
        kind = f"{'' if signed else 'u'}int{bits}"
        shown = ", ".join(f"{g} where {e} belongs" for g, e in dict.fromkeys(pairs))
        article = "an" if signed else "a"
        return (f"yours has {shown}: each is the expected value wrapped round modulo 2**{bits}, "
                f"so the ids went through {article} {kind} array or tensor (np.{kind}, "
                f"torch.{kind}), which cannot hold {pairs[0][1]}; a cast to torch.long "
                "afterwards does not undo the wrap: build the rows as torch.long (or np.int64) "
                "from the start")
    return None


def _overflow_hint(batch, kwargs, message):
    """Why torch refused to put an id into a tensor: its narrow integer dtype (torch.int16,
    torch.uint8, ...) cannot hold the end-of-text id or ignore_index; None for other errors."""
    found = re.search(r"converted to type (\w+) without overflow", message)
    if found is None:
        return None
    kind = found.group(1)
    try:
        info = torch.iinfo(getattr(torch, kind))
    except (AttributeError, TypeError):
        return None
    texts = [item[1] if isinstance(item, tuple) else item for item in batch]
    named = {"the end-of-text id": kwargs.get("pad_token_id", 50256),
             "ignore_index": kwargs.get("ignore_index", -100),
             "the largest token id": max((t for text in texts for t in text), default=0)}
    over = [f"{name} {value}" for name, value in named.items()
            if not info.min <= value <= info.max]
    return (f"the rows were built as torch.{kind} (dtype=torch.{kind}?), whose values run "
            f"from {info.min} to {info.max}: "
            + (" and ".join(over) + " do" + ("es" if len(over) == 1 else "") + " not fit"
               if over else "a value of the batch does not fit")
            + " (GPT-2's ids go up to 50256); build the rows as torch.long (the dtype "
            "torch.tensor gives a list of ints), which the embedding and cross_entropy need")


def _collate_case(impl, batch, kwargs):
    given = copy.deepcopy(batch)
    own_items = list(given)  # the item objects handed over, to tell a replaced entry apart
    shown = f"{batch} with {kwargs or 'default arguments'}"
    try:
        try:
            out = impl(given, **kwargs)
        except Exception as err:  # the library's collate called by position in another order?
            note = _library_order_note(impl, batch, kwargs)
            if note is None:
                raise
            raise CheckFailure(f"for the batch {shown} your code raised "
                               f"{type(err).__name__}: {err}: {note}") from err
    except TypeError as err:
        if isinstance(batch[0], tuple) and "'int'" in str(err):
            try:  # the same pairs in the other order: proves a swapped unpacking
                flipped = impl([(ids, length) for length, ids in copy.deepcopy(batch)],
                               **kwargs)
                proven = [t.tolist() for t in flipped] == list(
                    _reference_collate(batch, **kwargs))
            except Exception:  # noqa: BLE001 - a probe only; the crash above is reported
                proven = False
            why = ("given the same pairs as (token_ids, instruction_length), yours returns "
                   "our result, so it unpacks each pair in the other order" if proven else
                   "an int was used where a list or tensor belongs (each pair unpacked in "
                   "the other order?)")
            raise CheckFailure(f"for the batch {shown} your code raised TypeError: {err}: "
                               f"{why}. Each item is a pair (instruction_length, token_ids) "
                               "in that order: unpack it as for instruction_length, item in "
                               "batch") from err
        raise
    except IndexError as err:  # a prompt masked one index at a time after the cut?
        cut = kwargs.get("allowed_max_length")
        long_rows = [r for r, item in enumerate(batch)
                     if isinstance(item, tuple) and cut is not None and item[0] - 1 > cut]
        if not long_rows or not _gives(impl, batch, {k: v for k, v in kwargs.items()
                                                     if k != "allowed_max_length"}):
            raise
        r = long_rows[0]
        raise CheckFailure(
            f"for the batch {shown} your code raised IndexError: {err}. Row {r}'s prompt "
            f"(instruction_length {batch[r][0]}) reaches past allowed_max_length={cut}, and "
            "without allowed_max_length yours gives the right result: after the cut the row "
            f"has only {cut} targets, so masking its first instruction_length - 1 targets one "
            "index at a time runs past its end; mask with a slice, targets[:instruction_length "
            "- 1] (a slice stops at the row's end), or mask before the cut") from err
    except RuntimeError as err:
        hint = (_overflow_hint(batch, kwargs, str(err))
                or _unequal_rows_hint(batch, kwargs, str(err), impl)
                or _cut_width_hint(impl, batch, kwargs, str(err))
                or _row_by_column_hint(batch, kwargs, str(err))
                or _wide_cut_hint(impl, batch, kwargs))
        if hint is None:
            raise
        raise CheckFailure(f"for the batch {shown} your code raised RuntimeError: "
                           f"{str(err).rstrip('.')}. {hint}") from err
    if given != batch:
        if len(given) == len(own_items) and own_items == batch and any(
                now is not was for now, was in zip(given, own_items)):
            raise CheckFailure(
                f"for the batch {shown} your function changed the batch list it was given "
                f"(now {given}): its items themselves are untouched, but yours put new items "
                "into the caller's list (batch[i] = ...), so the caller's batch now holds the "
                "padded texts; keep the new lists in a list of your own and leave batch as "
                "it is")
        raise CheckFailure(f"for the batch {shown} your function changed the batch it was "
                           f"given in place (now {given}); copy each item before appending")
    if not (isinstance(out, (tuple, list)) and len(out) == 2
            and all(torch.is_tensor(t) for t in out)):
        parts = (" of " + " and ".join(type(t).__name__ for t in out)
                 if isinstance(out, (tuple, list)) and len(out) == 2 else "")
        rows = (": each part holds one row per item; torch.stack the rows into a (batch, "
                "width) tensor" if parts and all(isinstance(t, (list, tuple)) for t in out)
                else "")
        raise CheckFailure(f"for the batch {shown} you returned a {type(out).__name__}{parts}; "
                           f"return a pair of tensors (inputs, targets){rows}")
    inputs, targets = out
    if inputs.dtype != torch.long or targets.dtype != torch.long:
        texts = [item[1] if isinstance(item, tuple) else item for item in batch]
        empty = (f" Here the batch holds an empty text (item {texts.index([])}): "
                 "torch.tensor([]) is float32, and torch.cat or torch.stack turn the other rows "
                 "into floats too; give every torch.tensor dtype=torch.long"
                 if [] in texts and inputs.is_floating_point() else "")
        raise CheckFailure(f"for the batch {shown}: inputs and targets are {inputs.dtype} and "
                           f"{targets.dtype}; they must be torch.long (embeddings need int64 "
                           f"ids and cross_entropy refuses int32 targets).{empty}")
    got = (inputs.tolist(), targets.tolist())
    expected = _reference_collate(batch, **kwargs)
    if got == expected:
        return
    if inputs.dim() == 1 and got == tuple(sum(rows, []) for rows in expected):
        why = "the rows were joined end to end (torch.cat?); torch.stack them"
        if len(batch) == 1:  # cat and squeeze agree on one row: a batch of two tells them apart
            try:
                two = impl(copy.deepcopy(batch + batch), **kwargs)[0]
                if two.dim() == 2:
                    why = (f"yours keeps 2 dimensions for a batch of 2 items ({tuple(two.shape)}), "
                           "so the batch dimension of a one-item batch is dropped (.squeeze() "
                           "on the stacked tensors?); leave torch.stack's result as it is")
            except Exception:  # noqa: BLE001 - a probe only; the 1-D result is reported
                pass
        raise CheckFailure(f"for the batch {shown} your inputs and targets are 1-D, shape "
                           f"{tuple(inputs.shape)}, where (batch, width) = "
                           f"{(len(expected[0]), len(expected[0][0]))} is expected: {why}")
    mistakes = {cause: _reference_collate(batch, mistake=key, **kwargs)
                for key, cause in _COLLATE_CAUSES.items()}
    hint = _narrow_ids_note(got, expected) or _matching_cause(
        got, {k: v for k, v in mistakes.items() if v != expected})
    for name in ("ignore_index", "pad_token_id"):
        if hint == _COLLATE_CAUSES[f"{name} hard-coded"] and kwargs.get(name, 1) == 0 and \
                _gives(impl, batch, {**kwargs, name: 7}):  # a non-zero value is used
            hint = (f"{hint[:-len('use the argument')]}it was given as 0, and yours uses the "
                    f"default instead: a test such as `{name} or ...` or `if not {name}:` "
                    f"takes an explicit 0 for a missing argument; use {name} as given (test "
                    "`is None` if you need a default)")
    if hint == _COLLATE_CAUSES["no truncation"] and kwargs.get("allowed_max_length") == 0 and \
            _gives(impl, batch, {**kwargs, "allowed_max_length": 1}):
        hint = ("allowed_max_length was given as 0 and yours cut nothing, while with "
                "allowed_max_length=1 yours cuts right: a test such as `if "
                "allowed_max_length:` takes an explicit 0 for a missing argument (0 columns is "
                "a cut too); test `if allowed_max_length is not None:`")
    if hint == _COLLATE_CAUSES["last row not masked"] and not _replays(
            impl, [(2, [5, 6, 7]), (4, [0, 1, 2, 3, 4]), (3, [8, 9, 10])], "last row not masked"):
        hint = None  # another rule left that row unmasked here (a guard on its length?)
    if hint == _COLLATE_CAUSES["only the last row masked"] and not _replays(
            impl, [(2, [5, 6, 7]), (4, [0, 1, 2, 3, 4]), (3, [8, 9, 10])],
            "only the last row masked"):
        hint = None  # another rule masked only that row here
    kept = _COLLATE_CAUSES["prompt's pad ids kept"]
    if hint is None and got == mistakes[kept] and _replays(
            impl, [(2, [5, 6, 7]), (3, [8, 50256, 9, 10]), (2, [11, 12])], "prompt's pad ids kept"):
        # the row whose prompt holds the pad id can be the first or the last one, as if that
        # row alone were left unmasked: a batch whose middle row holds it confirms the rule
        hint = (f"{kept} (yours does the same on a batch whose middle row holds "
                "pad_token_id in its prompt)")
    if hint == _COLLATE_CAUSES["mask one too few"] and not _replays(
            impl, [(3, [300, 301, 302, 303]), (4, [400, 401, 402, 403, 404])], "mask one too few"):
        # small ids (0 .. 9 in the book's batch) can mimic one target too few: a comparison of
        # the ids with the length, told by a batch whose ids are far above every length
        probe = [(4, [0, 5, 1, 6, 2]), (3, [7, 0, 8, 1])]
        hint = (f"{_COLLATE_CAUSES['prompt masked by value']} (yours gives exactly that on the "
                f"batch {probe}, whose small ids sit among the prompt and the response)"
                if _replays(impl, probe, "prompt masked by value") else None)
    if hint == _COLLATE_CAUSES["mask the response's length"] and not _replays(
            impl, [(2, [1, 2, 3, 4, 5, 6]), (4, [7, 8, 9, 10, 11])], "mask the response's length"):
        hint = None  # another count masked as many targets here (min(length, len - length)?)
    if hint == _COLLATE_CAUSES["prompt not masked"] and kwargs.get("allowed_max_length") is None:
        wide = max(len(item) for _, item in batch) + 1  # a cut that keeps every column
        if _gives(impl, batch, {**kwargs, "allowed_max_length": wide}):
            hint = ("the prompt is masked only when allowed_max_length is given: here it is "
                    f"None and yours masks nothing, while with allowed_max_length={wide} (which "
                    "cuts nothing here) yours masks the prompt right (a cap such as "
                    "min(instruction_length - 1, allowed_max_length or 0)?); mask "
                    "targets[:instruction_length - 1] whatever allowed_max_length is")
    shortest = _COLLATE_CAUSES["shortest prompt for all rows"]
    if hint in (_COLLATE_CAUSES[key] for key in ("prompt not masked", "same length for all "
                "rows", "last row's length for all rows")) and got == mistakes[shortest]:
        # the shortest prompt is also "none", the first or the last row's here: a batch whose
        # prompts are all longer than one token, each row's length distinct, tells them apart
        probe = [(3, [5, 6, 7, 8]), (5, [0, 1, 2, 3, 4, 5]), (2, [8, 9, 10]), (4, [1, 2, 3, 4, 5])]
        if _replays(impl, probe, "shortest prompt for all rows"):
            hint = (f"{shortest} (here the shortest is {min(n for n, _ in batch)}; seen again "
                    f"on the batch {probe}, whose shortest prompt is neither the first nor the "
                    "last row's)")
    longest_prompt = _COLLATE_CAUSES["longest prompt for all rows"]
    if hint == _COLLATE_CAUSES["same length for all rows"] and got == mistakes[longest_prompt]:
        # here the first row has the longest prompt: both mistakes give these targets, so a
        # batch whose first prompt is the shortest tells them apart
        hint = _one_length_probe(impl) or (
            "every row is masked with one length, the first row's instruction_length, which is "
            "here also the longest prompt of the batch (either mistake gives these targets): "
            "mask each row with its own")
    for key in ("same length for all rows", "last row's length for all rows"):
        if hint == _COLLATE_CAUSES[key] and not _replays(impl, _LENGTHS_PROBE, key):
            # the first or the last row's length was also another rule's length here (the
            # mean of [3, 1, 2] is the last row's 2): the probe's lengths tell them apart
            hint = _lengths_note(impl, batch, kwargs, got)
    if hint == _COLLATE_CAUSES["no truncation"] and got == mistakes[_COLLATE_CAUSES["rows cut"]]:
        # the batch has no more rows than allowed_max_length, so a cut of the rows changes
        # nothing either: allowed_max_length=1 on the same batch tells them apart
        try:
            one = impl(copy.deepcopy(batch), **{**kwargs, "allowed_max_length": 1})[0]
            if len(batch) > 1 and one.dim() == 2 and one.shape[0] == 1 and one.shape[1] > 1:
                hint = (f"{_COLLATE_CAUSES['rows cut']} (here the {len(batch)} rows are not "
                        f"more than allowed_max_length={kwargs['allowed_max_length']}, so "
                        f"nothing was cut; with allowed_max_length=1 yours returns shape "
                        f"{tuple(one.shape)}: one row, every column)")
        except Exception:  # noqa: BLE001 - a probe only; the "ignored" hint stands
            pass
    if hint is None and "pad_token_id" not in kwargs:
        for value in sorted({x for row in got[0] for x in row} - {50256}):
            if _reference_collate(batch, pad_token_id=value, **kwargs) == got:
                hint = (f"the default pad_token_id is {value}; it must be 50256, GPT-2's "
                        "<|endoftext|> token, appended to each text and used as padding")
    if hint is None and "ignore_index" not in kwargs:
        seen = {x for row in got[1] for x in row} - {x for row in expected[1] for x in row}
        for value in sorted(seen):
            if _reference_collate(batch, ignore_index=value, **kwargs) == got:
                hint = (f"the default ignore_index is {value}; it must be -100, the default of "
                        "cross_entropy that the training loss relies on")
    if hint is None and isinstance(batch[0], tuple):
        hint = _lengths_note(impl, batch, kwargs, got)
    if hint is None and isinstance(batch[0], tuple) and got[1] == expected[1] and tuple(
            inputs.shape) == (len(expected[0]), len(expected[0][0])) and all(
            a[k] == b[k] for (length, _), a, b in zip(batch, got[0], expected[0])
            for k in range(max(length, 0), min(len(a), len(b)))) and got[0] != expected[0]:
        row = next(r for r in range(len(batch)) if got[0][r] != expected[0][r])
        hint = (f"the inputs are changed inside the prompt (row {row}, instruction_length "
                f"{batch[row][0]}: {got[0][row]} instead of {expected[0][row]}), while the "
                "targets are right: the inputs keep every token; only the targets get "
                "ignore_index for the prompt")
    if hint is None and inputs.dim() == targets.dim() == 2 and (
            inputs.T.tolist(), targets.T.tolist()) == tuple(expected):
        hint = (f"yours are the expected tensors transposed: shape {tuple(inputs.shape)} "
                f"(width, batch) where (batch, width) = {tuple(inputs.T.shape)} is expected, "
                "row i being item i (torch.stack(rows, dim=1), or a .T?): stack the rows along "
                "dim 0, torch.stack(rows)")
    if hint is None:
        hint = _library_order_note(impl, batch, kwargs)
    if hint is None:
        want_shape = (len(expected[0]), len(expected[0][0]))
        if tuple(inputs.shape) != want_shape or tuple(targets.shape) != want_shape:
            cut = kwargs.get("allowed_max_length")
            width = inputs.shape[-1] if inputs.dim() == 2 else None
            if cut is None and width is not None and width < want_shape[1] and got == tuple(
                    [row[:width] for row in rows] for rows in expected):
                raise CheckFailure(
                    f"for a batch whose longest text has {want_shape[1]} tokens, with no "
                    f"allowed_max_length given, yours cut inputs and targets to {width} columns "
                    f"(right up to there): a default cut (allowed_max_length or {width}?) where "
                    "None means no cut at all: cut only when allowed_max_length is not None")
            hint = (f"your inputs have shape {tuple(inputs.shape)} and your targets "
                    f"{tuple(targets.shape)}, expected both {want_shape}"
                    + (f" (the texts are longer than allowed_max_length={cut}, so both are "
                       f"cut to {cut} columns)" if cut is not None and want_shape[1] == cut
                       else "") + ": pad to the longest length + 1, shift by one, cut to "
                    "allowed_max_length")
            if cut is None and width is not None:
                hint += _width_rule_note(impl, isinstance(batch[0], tuple), width, want_shape[1])
            if tuple(targets.shape) == want_shape and got[1] == expected[1] and cut is not None \
                    and inputs.dim() == 2 and inputs.shape[1] > cut and inputs[:, :cut].tolist() \
                    == expected[0]:
                items = [item[1] if isinstance(item, tuple) else item for item in batch]
                full = max(len(item) for item in items)  # the padded width before any cut
                width = inputs.shape[1]
                state = ("but uncut" if width == full else
                         f"but cut to {width} columns ({width - cut:+d} against "
                         f"allowed_max_length; the uncut width is {full})")
                lead = ("cut the targets only" if width == full
                        else "cut the inputs to another width than the targets")
                hint = (f"allowed_max_length={cut} {lead}: your targets are right, "
                        f"and your inputs {tuple(inputs.shape)} are right up to column {cut} "
                        f"{state}; cut the inputs to the same allowed_max_length columns"
                        + ("" if width == full else
                           ", inputs[:allowed_max_length] as for the targets"))
        else:
            which = "inputs" if got[0] != expected[0] else "targets"
            row = next(r for r in range(len(batch)) if got[0][r] != expected[0][r]
                       or got[1][r] != expected[1][r])
            prompt = (f" (instruction_length {batch[row][0]})"
                      if isinstance(batch[0], tuple) else "")
            hint = (f"row {row}'s {which}{prompt} are {got[0 if which == 'inputs' else 1][row]}, "
                    f"expected {expected[0 if which == 'inputs' else 1][row]}")
            text = list(batch[row][1] if isinstance(batch[row], tuple) else batch[row])
            width, pad = len(expected[0][row]), kwargs.get("pad_token_id", 50256)
            mine = got[1][row]
            apart = False
            if not text and which == "targets" and len(mine) == width and mine[:-1] == \
                    expected[1][row][:-1] and mine[-1] == pad:
                hint += (": this row's text is empty, and yours puts an end-of-text target in "
                         "its LAST column: for an empty text len(item) - 1 is -1, and a "
                         "negative index counts from the end (targets[len(item) - 1] = "
                         "pad_token_id?); an empty text's end-of-text is its input 0, so no "
                         "target of that row is an end-of-text: all are ignore_index (guard "
                         "the index, if item:, or use slices)")
            elif text and width > len(text) and got[0][row] == [pad] * (width - len(text)) \
                    + text:
                hint += (f": the row holds {width - len(text)} padding token(s) BEFORE its "
                         "text (padding on the left, as for generation): pad on the right, "
                         "the text first, then its end-of-text and the padding, so that "
                         "every row starts with its text")
            elif which == "inputs" and _input_padding_note(batch, kwargs, got[0], expected[0]):
                pass  # the padding value is the cause, named below; which rows say nothing
            else:
                apart = True  # which rows differ: added below, once the notes after it are known
            # a mistake that reproduces this row alone (the other rows differ for another reason)
            row_causes = {cause for cause, v in mistakes.items()
                          if v and v != expected and len(v[0]) == len(got[0])
                          and v[0][row] == got[0][row] and v[1][row] == got[1][row]}
            longest_note = _longest_row_note(batch, kwargs, got, expected)
            tail, specific = "", False  # specific: a later note names the rule on the item
            if longest_note:
                tail, specific = longest_note, True
            elif len(row_causes) == 1:
                tail, specific = f"; that row matches this mistake: {row_causes.pop()}", True
            elif which == "inputs":
                tail = _input_padding_note(batch, kwargs, got[0], expected[0])
                specific = bool(tail)
            elif which == "targets":
                tail = _target_roles(batch[row], got[1][row], expected[1][row],
                                     kwargs.get("ignore_index", -100))
                specific = any(pattern in tail for pattern in _TARGET_PATTERNS)
                cut = kwargs.get("allowed_max_length")
                tail += _mask_counts_note(batch, got, expected, kwargs.get("ignore_index",
                                                                           -100))
                if prompt and batch[row][0] >= len(batch[row][1]) > 1:
                    specific = True
                    tail += (f"; this row's prompt is its whole text (instruction_length "
                             f"{batch[row][0]}, {len(batch[row][1])} tokens), so every target "
                             "before its end-of-text is a prompt target: a guard that skips "
                             "rows without a response (instruction_length < len(token_ids))?")
                if prompt and cut is not None and batch[row][0] - 1 >= cut:
                    specific = True
                    tail += (f"; this row's prompt (instruction_length {batch[row][0]}) reaches "
                             f"past allowed_max_length={cut}, so every target left after the "
                             "cut is a prompt target and must be ignore_index: mask the "
                             "first instruction_length - 1 targets whatever the cut")
            hint += (_rows_apart_note(impl, batch, kwargs, got, expected, specific)
                     if apart else "") + tail
    raise CheckFailure(f"for the batch {shown}: {hint}. Expected inputs {expected[0]}, "
                       f"targets {expected[1]}; yours {got[0]}, {got[1]}")


_COLLATE_DEFAULTS = {"pad_token_id": 50256, "ignore_index": -100, "allowed_max_length": None,
                     "device": "cpu"}


def _library_order_note(impl, batch, kwargs):
    """When the answer calls llmscratch's custom_collate_fn (a spy records its calls) and one of
    its arguments gets the value of another of the answer's parameters (passed by position in
    another order), that as the cause; None otherwise."""
    library = importlib.import_module("llmscratch.instruction")
    original = library.custom_collate_fn
    calls = []

    def spy(*args, **kw):
        calls.append(inspect.signature(original).bind(*args, **kw).arguments)
        return original(*args, **kw)
    spaces = [vars(library), vars(llmscratch), getattr(impl, "__globals__", {})]
    spots = [(space, name) for space in spaces for name, value in list(space.items())
             if value is original]
    if not spots:
        return None
    for space, name in spots:
        space[name] = spy
    try:
        impl(copy.deepcopy(batch), **kwargs)
    except Exception:  # noqa: BLE001 - a probe only: the calls made before a crash count
        pass
    finally:
        for space, name in spots:
            space[name] = original
    own = {**_COLLATE_DEFAULTS, **kwargs}
    for bound in calls:
        for name, value in bound.items():
            if name not in own or value == own[name]:
                continue
            other = next((q for q in own if q != name and own[q] == value
                          and own[q] != own[name]), None)
            if other is not None:
                return (f"yours calls llmscratch's custom_collate_fn with {name}={value!r}, the "
                        f"value of your {other} (arguments passed by position in another "
                        "order?): its parameters after batch are (pad_token_id, ignore_index, "
                        "allowed_max_length, device); pass them by keyword")
    return None


def _width_rule_note(impl, masked, width, want):
    """Name a batch width rounded up to a multiple (Hugging Face's pad_to_multiple_of) or a
    fixed width, when a probe batch of other lengths follows the same rule; "" otherwise."""
    probe = [list(range(1, 12)), [12, 13]]  # longest text 11 tokens: 11 columns expected
    try:
        seen = impl([(1, item) for item in probe] if masked else probe)[0].shape[-1]
    except Exception:  # noqa: BLE001 - a probe only; the failing case is reported anyway
        return ""
    for m in (8, 16, 32, 64):  # the inputs' width, or the padded width (+ 1), rounded up
        for rule in (lambda n, m=m: m * math.ceil(n / m),
                     lambda n, m=m: m * math.ceil((n + 1) / m),
                     lambda n, m=m: m * math.ceil((n + 1) / m) - 1):
            if rule(want) == width != want and rule(11) == seen != 11:
                return (f"; yours is {width} columns wide here where {want} are expected, and "
                        f"{seen} for a batch whose longest text has 11 tokens (11 expected): "
                        f"the width is rounded up to a multiple of {m} (pad_to_multiple_of="
                        f"{m}, as Hugging Face's collators pad?); pad only to the longest "
                        "text + 1")
    if seen == width != want:
        return (f"; yours is {width} columns wide here and for a batch whose longest text has "
                "11 tokens: a fixed width; pad each batch to its own longest text + 1")
    return ""


def _rows_apart_note(impl, batch, kwargs, got, expected, specific=False):
    """When only some rows differ, which (the first, the last) and whether the same items fail
    with the batch reversed (a rule on the item, such as its length) or the same places do (a
    loop bound that skips them), as a clause of the fallback hint; "" when every row differs.
    ``specific``: a note after this one names the rule, so the generic guess is left out (as it
    is when the rows are the only ones without padding)."""
    n = len(batch)
    bad = [r for r in range(n) if got[0][r] != expected[0][r] or got[1][r] != expected[1][r]]
    if len(bad) == n:
        return ""
    end = {0: " (the first)", n - 1: " (the last)"}
    named = ", ".join(f"{r}{end.get(r, '')}" for r in bad)
    note = (f"; only row{'s' if len(bad) > 1 else ''} {named} of the {n} differ"
            f"{'' if len(bad) > 1 else 's'}, the other rows are right")
    sizes = [len(item[1] if isinstance(item, tuple) else item) for item in batch]
    if {r for r in range(n) if sizes[r] == max(sizes)} == set(bad):
        specific = True
        note += (f"; {'those rows are' if len(bad) > 1 else 'that row is'} the longest "
                 f"text's, the only {'rows' if len(bad) > 1 else 'row'} without padding: a rule "
                 "that counts the padding goes wrong when there is none")
        ignore = kwargs.get("ignore_index", -100)
        if all(set(got[1][r]) == {ignore} for r in bad):
            note += (f" (every target of {'those rows' if len(bad) > 1 else 'that row'} is "
                     "ignore_index: a mask counted from the end, targets[-n_pad:], is the whole "
                     "row when n_pad is 0, since [-0:] is [0:]; mask from the position, "
                     "targets[len(item):])")
    flipped = sorted(n - 1 - r for r in bad)
    if flipped == bad:
        return note
    rev = list(reversed(batch))
    try:
        inputs, targets = impl(copy.deepcopy(rev), **kwargs)
        mine, want = (inputs.tolist(), targets.tolist()), _reference_collate(rev, **kwargs)
        bad_rev = [r for r in range(n) if mine[0][r] != want[0][r] or mine[1][r] != want[1][r]]
    except Exception:  # noqa: BLE001 - a probe only; the failing case is reported anyway
        return note
    if bad_rev == bad:
        return (f"{note}, and with the batch reversed the same place"
                f"{'s differ' if len(bad) > 1 else ' differs'}: a loop over the rows that skips "
                f"{'them' if len(bad) > 1 else 'it'} (its range off by one?)")
    if bad_rev == flipped:
        what = (f" (instruction_length {sorted({batch[r][0] for r in bad})})"
                if isinstance(batch[0], tuple) else "")
        many = len(bad) > 1
        return (f"{note}, and with the batch reversed the same item{'s' if many else ''}{what} "
                f"differ{'' if many else 's'} in {'their' if many else 'its'} new place"
                + ("" if specific else ": a rule on the item itself (a test on its length?)"))
    return note


def _mask_counts_note(batch, got, want, ignore_index):
    """With pairs and right inputs, how many leading text targets each row masks, yours against
    ours, when those counts differ (a wrong count such as min(length, len - length) shows as a
    pattern across the rows); "" otherwise."""
    if not isinstance(batch[0], tuple) or got[0] != want[0]:
        return ""

    def counts(rows):
        found = []
        for (_, ids), row in zip(batch, rows):
            text = row[:max(len(ids) - 1, 0)]  # the targets that are text tokens
            found.append(next((k for k, t in enumerate(text) if t != ignore_index), len(text)))
        return found
    mine, ours = counts(got[1]), counts(want[1])
    if mine == ours:
        return ""

    def masked(rows):  # the masked positions among each row's text and end-of-text targets
        return [[t for t, x in enumerate(row[:len(ids)]) if x == ignore_index]
                for (_, ids), row in zip(batch, rows)]
    at_end = [(r, spots) for r, ((_, ids), spots, right) in enumerate(
        zip(batch, masked(got[1]), masked(want[1]))) if spots != right]
    if all(len(m) == len(w) for m, w in zip(masked(got[1]), masked(want[1]))) and all(
            spots and spots == list(range(spots[0], spots[-1] + 1))
            and spots[-1] in (len(batch[r][1]) - 1, len(batch[r][1]) - 2)
            for r, spots in at_end):
        r, spots = at_end[0]
        upto = ("its end-of-text target" if spots[-1] == len(batch[r][1]) - 1
                else "the target before its end-of-text")
        return (f"; yours masks as many targets per row as expected (instruction_length - 1), "
                f"but at the END of each text: row {r} masks positions {spots[0]}..{spots[-1]}, "
                f"up to {upto}, where its prompt targets are positions 0..{len(spots) - 1} "
                "(counted back from the end of the text?): the prompt is the first "
                "instruction_length tokens of token_ids, so mask targets[:instruction_length - 1]")
    return (f"; each row's masked leading targets: yours {mine}, expected {ours} "
            f"(instruction_length - 1 per row, within the text; instruction lengths "
            f"{[n for n, _ in batch]}, text lengths {[len(ids) for _, ids in batch]}): compare "
            "how yours counts the masked targets with instruction_length - 1, row by row")


def _input_padding_note(batch, kwargs, got, want):
    """When every text is right in the inputs and only the padding after it differs, always
    with one value: that value, as the cause; "" otherwise. The first end-of-text input may be
    right (pad_token_id appended, the rest padded with another id) or hold that value too."""
    pad = kwargs.get("pad_token_id", 50256)
    seen, eot_right = set(), set()
    for item, g, w in zip(batch, got, want):
        n = len(item[1] if isinstance(item, tuple) else item)
        if g[:n] != w[:n] or len(g) != len(w):
            return ""
        seen.update(g[n + 1:])
        if n < len(g):
            eot_right.add(g[n] == pad)
            if g[n] != pad:
                seen.add(g[n])
    if len(seen) != 1 or pad in seen:
        return ""
    value = seen.pop()
    if eot_right == {True}:  # each text's end-of-text is pad_token_id, only the padding not
        slip = ("50256 written for the padding where pad_token_id belongs, [50256] * n?"
                if value == 50256 else f"[{value}] * n where [pad_token_id] * n belongs?")
        return (f": every text and its end-of-text token are right, but the padding after "
                f"them is {value}, not pad_token_id={pad} ({slip}): pad the inputs with "
                "pad_token_id, item + [pad_token_id] + [pad_token_id] * (width - len(item) - 1)")
    return (f": every text is right, but the inputs are padded with {value}, not with "
            f"pad_token_id={pad} (a torch.zeros or torch.full(..., {value}) canvas?): pad the "
            "inputs with pad_token_id")


def _longest_row_note(batch, kwargs, got, expected):
    """When only the rows of the longest texts differ, and there only in the first end-of-text
    target (the rows without padding lost their end-of-text), that as a clause; "" otherwise."""
    items = [item[1] if isinstance(item, tuple) else item for item in batch]
    longest = max(len(item) for item in items)
    bad = [r for r in range(len(items)) if got[0][r] != expected[0][r]
           or got[1][r] != expected[1][r]]
    if not bad or len(bad) == len(items) or any(len(items[r]) != longest for r in bad):
        return ""
    spots = {(r, t) for r in bad for t, (a, b) in enumerate(zip(got[1][r], expected[1][r]))
             if a != b}
    if got[0] != expected[0] or spots != {(r, longest - 1) for r in bad}:
        return ""
    r = bad[0]
    return (f"; only the row{'s' if len(bad) > 1 else ''} of the longest text ({longest} "
            f"tokens: row {', '.join(map(str, bad))}) differ{'' if len(bad) > 1 else 's'}, at its "
            f"first end-of-text target (position {longest - 1}: yours {got[1][r][longest - 1]}, "
            f"expected {expected[1][r][longest - 1]}), while the shorter rows are right: the "
            "longest text gets its end-of-text token too; append pad_token_id to every item "
            "(the batch width is the longest text + 1), not only to those that need padding")


# the openings of _target_roles' clauses that name a pattern (a cause), not positions alone
_TARGET_PATTERNS = (": at every differing position", ": every response target")


def _target_roles(item, got, want, ignore_index=-100):
    """Which kinds of target (prompt, response, the first end-of-text, padding) a row's
    differing positions are, as a clause of the fallback hint, with the pattern they form
    when they form one (the targets one position behind, ids masked by value)."""
    length, ids = item if isinstance(item, tuple) else (None, item)
    roles = []
    for t, (a, b) in enumerate(zip(got, want)):
        if a == b:
            continue
        if length is not None and t < length - 1:
            role = "a prompt target"
        elif t < len(ids) - 1:
            role = "a response target" if length is not None else "a text target"
        elif t == len(ids) - 1:
            role = "the first end-of-text target"
        else:
            role = "a padding target"
        roles.append(f"{t} ({role}: yours {a}, expected {b})")
    if not roles:
        return ""
    text = (f"; they differ at position {', '.join(roles[:4])}" + (" ..." if len(roles) > 4
                                                                    else ""))
    spots = [t for t, (a, b) in enumerate(zip(got, want)) if a != b]
    if len(spots) > 1 and all(t > 0 and got[t] == want[t - 1] for t in spots):
        text += (": at every differing position yours holds the expected target of the "
                 "position before, so your targets lag one position behind (target t is token "
                 "t, the input itself: not shifted?): target t must be token t + 1, the "
                 "padded row without its first token (padded[1:])")
    elif len(spots) > 1 and all(t + 1 < len(want) and got[t] == want[t + 1] for t in spots):
        text += (": at every differing position yours holds the expected target of the "
                 "position after, so your targets run one position ahead (shifted by two?): "
                 "target t is token t + 1, padded[1:]")
    masked = [t for t in spots if got[t] == ignore_index and (length is None or t >= length - 1)]
    if masked and length is not None and all(want[t] in ids[:max(length, 0)] for t in masked):
        text += (f": every response target that yours masks wrongly holds an id that also "
                 f"occurs in the prompt ({sorted({want[t] for t in masked})}), as if the prompt "
                 f"was masked by value (ids found in the prompt): mask by position, the first "
                 "instruction_length - 1 targets")
    return text


# instruction lengths whose first, last, shortest, longest and mean (5) all differ
_LENGTHS_PROBE = [(3, [5, 6, 7, 8, 9]), (9, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]),
                  (2, [20, 21, 22, 23]), (6, [24, 25, 26, 27, 28, 29, 30, 31])]


def _with_lengths(batch, lengths):
    """The pairs of ``batch`` with other instruction lengths."""
    return [(n, ids) for n, (_, ids) in zip(lengths, batch)]


def _answer_on(impl, batch, kwargs=None):
    """The answer's (inputs, targets) as lists on ``batch``, or None when it fails (a probe)."""
    try:
        inputs, targets = impl(copy.deepcopy(batch), **(kwargs or {}))
        return inputs.tolist(), targets.tolist()
    except Exception:  # noqa: BLE001 - a probe only; the failing case is reported anyway
        return None


def _lengths_note(impl, batch, kwargs, got):
    """With pairs, a rule on the instruction lengths that gives ``got`` and gives the answer's
    result on ``_LENGTHS_PROBE`` too: each row masked with another item's length (the lengths
    sorted or reversed), every row with one length that is no row's own (the mean), or the
    rows with short prompts left unmasked (a guard above 1); None when none holds."""
    lengths = [n for n, _ in batch]
    probe = [n for n, _ in _LENGTHS_PROBE]
    mine = None

    def replayed(batch_lengths, probe_lengths):
        nonlocal mine
        if _reference_collate(_with_lengths(batch, batch_lengths), **kwargs) != got:
            return False
        if mine is None:
            mine = _answer_on(impl, _LENGTHS_PROBE) or ()
        return mine == _reference_collate(_with_lengths(_LENGTHS_PROBE, probe_lengths))

    orders = {"sorted from shortest to longest (sorted(lengths)?)": sorted,
              "sorted from longest to shortest": lambda ns: sorted(ns, reverse=True),
              "in reverse order (reversed(lengths)?)": lambda ns: ns[::-1]}
    for how, order in orders.items():
        if order(lengths) != lengths and replayed(order(lengths), order(probe)):
            return (f"each row is masked with another item's instruction_length: yours masks "
                    f"the rows with the lengths {order(lengths)}, the items' own lengths "
                    f"{lengths} {how} (seen again on the batch {_LENGTHS_PROBE}); row i must be "
                    "masked with item i's own instruction_length")
    mean = sum(probe) // len(probe)  # 5, no row's own length
    for n in range(max(lengths) + 2):
        if replayed([n] * len(lengths), [mean] * len(probe)):
            return (f"every row is masked with one instruction_length, {n}, where each row "
                    f"needs its own {lengths}: yours masks with the mean of the instruction "
                    f"lengths (seen again on the batch {_LENGTHS_PROBE}, whose mean {mean} is "
                    "no row's length); mask each row with its own instruction_length")
    for bound in range(2, max(lengths)):
        short = [0 if n <= bound else n for n in lengths]
        if short != lengths and replayed(short, [0 if n <= bound else n for n in probe]):
            return (f"the rows whose instruction_length is at most {bound} are left unmasked, "
                    f"while the longer prompts are masked right (seen again on the batch "
                    f"{_LENGTHS_PROBE}): a guard such as `if instruction_length > {bound}:`? "
                    f"Every prompt of 2 or more tokens has targets to mask (instruction_length "
                    "- 1 of them); only lengths 0 and 1 have none, so the guard is "
                    "`instruction_length > 1`")
    return None


def _one_length_probe(impl):
    """Which one length masks every row, on a batch whose first prompt is the shortest and
    whose second is the longest: the first row's, the longest, or None when neither."""
    batch = [(1, [5, 6, 7]), (4, [0, 1, 2, 3, 4]), (2, [8, 9])]
    for key in ("same length for all rows", "longest prompt for all rows"):
        if _replays(impl, batch, key):
            return (f"{_COLLATE_CAUSES[key]} (seen on the batch {batch}, whose first prompt is "
                    "the shortest)")
    return None


def _gives(impl, batch, kwargs):
    """Whether the answer gives our result on ``batch`` with ``kwargs`` (a probe)."""
    try:
        inputs, targets = impl(copy.deepcopy(batch), **kwargs)
        return (inputs.tolist(), targets.tolist()) == _reference_collate(batch, **kwargs)
    except Exception:  # noqa: BLE001 - a probe only; the failing case is reported anyway
        return False


def _replays(impl, batch, key):
    """Whether the answer gives our result with the mistake ``key`` on ``batch`` (a probe that
    confirms a replay named from one case on other sizes)."""
    try:
        inputs, targets = impl(copy.deepcopy(batch))
        return (inputs.tolist(), targets.tolist()) == _reference_collate(batch, mistake=key)
    except Exception:  # noqa: BLE001 - a probe only; the failing case is reported anyway
        return False


def _collate_device_case(impl, masked):
    batch = [[3, 4, 5], [6, 7]]
    if masked:
        batch = [(2, batch[0]), (1, batch[1])]
    spy = mixed_device_calls(("masked_fill", "masked_fill_", "where"))
    with spy:
        inputs, targets = impl(batch, device="meta")
    devices = {inputs.device.type, targets.device.type}
    if devices != {"meta"}:
        raise CheckFailure(f"with device='meta' (a stand-in device the check uses) the inputs "
                           f"are on {inputs.device.type!r} and the targets on "
                           f"{targets.device.type!r}: move both with .to(device)")
    if spy.seen:
        raise CheckFailure(f"with device='meta' (a stand-in for a GPU) yours calls "
                           f"{spy.seen[0]} with a CPU tensor of positions or a mask next to the "
                           "batch's tensors on the device (a tensor made without device=, such "
                           "as a mask from torch.arange(width)): the stand-in lets "
                           "it pass, but on a GPU it raises a mixed-device error; make the mask "
                           "on the same device, torch.arange(width, device=targets.device)")


def _collate_positional_case(impl, batch):
    """The stub's parameter order: (batch, pad_token_id, ignore_index, allowed_max_length)."""
    values = {"pad_token_id": 0, "ignore_index": -1, "allowed_max_length": 3}
    inputs, targets = impl(copy.deepcopy(batch), *values.values())
    if (inputs.tolist(), targets.tolist()) == _reference_collate(batch, *values.values()):
        return
    try:
        names = list(inspect.signature(impl).parameters)[1:]
    except (TypeError, ValueError):
        names = []
    if set(values) <= set(names) and names[:3] != list(values):
        raise CheckFailure(f"called by position as (batch, 0, -1, 3), the stub's order "
                           f"(pad_token_id 0, ignore_index -1, allowed_max_length 3), yours "
                           f"differs, while every call by keyword passes: your parameters "
                           f"after batch are declared as {names[:3]}, not in the stub's order "
                           f"{list(values)}, so a caller that passes them by position mixes "
                           "them up; declare them as the stub does")
    _collate_case(impl, batch, values)  # the keyword call says what differs


def _zero_length_case(impl):
    """An item without prompt tokens; a crash there is named as instruction_length - 1 = -1
    reaching a slice when the same batch with length 1 (which masks nothing too) passes."""
    # first two texts without padding: the end-of-text target of the prompt-less one is its
    # row's last, which tells a [:-1] slice (that target kept) from a length that wrapped round
    # in an unsigned tensor (the whole row masked); then a shorter one, where the two agree
    batch = [(0, [31, 32, 33, 34]), (2, [35, 36, 37, 38])]
    try:
        _collate_case(impl, batch, {})
        batch = [(0, [21, 22, 23]), (2, [24, 25, 26, 27])]
        _collate_case(impl, batch, {})
    except CheckFailure:
        raise
    except Exception as err:
        if not _gives(impl, [(1, batch[0][1]), batch[1]], {}):
            raise
        raise CheckFailure(
            f"for the batch {batch} your code raised {type(err).__name__}: {err}, while the "
            f"same batch with instruction_length 1 for the first item (which masks nothing "
            f"either) is right: with instruction_length 0, instruction_length - 1 is -1, and "
            f"a slice [:instruction_length - 1] is [:-1], every target but the last (on a "
            f"list, assigning [ignore_index] * -1 = [] to that slice deletes those targets, "
            f"so the row comes out shorter): mask only when instruction_length > 1 (or slice "
            f"up to max(instruction_length - 1, 0))") from err


def _earlier_batch_case(impl, masked):
    """Two calls in a row: the tensors of the first must not change when the second runs (a
    canvas kept between calls and handed out as views changes under the caller's feet)."""
    first, second = [[41, 42, 43], [44, 45]], [[46, 47, 48, 49, 50, 51], [52]]
    if masked:
        first, second = [(2, first[0]), (1, first[1])], [(3, second[0]), (1, second[1])]
    inputs, targets = impl(copy.deepcopy(first))
    kept = (inputs.tolist(), targets.tolist())
    impl(copy.deepcopy(second))
    now = (inputs.tolist(), targets.tolist())
    if now != kept:
        which = " and ".join(name for name, a, b in zip(("inputs", "targets"), now, kept)
                             if a != b)
        raise CheckFailure(
            f"the {which} your code returned for the batch {first} changed when it ran again "
            f"for the batch {second} (inputs {kept[0]} became {now[0]}, targets {kept[1]} "
            f"became {now[1]}): your code keeps state between calls, a buffer (a module-level "
            "canvas reused for every batch) whose views it hands out, so a batch is "
            "overwritten as soon as the next one is collated (a list of batches, a loader "
            "that prefetches); make new tensors in every call, or .clone() what you return")


def _check_collate(impl, masked, seed):
    rng = random.Random(seed)
    batches = _collate_cases(masked, rng)
    cases = [(f"batch {k}", lambda f, b=batch, kw=kwargs: _collate_case(f, b, kw))
             for k, (batch, kwargs) in enumerate(batches)]
    # the first texts again with other arguments: a result kept from the first call is wrong
    cases.append(("batch 0 again, cut to 3 columns, padding 0, ignore -1", lambda f: (
        _collate_case(f, batches[0][0], {"allowed_max_length": 3, "pad_token_id": 0,
                                          "ignore_index": -1}))))
    cases.append(("device 'meta'", lambda f: _collate_device_case(f, masked)))
    long_text = [(7 * k) % 500 + 1 for k in range(1100)]  # longer than GPT-2's 1,024 tokens
    cases.append(("a text of 1,100 tokens, no allowed_max_length", lambda f: _collate_case(
        f, [(5, long_text), (2, [7, 8, 9])] if masked else [long_text, [7, 8, 9]], {})))
    cases.append(("batch 0 with the arguments given by position", lambda f: (
        _collate_positional_case(f, batches[0][0]))))
    if masked:  # an item without prompt tokens: nothing of it is masked
        cases.append(("an item with instruction_length 0", _zero_length_case))
    cases.append(("batch 0 with ignore_index 0", lambda f: (  # 0 given, not missing
        _collate_case(f, batches[0][0], {"ignore_index": 0}))))
    cases.append(("batch 0 with allowed_max_length 0", lambda f: (  # 0 given: cut to nothing
        _collate_case(f, batches[0][0], {"allowed_max_length": 0}))))
    empty = [[], [31, 32, 33]]  # torch.tensor([]) is float32: a cat or stack promotes to it
    cases.append(("a batch holding an empty text", lambda f: _collate_case(
        f, [(0, empty[0]), (2, empty[1])] if masked else empty, {})))
    cases.append(("two batches in a row", lambda f: _earlier_batch_case(f, masked)))
    check_cases(state_probed(impl, cases))


def check_custom_collate_fn(impl):
    _check_collate(impl, masked=False, seed=7)


def check_custom_collate_with_masking(impl):
    _check_collate(impl, masked=True, seed=8)


# --- ex7_5: the LoRA layer ----------------------------------------------------------------------


def _a_inits(in_dim, rank, seed):
    """A as our layer draws it after ``torch.manual_seed(seed)``, and as the usual mistakes do."""
    def draw(fn):
        torch.manual_seed(seed)
        return fn()

    def kaiming(**kw):
        a = torch.empty(in_dim, rank)
        nn.init.kaiming_uniform_(a, **kw)
        return a

    def xavier(init):
        a = torch.empty(in_dim, rank)
        init(a)
        return a

    def linear_weight_t():  # nn.Linear(in_dim, rank).weight is (rank, in_dim)
        w = torch.empty(rank, in_dim)
        nn.init.kaiming_uniform_(w, a=math.sqrt(5))
        return w.T.contiguous()

    def normal():
        a = torch.empty(in_dim, rank)
        nn.init.kaiming_normal_(a, a=math.sqrt(5))
        return a
    return draw(lambda: kaiming(a=math.sqrt(5))), {
        # nonlinearity='relu' ignores a and draws the very same values as a=0
        "A is drawn with kaiming_uniform_ without a=math.sqrt(5), or with "
        "nonlinearity='relu' (which ignores a), so its values are about 2.4x too large; use "
        "nn.init.kaiming_uniform_(A, a=math.sqrt(5)) with the default nonlinearity, as "
        "nn.Linear does":
        draw(lambda: kaiming()),
        "A is drawn with torch.randn (a normal distribution); use "
        "nn.init.kaiming_uniform_(A, a=math.sqrt(5))": draw(lambda: torch.randn(in_dim, rank)),
        "A is drawn with torch.rand (0 to 1, never negative); use "
        "nn.init.kaiming_uniform_(A, a=math.sqrt(5))": draw(lambda: torch.rand(in_dim, rank)),
        "A is drawn with kaiming_uniform_(A, a=5): the slope is math.sqrt(5), not 5 (a=5 "
        "shrinks the values about 2x)": draw(lambda: kaiming(a=5)),
        # kaiming_uniform_(A.T, ...) draws the very same values as mode="fan_out"
        "A is drawn with its fan-in taken as in_dim (mode='fan_out', or kaiming_uniform_ on "
        "A.T), so its bound is 1/sqrt(in_dim); initialise A itself with the default "
        "mode='fan_in' (bound 1/sqrt(rank)), kaiming_uniform_(A, a=math.sqrt(5))":
        draw(lambda: kaiming(a=math.sqrt(5), mode="fan_out")),
        "A is drawn as a Linear weight of shape (rank, in_dim) (nn.Linear(in_dim, rank).weight, "
        "or torch.empty(rank, in_dim)) and then transposed, so its fan-in is in_dim and its "
        "bound 1/sqrt(in_dim); create A as (in_dim, rank) and call "
        "kaiming_uniform_(A, a=math.sqrt(5)) on it (bound 1/sqrt(rank))":
        draw(linear_weight_t),
        # kaiming_normal_(a=sqrt(5)) is randn * 1/sqrt(3 * rank): 1/rank when rank is 3
        f"A is drawn from a normal distribution with std 1/sqrt(3 * rank) = "
        f"{1 / math.sqrt(3 * rank):.4g} (kaiming_normal_(A, a=math.sqrt(5)), or the same numbers "
        f"from normal_(A, std={1 / math.sqrt(3 * rank):.4g}) or torch.randn times that"
        + (", which with rank 3 is also PEFT's gaussian init, std=1/rank" if rank == 3 else "")
        + "); use nn.init.kaiming_uniform_(A, a=math.sqrt(5)), a uniform draw":
        draw(lambda: normal()),
        "A is drawn with xavier_uniform_ (Glorot: its bound uses in_dim + rank); use "
        "nn.init.kaiming_uniform_(A, a=math.sqrt(5))":
        draw(lambda: xavier(nn.init.xavier_uniform_)),
        "A is drawn with xavier_normal_ (Glorot, a normal distribution); use "
        "nn.init.kaiming_uniform_(A, a=math.sqrt(5))":
        draw(lambda: xavier(nn.init.xavier_normal_)),
        "A is drawn with kaiming_uniform_(A, a=math.sqrt(5), nonlinearity='linear'): that "
        "gain is 1 instead of sqrt(1/3), so the values are sqrt(3) = 1.7x too large; leave "
        "nonlinearity at its default": draw(lambda: kaiming(a=math.sqrt(5),
                                                            nonlinearity="linear")),
    }


def _lora_case(impl, in_dim, out_dim, rank, alpha, seed):
    where = f"LoRALayer(in_dim={in_dim}, out_dim={out_dim}, rank={rank}, alpha={alpha})"
    seeded = torch.manual_seed(seed).get_state()
    layer = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=alpha)
    # A drawn as the book does advances the generator; torch.zeros or torch.empty do not
    undrawn = torch.equal(torch.random.get_rng_state(), seeded)
    params = dict(layer.named_parameters())
    if set(params) == {"A", "B", "alpha"}:
        raise CheckFailure(f"{where}: alpha is an nn.Parameter (the layer's parameters are "
                           f"{sorted(params)}), so the optimizer would train the scale too: "
                           "keep it a plain number, self.alpha = alpha; only A and B train")
    if set(params) != {"A", "B"}:
        raise CheckFailure(f"{where}: the layer's parameters are {sorted(params)}; expected "
                           "exactly A and B (as the book names them), both nn.Parameter so the "
                           "optimizer finds them")
    saved = sorted(layer.state_dict())
    if saved != ["A", "B"]:
        extra = sorted(set(saved) - {"A", "B"})
        raise CheckFailure(f"{where}: the layer's state_dict holds {saved}; expected A and B "
                           f"alone: {', '.join(extra)} is a registered buffer (register_buffer), "
                           "so it is saved with the weights and a checkpoint of the book's "
                           "layer no longer loads strictly; keep alpha a plain number, "
                           "self.alpha = alpha, and A and B the only state")
    A, B = layer.A, layer.B
    if tuple(A.shape) != (in_dim, rank) or tuple(B.shape) != (rank, out_dim):
        raise CheckFailure(f"{where}: A has shape {tuple(A.shape)} and B {tuple(B.shape)}; "
                           f"expected A (in_dim, rank) = {(in_dim, rank)} and B (rank, out_dim) "
                           f"= {(rank, out_dim)}")
    if A.dtype != torch.float32 or B.dtype != torch.float32:
        raise CheckFailure(f"{where}: A and B are {A.dtype} and {B.dtype}; expected the default "
                           "torch.float32")
    if torch.count_nonzero(B):
        raise CheckFailure(f"{where}: B does not start at zero (max |B| = "
                           f"{B.abs().max().item():.3g}): with a random B, adding the adapters "
                           "changes the pretrained model's outputs before any training. "
                           "Initialise B with torch.zeros." + (
                               " A is the one at zero: the two initialisations are swapped "
                               "(A gets kaiming_uniform_, B zeros)"
                               if not torch.count_nonzero(A) else ""))
    never_drawn = (" (it was never drawn from the random generator: torch.zeros, or "
                   "torch.empty without an init, which keeps whatever the memory held)"
                   if undrawn else "")
    if not torch.count_nonzero(A):
        raise CheckFailure(f"{where}: A starts at zero{never_drawn}: with A and B both zero, "
                           "neither gets a gradient and LoRA never learns. Initialise A with "
                           "kaiming_uniform_(a=sqrt(5)).")
    reference_a, mistakes = _a_inits(in_dim, rank, seed)
    bound = 1 / math.sqrt(rank)  # kaiming_uniform_ with a = sqrt(5) on an (in_dim, rank) tensor
    spread = A.detach().std().item() / (bound / math.sqrt(3))  # 1 for uniform(-bound, bound)
    # The std band is wide (an estimate from in_dim * rank >= 30 draws); the mistakes sit at
    # 2.4x (no a=sqrt(5)), 1.7x (randn) and 1/sqrt(in_dim / rank) (a Linear(in_dim, rank) init).
    # The mean of in_dim * rank uniform draws is 0 within 5 of its standard errors.
    # A that never touched the global generator is memory garbage or a private generator's
    # (every adapter alike), even when its values happen to look right
    if not torch.equal(A.detach(), reference_a) and (
            undrawn or A.abs().max() > bound * 1.0001 or not 0.6 < spread < 1.4
            or abs(A.mean().item()) > 5 * bound / math.sqrt(3 * A.numel())):
        # every candidate draws from the generator: when it did not move, A was never drawn
        # (torch.empty's memory may even hold a candidate freed by an earlier check)
        hint = (_private_generator_hint(A.detach(), in_dim, rank, seed) or (
            ("A never moved the global random generator, yet two layers built after "
             "different seeds get the very same A: it comes from a torch.Generator of the "
             "layer's own, seeded in __init__ (kaiming_uniform_(..., generator=...)?), so every "
             "adapter of these sizes starts alike"
             if _same_a_twice(impl, in_dim, out_dim, rank, alpha, seed) else
             "A was never drawn from the random generator: torch.empty without an init keeps "
             "whatever the memory held")
            + "; call nn.init.kaiming_uniform_(A, a=math.sqrt(5)) on it, drawing from the "
            "global generator") if undrawn else None) or likely_cause(
            A.detach(), mistakes, atol=1e-6,
            confirm=lambda cause: _probe_draws(impl, list(mistakes).index(cause))) or (
            _scaled_randn_hint(A.detach(), in_dim, rank, seed, impl)) or (
            _kaiming_gain_hint(A.detach(), reference_a, rank, impl, out_dim)) or _spread_hint(
            A.detach(), bound)
        raise CheckFailure(f"{where}: A is not initialised like the book's: {hint}")
    torch.manual_seed(seed + 100)
    other = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=alpha)
    if torch.equal(other.A.detach(), A.detach()):
        raise CheckFailure(f"{where}: two layers built after different seeds drew the same A: "
                           + ((_private_generator_hint(A.detach(), in_dim, rank, seed) or
                               "A never moved the global generator, so it comes from a "
                               "torch.Generator of the layer's own, seeded in __init__")
                              + ", so every adapter of a model starts alike; draw A from the "
                              "global generator (no generator= argument) and leave the "
                              "seeding to the caller" if undrawn else
                              "__init__ reseeds the global generator (torch.manual_seed), so "
                              "every adapter of a model starts alike and the caller's random "
                              "numbers change; leave the seeding to the caller"))
    gen = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(2, 5, in_dim, generator=gen)
    x_given = x.clone()
    try:
        out = layer(x)
    except RuntimeError as err:
        hint = (_adds_input_probe(impl, in_dim, rank, alpha, x)
                or _matrices_only_probe(layer, in_dim, out_dim))
        if hint is None:
            raise
        raise CheckFailure(f"{where}: for input (2, 5, {in_dim}) your forward raised "
                           f"RuntimeError: {err}. {hint}") from err
    if not torch.equal(x, x_given):
        factor = ((x * x_given).sum() / (x_given * x_given).sum()).item()
        how = (f"x now holds {factor:.4g} times the values it was given" + (
            f" (alpha = {alpha:g}: x scaled by alpha in place, x *= self.alpha or "
            "x.mul_(self.alpha)?)" if math.isclose(factor, alpha, rel_tol=1e-5) else "")
            if torch.allclose(x, factor * x_given, atol=1e-6) else
            f"{int((x != x_given).sum())} of its {x.numel()} values changed")
        raise CheckFailure(f"{where}: your forward changed its input x in place: {how}. "
                           "LinearWithLoRA gives the same x to the wrapped Linear and to the "
                           "adapter, so the caller's tensor must stay as it is: compute "
                           "alpha * (x @ self.A @ self.B) into a new tensor (no in-place "
                           "operation on x)")
    if not torch.is_tensor(out) or tuple(out.shape) != (2, 5, out_dim):
        shape = tuple(out.shape) if torch.is_tensor(out) else type(out).__name__
        raise CheckFailure(f"{where}: for input (2, 5, {in_dim}) the output is {shape}; "
                           f"expected shape (2, 5, {out_dim}): x @ A @ B")
    first = out
    fresh_hint = ("B is all zeros, so alpha * (x @ A @ B) is exactly zero, yet yours is not: "
                  "something besides that product reaches the output (a bias, a constant, or "
                  "the input itself added)")
    if torch.count_nonzero(out) and torch.all(out == out.flatten()[0]):
        value = out.flatten()[0].item()
        fresh_hint += (f". Every value is {value:.4g}" + (
            f", which is alpha = {alpha:g}: alpha added to the product (alpha + x @ A @ B) "
            "where it multiplies it?" if math.isclose(value, alpha, rel_tol=1e-6) else
            ": a constant added"))
    elif torch.count_nonzero(out):
        fresh_hint += ". " + describe_difference(out.detach(), torch.zeros_like(out),
                                                 dims=("batch", "tokens", "out_dim"))
    assert_close(out, torch.zeros(2, 5, out_dim), what=f"{where}: a fresh layer's output",
                 hint=fresh_hint)
    with torch.no_grad():
        B.copy_(torch.randn(rank, out_dim, generator=gen))
    out = layer(x)
    update = x @ A @ B
    with torch.no_grad():
        again = layer(x)
        steady = layer.eval()(x).equal(layer(x))
    layer.train()
    if not torch.equal(out.detach(), again) and steady:
        raise CheckFailure(f"{where}: with a random B, two calls on the same x in training "
                           "mode give different updates (max difference "
                           f"{(out.detach() - again).abs().max().item():.3g}), while in eval "
                           "mode they agree: a dropout inside the layer? The book's LoRALayer "
                           "has none (no lora_dropout): the update is alpha * (x @ A @ B)")
    if torch.equal(out.detach(), first.detach()) and not torch.allclose(
            out.detach(), alpha * update, atol=1e-4):
        with torch.random.fork_rng():
            twin = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=alpha)
        twin.load_state_dict(layer.state_dict())
        if torch.allclose(twin(x).detach(), alpha * update, atol=1e-4):
            raise CheckFailure(
                f"{where}: after B changed, your layer still returns its first output (zeros, "
                "from B = 0), while a new layer given the same A and B returns the right "
                "update: forward reuses something from an earlier call (A @ B or the output "
                "cached on the layer), so training A and B would change nothing; compute "
                "alpha * (x @ self.A @ self.B) from the current A and B on every call")
    scalings = _SCALINGS  # each confirmed on a second layer (alpha 2 and a batch of 2 agree)
    assert_close(out, alpha * update, what=f"{where}: the update with a random B", atol=1e-4,
                 hint=likely_cause(out, {cause: update * f(alpha, rank)
                                         for cause, f in scalings.items()}, atol=1e-4,
                                   confirm=lambda cause: _probe_scaling(impl, scalings[cause]))
                 or _scale_hint(out, update, alpha, x @ A, B, in_dim, impl))
    if not out.requires_grad and A.requires_grad and B.requires_grad:
        through_x = layer(x.clone().requires_grad_()).requires_grad
        raise CheckFailure(f"{where}: the update carries no gradient (its requires_grad is "
                           "False though A and B require one): " + (
                               "forward uses A and B detached (.detach() or .data), so only x "
                               "is differentiated" if through_x else
                               "forward runs under torch.no_grad() (or detaches its result), so "
                               "nothing is differentiated") + "; compute alpha * (x @ A @ B) "
                           "with autograd on, so A and B can learn")
    out.sum().backward()
    for name, p in (("A", A), ("B", B)):
        if not p.requires_grad:
            raise CheckFailure(f"{where}: {name} has requires_grad=False, so it never learns: "
                               f"create it as nn.Parameter(...) without requires_grad=False")
        if p.grad is None or not torch.count_nonzero(p.grad):
            raise CheckFailure(f"{where}: no gradient reaches {name}: keep A and B as "
                               "nn.Parameter and use them in forward")
    probe = x.clone().requires_grad_()
    layer(probe).sum().backward()
    if probe.grad is None or not torch.count_nonzero(probe.grad):
        raise CheckFailure(f"{where}: no gradient reaches the input x through the update "
                           "(though A and B get theirs): forward detaches x (x.detach() or "
                           "x.data), so the layers below an adapter miss its share of the "
                           "gradient; use x as it is in alpha * (x @ A @ B)")
    kept = getattr(layer, "alpha", None)
    if not (isinstance(kept, (int, float)) or torch.is_tensor(kept) and kept.numel() == 1) \
            or float(kept) != alpha:
        found = f"is {kept!r}, not {alpha:g}" if hasattr(layer, "alpha") else "does not exist"
        raise CheckFailure(f"{where}: the update is right, but layer.alpha {found}: keep "
                           "alpha as self.alpha (under that name: llmscratch.merge_lora "
                           "reads layer.alpha to fold the update into the weight)")
    _alpha_followed(layer, x, alpha, where)
    view = torch.randn(in_dim, 5, 2, generator=gen).permute(2, 1, 0)  # (2, 5, in_dim), strided
    shown = f"a non-contiguous input (a permuted view of shape (2, 5, {in_dim}))"
    with torch.no_grad():
        assert_close(call_answer(layer, (view,), f"{where}: {shown}"), alpha * (view @ A @ B),
                     what=f"{where}: the update for {shown}", atol=1e-4)
        for size in ((5, in_dim), (in_dim,), (1, 1, in_dim)):  # (..., in_dim): any leading dims
            flat = torch.randn(size, generator=gen)
            try:
                got = layer(flat)
            except Exception as err:  # noqa: BLE001 - any crash: the leading dims are assumed
                raise CheckFailure(
                    f"{where}: the (2, 5, {in_dim}) input works, but an input of shape {size} "
                    f"makes your forward raise {type(err).__name__}: {err}. Your forward "
                    "assumes a 3-D (batch, tokens, in_dim) input (an einsum such as "
                    "'bti,ir,ro->bto', torch.bmm, or b, t, d = x.shape); the layer maps "
                    "(..., in_dim) to (..., out_dim) with any leading dims: "
                    "alpha * (x @ A @ B)") from err
            want = (*size[:-1], out_dim)
            if torch.is_tensor(got) and tuple(got.shape) != want and tuple(got.shape) == tuple(
                    d for d in want if d != 1):
                raise CheckFailure(f"{where}: for an input of shape {size} yours returns shape "
                                   f"{tuple(got.shape)}, expected {want}: the size-1 dims are "
                                   "dropped (a .squeeze() on the result?), so a batch of one "
                                   "or a single token loses its dims; the update keeps the "
                                   "input's leading dims, (..., in_dim) -> (..., out_dim)")
            assert_close(got, alpha * (flat @ A @ B), what=f"{where}: the update for an input "
                         f"of shape {size}", atol=1e-4)


def _alpha_followed(layer, x, alpha, where):
    """A changed layer.alpha must change the update (merge_lora folds alpha * A @ B with the
    layer's alpha): a forward that reads a copy made in __init__ (self.scaling) does not."""
    kept, changed = layer.alpha, 2 * alpha + 1
    try:
        layer.alpha = changed
        with torch.no_grad():
            out = layer(x)
            update = x @ layer.A @ layer.B
    finally:
        layer.alpha = kept
    if torch.allclose(out, changed * update, atol=1e-4):
        return
    stale = torch.allclose(out, alpha * update, atol=1e-4)
    raise CheckFailure(
        f"{where}: with layer.alpha set to {changed:g} after __init__, the update is "
        + ("still alpha = " + f"{alpha:g} times x @ A @ B: your forward scales by a copy of "
           "alpha made in __init__ (such as self.scaling = alpha), not by self.alpha, so the "
           "layer and llmscratch.merge_lora (which reads layer.alpha) disagree once alpha "
           "changes; scale by self.alpha in forward" if stale else
           f"not {changed:g} times x @ A @ B: your forward does not scale by self.alpha; "
           "return self.alpha * (x @ self.A @ self.B)"))


def _adds_input_probe(impl, in_dim, rank, alpha, x):
    """Why a forward that crashes with in_dim != out_dim crashed, when a fresh layer with
    out_dim = in_dim (B zero, so the update is zero) returns its input unchanged."""
    try:
        got = impl(in_dim=in_dim, out_dim=in_dim, rank=rank, alpha=alpha)(x)
    except Exception:  # noqa: BLE001 - a probe only; the case's own crash is reported
        return None
    if not (torch.is_tensor(got) and got.shape == x.shape and torch.allclose(got, x)):
        return None
    return (f"A fresh layer with out_dim = in_dim = {in_dim} (B zero, so the update is zero) "
            "returns its input x unchanged: your forward adds x to the update (x + alpha * x @ "
            "A @ B, the sum that LinearWithLoRA makes with its Linear's output), which cannot "
            "work when out_dim differs from in_dim; LoRALayer returns the update alone, "
            "alpha * (x @ A @ B)")


def _matrices_only_probe(layer, in_dim, out_dim):
    """Why a forward that crashes on a (batch, tokens, in_dim) input crashed, when the same
    layer maps a 2-D (tokens, in_dim) input right: it takes matrices only."""
    x = torch.randn(5, in_dim, generator=torch.Generator().manual_seed(2))
    try:
        got = layer(x)
    except Exception:  # noqa: BLE001 - a probe only; the case's own crash is reported
        return None
    if not (torch.is_tensor(got) and tuple(got.shape) == (5, out_dim)):
        return None
    return (f"The same layer maps a 2-D input of shape (5, {in_dim}) to (5, {out_dim}): your "
            "forward takes matrices only (torch.mm, or a .t() of the input), so a batch of "
            "sequences or a single vector fails; use @ or torch.matmul, which keep any "
            "leading dims: alpha * (x @ A @ B)")


def _same_a_twice(impl, in_dim, out_dim, rank, alpha, seed):
    """Whether two layers built after different global seeds get the very same A."""
    first = []
    for s in (seed + 200, seed + 300):
        torch.manual_seed(s)
        first.append(impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=alpha).A.detach())
    return torch.equal(first[0], first[1])


_PRIVATE_SEEDS = (0, 1, 42, 123, 1234, 2024, 3407)  # seeds a private generator is often given


def _private_generator_hint(a, in_dim, rank, seed):
    """Name A drawn by kaiming_uniform_ from a ``torch.Generator`` of the layer's own, when a
    replay with one of the usual seeds gives the very same A; None otherwise."""
    for s in dict.fromkeys((seed, *_PRIVATE_SEEDS)):
        want = torch.empty(in_dim, rank)
        nn.init.kaiming_uniform_(want, a=math.sqrt(5), generator=torch.Generator().manual_seed(s))
        if a.shape == want.shape and torch.equal(a, want):
            return (f"A is kaiming_uniform_(A, a=math.sqrt(5)) drawn from a torch.Generator "
                    f"of the layer's own seeded with {s} (generator=torch.Generator()"
                    f".manual_seed({s})): the global generator never moves and every layer of "
                    "these sizes gets this same A")
    return None


def _draw_factor(a, reference_a):
    """``a`` as a positive multiple of our draw ``reference_a`` (the same uniform numbers with
    another bound): the factor, or None."""
    factor = ((a * reference_a).sum() / (reference_a * reference_a).sum()).item()
    if factor > 0 and torch.allclose(a, factor * reference_a, atol=1e-6, rtol=1e-5):
        return factor
    return None


_PROBE_SIZES = (12, 7, 4)  # in_dim, out_dim, rank: a second layer to confirm a rule on
# A's bound written by hand from the layer's sizes, as (name, bound(in_dim, out_dim, rank))
_HAND_BOUNDS = (("1/rank", lambda i, o, r: 1 / r), ("1/in_dim", lambda i, o, r: 1 / i),
                ("1/sqrt(rank * in_dim)", lambda i, o, r: 1 / math.sqrt(r * i)),
                ("1/sqrt(out_dim)", lambda i, o, r: 1 / math.sqrt(o)),
                ("1/out_dim", lambda i, o, r: 1 / o),
                ("1/sqrt(in_dim + out_dim)", lambda i, o, r: 1 / math.sqrt(i + o)))


def _probe_draws(impl, k):
    """Whether a layer of ``_PROBE_SIZES`` draws A as the ``k``-th replay of ``_a_inits`` does
    there (a replay matched on one case can be a coincidence of sizes: a=5 and a bound of
    1/sqrt(in_dim + rank) agree when in_dim is 10 and rank 3)."""
    in_dim, out_dim, rank = _PROBE_SIZES
    torch.manual_seed(11)
    a = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=1.0).A.detach()
    want = list(_a_inits(in_dim, rank, 11)[1].values())[k]
    return a.shape == want.shape and torch.allclose(a, want, atol=1e-6)


def _probe_factor(impl):
    """A of a second layer (``_PROBE_SIZES``) as a multiple of our draw there, or None."""
    in_dim, out_dim, rank = _PROBE_SIZES
    torch.manual_seed(11)
    try:
        a = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=1.0).A.detach()
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure is reported
        return None
    reference_a = _a_inits(in_dim, rank, 11)[0]
    return _draw_factor(a, reference_a) if a.shape == reference_a.shape else None


def _kaiming_gain_hint(a, reference_a, rank, impl=None, out_dim=None):
    """Name A drawn by kaiming_uniform_ with another slope ``a`` or with a bound written by
    hand from the sizes (our draw times a constant: the same uniform numbers, another bound),
    confirmed on a second layer of other sizes; when the rule found here does not hold there,
    both factors; None when A is not a multiple of our draw."""
    factor = _draw_factor(a, reference_a)
    if factor is None:
        return None
    gain = factor / math.sqrt(3)  # bound gain * sqrt(3 / rank); ours has gain sqrt(1/3)
    for nonlinearity in ("tanh", "selu"):  # sigmoid's gain 1 is also a=1's: named by slope
        if abs(gain - nn.init.calculate_gain(nonlinearity)) < 1e-4:
            return (f"A is our kaiming_uniform_ draw times {factor:.4g}, as "
                    f"kaiming_uniform_(A, nonlinearity={nonlinearity!r}) draws it (gain "
                    f"{gain:.4g}; that nonlinearity ignores a): leave nonlinearity at its "
                    "default, kaiming_uniform_(A, a=math.sqrt(5))")
    in_dim = a.shape[0]
    sizes = (in_dim, out_dim, rank)
    other = _probe_factor(impl) if impl is not None else None
    p_rank = _PROBE_SIZES[2]

    def holds(rule):  # the factor a rule gives here, and on the probe layer when one ran
        return abs(rule(*sizes) - factor) < 1e-5 * factor and (
            impl is None or other is not None and abs(rule(*_PROBE_SIZES) - other) < 1e-5 * other)
    bound = factor / math.sqrt(rank)
    for text, rule in _HAND_BOUNDS:
        if out_dim is None and "out_dim" in text:
            continue
        if holds(lambda i, o, r, rule=rule: rule(i, o, r) * math.sqrt(r)):
            return (f"A is the same uniform draw as ours with a bound of {bound:.4g} = {text} "
                    f"instead of 1/sqrt(rank) = {1 / math.sqrt(rank):.4g} (uniform_(A, "
                    f"-{text}, {text}) written by hand, a square root missed or added?"
                    + ("" if impl is None else f"; a layer of sizes {_PROBE_SIZES} (in_dim, "
                       f"out_dim, rank) has the bound {text} too") + "): "
                    "kaiming_uniform_(A, a=math.sqrt(5)) draws from +-1/sqrt(rank), the fan-in "
                    "being A's second size, rank")
    slope_sq = 6 / factor ** 2 - 1  # bound sqrt(6 / ((1 + a^2) * rank)) = factor / sqrt(rank)
    for value, text in ((lambda r: math.sqrt(r), " = sqrt(rank)"), (lambda r: r, " = rank"),
                        (lambda r: 1.0, " = 1"), (lambda r: math.sqrt(max(slope_sq, 0)), "")):
        if slope_sq < 0 or abs(math.sqrt(slope_sq) - value(rank)) > 1e-3:
            continue
        if other is not None:  # the same slope rule must give the probe layer's factor
            there = math.sqrt(6 / (1 + value(p_rank) ** 2)) if text else other
            if text and abs(there - other) > 1e-4 * other or not text and abs(
                    other - factor) > 1e-5 * factor:
                continue
        elif impl is not None:
            continue
        return (f"A is our kaiming_uniform_ draw times {factor:.4g}, as kaiming_uniform_(A, "
                f"a={math.sqrt(slope_sq):.4g}{text}) draws it: the slope a must be "
                "math.sqrt(5) = 2.236, whatever the rank")
    there = (f"and {other:.4g} times ours on a layer of sizes {_PROBE_SIZES} (in_dim, out_dim, "
             f"rank), bound {other / math.sqrt(p_rank):.4g}: the factor changes with the "
             "sizes, so the bound is not kaiming's 1/sqrt(rank) times a constant but comes "
             "from other sizes (in_dim or out_dim in a bound written by hand?)" if other
             is not None and abs(other - factor) > 1e-5 * factor else
             "on every size" if other is not None else "")
    return (f"A is our kaiming_uniform_ draw times {factor:.4g} (the same uniform numbers with "
            f"a bound of {bound:.4g} instead of 1/sqrt(rank) = {1 / math.sqrt(rank):.4g} for "
            f"in_dim {in_dim}, rank {rank}){' ' + there if there else ''}"
            + ("" if slope_sq >= 0 else f" (larger than any slope a gives: a gain of "
               f"{gain:.4g} instead of sqrt(1/3)?)")
            + "; use kaiming_uniform_(A, a=math.sqrt(5)) with the default nonlinearity, "
            "whose bound is 1/sqrt(rank)")


_STD_READINGS = (("1/rank (PEFT's gaussian init, normal_(A, std=1/rank))", lambda i, r: 1 / r),
                 ("1/sqrt(rank) (torch.randn(in_dim, rank) / sqrt(rank), as a LoRA blog post "
                  "writes it)", lambda i, r: 1 / math.sqrt(r)),
                 ("1/sqrt(in_dim)", lambda i, r: 1 / math.sqrt(i)),
                 ("1/in_dim", lambda i, r: 1 / i))


def _randn_factor(a, in_dim, rank, seed):
    """``a`` as torch.randn(in_dim, rank) drawn after ``manual_seed(seed)`` times a constant:
    the constant, or None."""
    torch.manual_seed(seed)
    normal = torch.randn(in_dim, rank)
    factor = ((a * normal).sum() / (normal * normal).sum()).item()
    return factor if factor and torch.allclose(a, factor * normal, atol=1e-6, rtol=1e-5) else None


def _scaled_randn_hint(a, in_dim, rank, seed, impl=None):
    """Name A drawn as torch.randn times a constant (a normal init scaled by hand), with the
    std read against the sizes when a layer of other sizes confirms it; or None."""
    factor = _randn_factor(a, in_dim, rank, seed)
    if factor is None:
        return None
    std = ""
    if impl is not None:
        p_in, p_out, p_rank = _PROBE_SIZES
        torch.manual_seed(11)
        try:
            there = _randn_factor(impl(in_dim=p_in, out_dim=p_out, rank=p_rank,
                                       alpha=1.0).A.detach(), p_in, p_rank, 11)
        except Exception:  # noqa: BLE001 - a probe only; the hint stays without the reading
            there = None
        std = next((f": std {text}, also on a layer of sizes {_PROBE_SIZES} (in_dim, out_dim, "
                    "rank)" for text, rule in _STD_READINGS if there is not None
                    and math.isclose(abs(factor), rule(in_dim, rank), rel_tol=1e-4)
                    and math.isclose(abs(there), rule(p_in, p_rank), rel_tol=1e-4)), "")
    return (f"A is torch.randn scaled by {factor:.4g} (a normal distribution with std "
            f"{abs(factor):.3g}{std}, reaching {a.abs().max().item():.3f}); kaiming_uniform_(A, "
            f"a=math.sqrt(5)) draws uniformly from +-{1 / math.sqrt(rank):.3f} "
            "(1/sqrt(rank)): use it")


def _spread_hint(a, bound):
    """The fallback for an A no replay matches: its range, mean and spread against
    uniform(-bound, bound), and what the pattern usually means."""
    lo, hi, mean = a.min().item(), a.max().item(), a.mean().item()
    spread = a.std().item() / (bound / math.sqrt(3))
    if lo >= 0 or hi <= 0:
        means = (f"every value is {'positive' if lo >= 0 else 'negative'}: a one-sided draw "
                 "(uniform_(A, 0, b) or torch.rand * b?); the range must be symmetric about 0")
    elif abs(mean) > 5 * bound / math.sqrt(3 * a.numel()):
        means = (f"the values are centred at {mean:.3f}, not 0: a range that is not symmetric "
                 "(uniform_(A, lo, hi) with lo != -hi) or a constant added?")
    elif hi > bound * 1.0001 or lo < -bound * 1.0001:
        means = (f"the largest |value| is {max(hi, -lo) / bound:.2f} times the bound: a bound "
                 "from another fan-in or gain? kaiming_uniform_(A, a=math.sqrt(5)) gives "
                 "1/sqrt(rank), rank being A's fan-in (its second dimension)")
    else:
        means = (f"the values are {'narrower' if spread < 1 else 'wider'} than a uniform "
                 "draw over the whole range: a bound from another fan-in, or another "
                 "distribution?")
    return (f"kaiming_uniform_(A, a=math.sqrt(5)) draws uniformly from [-{bound:.3f}, "
            f"{bound:.3f}] (1/sqrt(rank)), mean 0; yours lie in [{lo:.3f}, {hi:.3f}] with mean "
            f"{mean:.3f} and a spread (std) {spread:.2f} times the expected one: {means}")


_SCALINGS = {  # the update's factor against x @ A @ B, as a function of (alpha, rank)
    "the update is missing alpha: multiply by self.alpha": lambda a, r: 1.0,
    "you scaled by alpha / rank (as the LoRA paper does); the book's layer scales by alpha "
    "alone": lambda a, r: a / r,
    "you scaled by alpha * rank; the book's layer scales by alpha alone": lambda a, r: a * r,
    "you scaled by alpha / sqrt(rank) (rsLoRA's scaling); the book's layer scales by alpha "
    "alone": lambda a, r: a / math.sqrt(r),
    "alpha was rounded to a whole number (int(alpha)); keep it as given": lambda a, r: int(a),
}
_PROBE_ALPHA = 2.5  # the probe layer's alpha: not whole, not 1, not a batch size


def _probe_scaling(impl, factor_of):
    """Whether the probe layer's update is ``factor_of(alpha, rank)`` times x @ A @ B there."""
    there = _probe_update_ratio(impl)
    return there is not None and math.isclose(there, factor_of(_PROBE_ALPHA, _PROBE_SIZES[2]),
                                              rel_tol=1e-4)


_SIZE_READINGS = (("in_dim", lambda i, o, r: i), ("out_dim", lambda i, o, r: o),
                  ("sqrt(in_dim)", lambda i, o, r: math.sqrt(i)),
                  ("rank ** 2", lambda i, o, r: r * r), ("2", lambda i, o, r: 2))


def _apply(op, value):
    return 1 / value if op == "/" else value


def _probe_update_ratio(impl):
    """The update of a layer of ``_PROBE_SIZES`` with alpha 2.5 and a random B, as a multiple of
    x @ A @ B, or None when it is not one (a probe that confirms a factor read from one case)."""
    in_dim, out_dim, rank = _PROBE_SIZES
    gen = torch.Generator().manual_seed(12)
    try:
        with torch.random.fork_rng():
            layer = impl(in_dim=in_dim, out_dim=out_dim, rank=rank, alpha=_PROBE_ALPHA)
        with torch.no_grad():
            layer.B.copy_(torch.randn(rank, out_dim, generator=gen))
            x = torch.randn(3, in_dim, generator=gen)
            got, update = layer(x), x @ layer.A @ layer.B
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure is reported
        return None
    if not torch.is_tensor(got) or got.shape != update.shape:
        return None
    factor = ((got * update).sum() / (update * update).sum()).item()
    return factor if torch.allclose(got, factor * update, atol=1e-5) else None


def _scale_hint(out, update, alpha, xa, B, in_dim=None, impl=None):
    """What a wrong update is, measured against x @ A @ B (a fresh layer's zeros passed): a
    factor read against alpha and the layer's sizes when it is one."""
    if torch.is_tensor(out) and out.shape == update.shape:
        factor = ((out * update).sum() / (update * update).sum()).item()
        if torch.allclose(out, factor * update, atol=1e-4):
            rank, out_dim = B.shape
            ratio = factor / alpha if alpha else math.inf
            there = _probe_update_ratio(impl) if impl is not None else None
            read = ""
            for (name, size), op in itertools.product(_SIZE_READINGS, ("/", "*")):
                here = size(in_dim, out_dim, rank) if in_dim else None
                if read or here is None or there is None or not math.isclose(
                        ratio, _apply(op, here), rel_tol=1e-4) or not math.isclose(
                        there / _PROBE_ALPHA, _apply(op, size(*_PROBE_SIZES)), rel_tol=1e-4):
                    continue
                read = (f": that is alpha {op} {name} ({alpha:g} {op} {here:g}; a layer of "
                        f"sizes {_PROBE_SIZES} (in_dim, out_dim, rank) with alpha "
                        f"{_PROBE_ALPHA} returns {there:.4g} times x @ A @ B, alpha {op} {name} "
                        "too), a "
                        f"{'division' if op == '/' else 'product'} by {name} that does not "
                        "belong in the update")
            if not read and math.isclose(ratio, -1, rel_tol=1e-4):
                read = ": the sign is flipped (alpha * (x @ A @ B) negated, or B used as -B?)"
            if not read:
                read = f" (a factor {ratio:.4g} against alpha)"
                if there is not None and not math.isclose(there / _PROBE_ALPHA, ratio,
                                                          rel_tol=1e-4):
                    read += (f", and a layer of sizes {_PROBE_SIZES} (in_dim, out_dim, rank) "
                             f"with alpha {_PROBE_ALPHA} on an input of shape (3, 12) gives "
                             f"{there / _PROBE_ALPHA:.4g} times alpha: the factor depends on "
                             "the layer's sizes or the input's shape (a division by a size "
                             "such as x.shape[0]?)")
            return (f"yours is {factor:.4g} times x @ A @ B, expected alpha = {alpha:g} times "
                    f"it{read}: scale the update by self.alpha alone")
        between = _elementwise_between(out.detach() / alpha, xa.detach(), B.detach())
        if between:
            return between
    relation = (" " + describe_difference(out.detach(), alpha * update,
                                          dims=("batch", "tokens", "out_dim"))
                if torch.is_tensor(out) and out.shape == update.shape else "")
    return ("the fresh layer's zero output passes (B was 0), but with a random B yours is "
            "not a multiple of x @ A @ B: something acts between or after the two products (a "
            "nonlinearity, a normalisation, A or B used in another form, such as a transpose, a "
            "fresh copy or a clamp); the update is alpha * (x @ A @ B) with the layer's own A "
            f"and B.{relation}")


def _elementwise_between(scaled, xa, B):
    """When ``scaled`` (the update / alpha) is ``h @ B`` with ``h`` a common activation of
    ``x @ A``, or another element-wise rising function of it (a nonlinearity between the two
    products), that as a hint; else None."""
    h = scaled @ torch.linalg.pinv(B)
    if not torch.allclose(h @ B, scaled, atol=1e-4) or torch.allclose(h, xa, atol=1e-4):
        return None
    common = (("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("GELU", F.gelu),
              ("SiLU", F.silu), ("ReLU", torch.relu))
    named = next((f"{name}(x @ A)" for name, f in common
                  if torch.allclose(h, f(xa), atol=1e-4)), None)
    if named is None and bool((h.flatten()[xa.flatten().argsort()].diff() >= -1e-4).all()):
        named = "an element-wise, rising function of x @ A (not x @ A itself)"
    return named and (f"yours is alpha * (h @ B) where h is {named}: an activation (or a "
                      "clamp) between the two products; LoRA is linear, the update is "
                      "alpha * (x @ A @ B) with nothing in between")


def check_lora_layer(impl):
    check_cases(state_probed(impl, [
        ("in 10, out 6, rank 3, alpha 2", lambda f: _lora_case(f, 10, 6, 3, 2.0, seed=123)),
        ("in 24, out 9, rank 5, alpha 0.5", lambda f: _lora_case(f, 24, 9, 5, 0.5, seed=7)),
        ("in 64, out 40, rank 8, alpha 16", lambda f: _lora_case(f, 64, 40, 8, 16.0, seed=3)),
        ("float64: a layer.double() on a float64 input", _lora_dtype_case),
        ("built under torch.device('meta')", _lora_device_case),
    ]))


def _lora_device_case(impl):
    """A layer built while the caller's default device is the stand-in 'meta' (as
    ``with torch.device('cuda'):`` builds a model on the GPU): A and B must follow it."""
    where = "LoRALayer(in_dim=7, out_dim=5, rank=2, alpha=1.5) built under torch.device('meta')"
    try:
        with torch.device("meta"):
            layer = impl(in_dim=7, out_dim=5, rank=2, alpha=1.5)
    except RuntimeError as err:  # an init that reads values (.item() on meta): not this one
        if isinstance(err, NotImplementedError):  # a RuntimeError too: the stub, unfinished
            raise
        return
    placed = {name: p.device.type for name, p in layer.named_parameters()}
    off = {name: dev for name, dev in placed.items() if dev != "meta"}
    if off:
        raise CheckFailure(
            f"{where} (a stand-in for a GPU: the layer's default device): yours puts "
            + ", ".join(f"{name} on {dev}" for name, dev in sorted(off.items()))
            + ": your __init__ chooses a device of its own (device='cpu', or 'cuda' if "
            "available else 'cpu'), so a model built or kept on another device gets adapters "
            "elsewhere and its forward fails; create A and B without device=, so they follow "
            "the default device, and let model.to(device) move them")


def _lora_dtype_case(impl):
    """A float64 layer (built, then .double()) on a float64 input."""
    where, gen = "LoRALayer(in_dim=7, out_dim=5, rank=2, alpha=1.5)", torch.Generator()
    layer = impl(in_dim=7, out_dim=5, rank=2, alpha=1.5).double()
    with torch.no_grad():
        layer.B.copy_(torch.randn(2, 5, generator=gen.manual_seed(4), dtype=torch.float64))
    x = torch.randn(3, 7, generator=gen, dtype=torch.float64)
    shown = f"{where} in float64 (layer.double()) on a float64 input"
    try:
        out = layer(x)
    except RuntimeError as err:
        try:  # a float32 layer: our forward refuses a float64 input, one that casts x does not
            cast = impl(in_dim=7, out_dim=5, rank=2, alpha=1.5)(x).dtype == torch.float32
        except RuntimeError:
            cast = False
        if not cast:
            call_answer(layer, (x,), shown)  # names the crash
            raise
        raise CheckFailure(f"{shown}: your forward raised RuntimeError: {err}. A float32 layer "
                           "given a float64 input returns float32 with yours: your forward "
                           "casts the input to float32 (x.float() or x.to(torch.float32)), "
                           "which no longer matches a layer in another dtype; use x as it "
                           "is") from err
    assert_close(out.detach(), 1.5 * (x @ layer.A @ layer.B).detach(), what=shown, atol=1e-9)
    if out.dtype != torch.float64:
        raise CheckFailure(f"{shown}: your update is {out.dtype}: keep the input's dtype")


# --- ex7_6: the DPO loss ------------------------------------------------------------------------


def _dpo(impl, *args, **kwargs):
    before = [a.detach().clone() for a in args]
    out = impl(*args, **kwargs)
    if not all(torch.equal(a.detach(), b) for a, b in zip(args, before)):
        raise CheckFailure("compute_dpo_loss changed the log-probabilities it was given in "
                           "place (-= or += on them, or on a .detach() of them, which shares "
                           "their memory): compute new tensors")
    if not (isinstance(out, (tuple, list)) and len(out) == 3):
        raise CheckFailure("compute_dpo_loss should return (loss, chosen_rewards, "
                           "rejected_rewards)")
    if isinstance(out[0], (int, float)):
        raise CheckFailure(f"the loss is a Python {type(out[0]).__name__} (.item() on it?): "
                           "return the loss tensor itself, so that loss.backward() can train "
                           "the policy; only the rewards are detached")
    for name, v in zip(("chosen reward", "rejected reward"), out[1:]):
        if not torch.is_tensor(v):
            raise CheckFailure(f"the {name} is a {type(v).__name__}; return 0-d tensors (mean of "
                               "the detached differences, without .item()): the DPO loops call "
                               ".item() on the loss and on both rewards")
    values = [v if torch.is_tensor(v) else torch.as_tensor(v) for v in out]
    dtype = args[0].dtype if args and torch.is_tensor(args[0]) else None
    if dtype is not None and dtype.is_floating_point:  # a wider dtype is right, only slower:
        values = [v.to(dtype) if v.is_floating_point() and  # compare in the inputs' dtype
                  torch.finfo(v.dtype).bits > torch.finfo(dtype).bits else v for v in values]
    for name, v in zip(("loss", "chosen reward", "rejected reward"), values):
        if v.shape != ():
            raise CheckFailure(f"the {name} has shape {tuple(v.shape)}; expected a single "
                               "number (a 0-d tensor): average over the batch with .mean()")
    return values


def _dpo_mistakes(pc, pr, rc, rr, beta):
    """(loss, chosen reward, rejected reward) of the usual mistakes."""
    logits = (pc - pr) - (rc - rr)
    chosen, rejected = (pc - rc).mean(), (pr - rr).mean()
    return {
        "the sign is flipped: your loss equals -logsigmoid(-beta * logits), so training would "
        "push the policy towards the rejected answers. Either the log-ratios are rejected "
        "minus chosen (each must be chosen minus rejected: logits = (model_chosen - "
        "model_rejected) - (reference_chosen - reference_rejected)), or a minus slipped inside "
        "the loss (softplus(beta * logits) is the same slip, since -logsigmoid(x) = "
        "softplus(-x)); the loss is -logsigmoid(beta * logits)":
        (-F.logsigmoid(-beta * logits).mean(), chosen, rejected),
        "beta is missing: multiply the logits by beta before the logsigmoid":
        (-F.logsigmoid(logits).mean(), chosen, rejected),
        "the losses are summed; average them over the batch with .mean()":
        (-F.logsigmoid(beta * logits).sum(), chosen, rejected),
        "the reference model is left out: logits = (policy chosen - policy rejected) - "
        "(reference chosen - reference rejected)":
        (-F.logsigmoid(beta * (pc - pr)).mean(), chosen, rejected),
        "the rewards are scaled by beta; the book's rewards are the plain log-ratios "
        "mean(policy - reference)": (-F.logsigmoid(beta * logits).mean(), beta * chosen,
                                     beta * rejected),
        "the losses are averaged before the logsigmoid; apply it to each pair, then take the "
        "mean": (-F.logsigmoid(beta * logits.mean()), chosen, rejected),
        "the logits are summed over the pairs before the logsigmoid (one sigmoid of the "
        "batch's total margin, as if the pairs were the tokens of one answer): apply "
        "-logsigmoid(beta * logits) to each pair's own logit, then take the mean":
        (-F.logsigmoid(beta * logits.sum()), chosen, rejected),
        "the logits are centred by their batch mean (logits - logits.mean()) before the loss, "
        "so a single pair always gives ln 2 and only differences between pairs count: each "
        "pair's loss is -logsigmoid(beta * logits) with its own margin, uncentred":
        (-F.logsigmoid(beta * (logits - logits.mean())).mean(), chosen, rejected),
        "beta multiplies the loss, not the logits: -logsigmoid(beta * logits), beta inside":
        (-beta * F.logsigmoid(logits).mean(), chosen, rejected),
        "the reference log-ratio is reversed (or added instead of subtracted): logits = "
        "policy log-ratio - (reference chosen - reference rejected), each ratio chosen minus "
        "rejected": (-F.logsigmoid(beta * ((pc - pr) + (rc - rr))).mean(), chosen,
                              rejected),
        "the parentheses are missing: logits = (policy chosen - policy rejected) - (reference "
        "chosen - reference rejected); written pc - pr - rc - rr, the reference rejected term "
        "gets the wrong sign": (-F.logsigmoid(beta * (pc - pr - rc - rr)).mean(), chosen,
                                rejected),
        "the rewards are reversed: each is policy - reference (model_chosen - "
        "reference_chosen), not reference - policy": (-F.logsigmoid(beta * logits).mean(),
                                                      -chosen, -rejected),
        "the chosen and rejected rewards are returned in swapped order: return (loss, "
        "chosen_rewards, rejected_rewards)": (-F.logsigmoid(beta * logits).mean(), rejected,
                                              chosen),
        "the chosen reward is the policy's margin (model_chosen - model_rejected); it is "
        "mean(model_chosen - reference_chosen)": (-F.logsigmoid(beta * logits).mean(),
                                                  (pc - pr).mean(), rejected),
        "a hinge loss relu(1 - beta * logits) is not DPO's: use -logsigmoid(beta * logits)":
        (F.relu(1 - beta * logits).mean(), chosen, rejected),
        "beta multiplies only the policy's log-ratio: put the whole difference of the two "
        "log-ratios in parentheses, beta * (policy log-ratio - reference log-ratio)":
        (-F.logsigmoid(beta * (pc - pr) - (rc - rr)).mean(), chosen, rejected),
        "beta multiplies only the reference's log-ratio (the policy's log-ratio goes in "
        "unscaled): put the whole difference of the two log-ratios in parentheses, "
        "beta * (policy log-ratio - reference log-ratio)":
        (-F.logsigmoid((pc - pr) - beta * (rc - rr)).mean(), chosen, rejected),
        "the rewards leave out the reference: each is mean(policy - reference), "
        "model_chosen - reference_chosen": (-F.logsigmoid(beta * logits).mean(), pc.mean(),
                                            pr.mean()),
        "the rewards are summed; average them over the batch with .mean()":
        (-F.logsigmoid(beta * logits).mean(), (pc - rc).sum(), (pr - rr).sum()),
        **{f"the rewards are the {which} pair's alone (rewards[{k}]) where the mean over the "
           "batch belongs: chosen_rewards = (model_chosen - reference_chosen).mean(), and the "
           "rejected one the same": (-F.logsigmoid(beta * logits).mean(), (pc - rc)[k],
                                     (pr - rr)[k]) for which, k in (("first", 0), ("last", -1))},
        "the logits are divided by beta (beta used like a temperature); DPO multiplies: "
        "-logsigmoid(beta * logits)": (-F.logsigmoid(logits / beta).mean(), chosen, rejected),
        "the loss is 1 - sigmoid(beta * logits), without the log: DPO's loss is the negative "
        "log-likelihood -logsigmoid(beta * logits)":
        ((1 - torch.sigmoid(beta * logits)).mean(), chosen, rejected),
        "the loss is -sigmoid(beta * logits), without the log: DPO's loss is the negative "
        "log-likelihood -logsigmoid(beta * logits)":
        ((-torch.sigmoid(beta * logits)).mean(), chosen, rejected),
        "the logits add the two rewards, (model_chosen - reference_chosen) + (model_rejected "
        "- reference_rejected): subtract the rejected one, (model_chosen - reference_chosen) - "
        "(model_rejected - reference_rejected), which is (model_chosen - model_rejected) - "
        "(reference_chosen - reference_rejected)":
        (-F.logsigmoid(beta * ((pc - rc) + (pr - rr))).mean(), chosen, rejected),
        "the loss lacks its minus sign: mean(logsigmoid(beta * logits)) is negative, and "
        "minimising it pushes the policy away from the chosen answers; the loss is "
        "-logsigmoid(beta * logits), averaged":
        (F.logsigmoid(beta * logits).mean(), chosen, rejected),
        "the minus sign sits inside the logsigmoid, logsigmoid(-beta * logits), where it "
        "belongs outside: that is -softplus(beta * logits), negative and without a floor, "
        "with its largest steps on the pairs already right; the loss is -logsigmoid(beta * "
        "logits), averaged":
        (F.logsigmoid(-beta * logits).mean(), chosen, rejected),
        "the logsigmoid is applied to each log-ratio apart and the two are subtracted, "
        "-(logsigmoid(beta * policy log-ratio) - logsigmoid(beta * reference log-ratio)), so "
        "the policy equal to the reference gives 0, not ln 2: subtract the log-ratios first, "
        "logits = policy log-ratio - reference log-ratio, then -logsigmoid(beta * logits)":
        (-(F.logsigmoid(beta * (pc - pr)) - F.logsigmoid(beta * (rc - rr))).mean(), chosen,
         rejected),
        "the loss is returned last: return (loss, chosen_rewards, rejected_rewards), in that "
        "order": (chosen, rejected, -F.logsigmoid(beta * logits).mean()),
        "beta is applied twice (beta * beta * logits: beta already in the log-ratios, then "
        "again before the logsigmoid): multiply the logits by beta once":
        (-F.logsigmoid(beta * beta * logits).mean(), chosen, rejected),
        "the losses are reduced with the median, not the mean: average them with .mean()":
        (-F.logsigmoid(beta * logits).median(), chosen, rejected),
        "the loss is IPO's squared error (logits - 1 / (2 * beta)) ** 2, not DPO's: use "
        "-logsigmoid(beta * logits)": (((logits - 1 / (2 * beta)) ** 2).mean(), chosen, rejected),
        "the rewards are exp(policy - reference), probability ratios: DPO's rewards are the "
        "log-ratios themselves, mean(model_chosen - reference_chosen), with no exp":
        (-F.logsigmoid(beta * logits).mean(), (pc - rc).exp().mean(), (pr - rr).exp().mean()),
        "the log-ratios are divided (model_chosen / model_rejected): the inputs are "
        "log-probabilities, so a ratio of probabilities is a difference of them, logits = "
        "(model_chosen - model_rejected) - (reference_chosen - reference_rejected)":
        (-F.logsigmoid(beta * (pc / pr - rc / rr)).mean(), chosen, rejected),
        "the log-ratios are logs of a quotient of the log-probabilities (torch.log("
        "model_chosen / model_rejected), as if the inputs were probabilities): they are "
        "log-probabilities already, so each log-ratio is their difference, logits = "
        "(model_chosen - model_rejected) - (reference_chosen - reference_rejected), with no "
        "log": (-F.logsigmoid(beta * ((pc / pr).log() - (rc / rr).log())).mean(), chosen,
                rejected),
        "the loss is divided by beta (-logsigmoid(beta * logits) / beta): beta belongs inside, "
        "on the logits, and nowhere else (F.softplus(-logits, beta=beta) divides too: its "
        "beta argument gives softplus(beta * x) / beta; write F.softplus(-beta * logits))":
        (-F.logsigmoid(beta * logits).mean() / beta, chosen, rejected),
        "the rejected reward is the reward margin, mean((model_chosen - reference_chosen) - "
        "(model_rejected - reference_rejected)): rejected_rewards = mean(model_rejected - "
        "reference_rejected) alone": (-F.logsigmoid(beta * logits).mean(), chosen,
                                      chosen - rejected),
        "the rewards are divided by the number of pairs twice (.mean() and then / len, or "
        ".sum() / len twice): .mean() alone averages over the pairs":
        (-F.logsigmoid(beta * logits).mean(), chosen / len(pc), rejected / len(pr)),
        "the loss is computed in half precision (float16: .half() on the logits or the "
        "log-probabilities rounds to about 1e-3): keep the inputs' own dtype":
        (-F.logsigmoid(beta * logits.half()).mean().float(), chosen, rejected),
        "the loss is computed in half precision (float16 log-probabilities round to about "
        "1e-3): keep the inputs' own dtype":
        (-F.logsigmoid(beta * ((pc.half() - pr.half()) - (rc.half() - rr.half())))
         .mean().float(), chosen, rejected),
        "the loss is binary_cross_entropy(sigmoid(beta * logits), ones): BCE clamps each "
        "log(p) at -100, so a pair whose beta * logits is below -100 counts 100 (and sigmoid "
        "rounds to 1 for large margins): use -F.logsigmoid(beta * logits).mean() (or "
        "binary_cross_entropy_with_logits, which stays exact)":
        (F.binary_cross_entropy(torch.sigmoid(beta * logits), torch.ones_like(logits)), chosen,
         rejected),
        "the infinite losses are replaced by 0 (torch.nan_to_num(..., posinf=0), or a mask on "
        "torch.isinf): -log(sigmoid(x)) is inf where sigmoid(x) underflows to 0, for the pairs "
        "the policy gets most wrong, and zeroing them drops exactly the pairs that should "
        "count most; use -F.logsigmoid(beta * logits), which is finite for any x":
        (torch.nan_to_num(-torch.log(torch.sigmoid(beta * logits)), posinf=0.0).mean(), chosen,
         rejected),
        "the infinite losses are left out of the mean (only the finite ones averaged): "
        "-log(sigmoid(x)) is inf where sigmoid(x) underflows to 0, for the pairs the policy "
        "gets most wrong, and dropping them leaves out exactly the pairs that should count "
        "most; use -F.logsigmoid(beta * logits), which is finite for any x":
        (_finite_mean(-torch.log(torch.sigmoid(beta * logits))), chosen, rejected),
        "only the pairs the policy ranks wrongly (logits < 0) are averaged: DPO averages the "
        "loss over every pair, also the ones already ranked right (their loss is small but not "
        "0, and it keeps pushing the margin up): -logsigmoid(beta * logits).mean() over the "
        "whole batch":
        (_dpo_wrong_pairs(-F.logsigmoid(beta * logits), logits < 0), chosen, rejected),
        "the losses of the pairs the policy does not rank wrongly (logits >= 0; when the "
        "policy equals the reference, every pair) are set to 0 before the mean: DPO's loss "
        "counts every pair as it is, -logsigmoid(beta * logits).mean()":
        (torch.where(logits < 0, -F.logsigmoid(beta * logits), 0.0).mean(), chosen, rejected),
        **_dpo_learned_left_out(-F.logsigmoid(beta * logits), chosen, rejected),
        **_dpo_term_slips(pc, pr, rc, rr, beta),
        "the log-softmax runs over the pairs of the batch, not over the two answers of each "
        "pair (F.log_softmax(..., dim=-1) of a (2, batch) stack of the chosen and rejected "
        "log-ratios, or dim=0 of a (batch, 2) one): -log_softmax over a pair's [chosen, "
        "rejected] scores is -logsigmoid(beta * logits), so take it over the dimension of size "
        "2 (or use -F.logsigmoid(beta * logits) directly)":
        (-F.log_softmax(beta * (pc - rc), dim=0).mean(), chosen, rejected),
        "the reference's log-ratio is averaged over the batch (one baseline for all the "
        "pairs): each pair's logit subtracts that pair's own reference log-ratio, logits = "
        "(model_chosen - model_rejected) - (reference_chosen - reference_rejected), element "
        "by element": (-F.logsigmoid(beta * ((pc - pr) - (rc - rr).mean())).mean(), chosen,
                       rejected),
        **_dpo_standardised(logits, beta, chosen, rejected),
    }


def _dpo_standardised(logits, beta, chosen, rejected):
    """The loss of logits standardised over the batch ((logits - mean) / std, as advantages
    are in PPO), with torch's default std and with the population one; {} for one pair."""
    if logits.numel() < 2:
        return {}
    why = ("the logits are standardised over the batch ((logits - logits.mean()) / "
           "logits.std(){}, as advantages are in PPO), so the batch's mean margin and its scale "
           "drop out and a pair's loss depends on the other pairs: each pair's loss is "
           "-logsigmoid(beta * logits) with its own margin, neither centred nor scaled")
    centred = logits - logits.mean()
    return {why.format(name): (-F.logsigmoid(beta * centred / (centred.pow(2).sum() / n).sqrt()
                                             ).mean(), chosen, rejected)
            for name, n in (("", logits.numel() - 1),
                            (" with unbiased=False", logits.numel()))}


def _dpo_learned_left_out(losses, chosen, rejected):
    """The mean over the pairs with the largest losses alone, for every number of pairs kept
    (a replayed mistake: pairs whose loss is below a small threshold, as if already learned,
    dropped from the mean), each named with how many pairs went and their largest loss."""
    ranked = losses.detach().flatten().sort(descending=True).values
    causes = {}
    for kept in range(1, len(ranked)):
        if not ranked[kept - 1] > ranked[kept]:  # no threshold falls between the two
            continue
        dropped = len(ranked) - kept
        causes[f"only the {kept} pair(s) with the largest losses are averaged: the {dropped} "
               f"pair(s) whose loss is {ranked[kept].item():.3g} or less were left out of the "
               "mean (a filter such as losses[losses > eps], as if those pairs were already "
               "learned?): DPO averages the loss over every pair, however small, "
               "-logsigmoid(beta * logits).mean()"] = (ranked[:kept].mean(), chosen, rejected)
    return causes


def _finite_mean(losses):
    """The mean of the finite losses alone (a replayed mistake)."""
    finite = losses[torch.isfinite(losses)]
    return finite.mean() if len(finite) else losses.mean()


def _dpo_wrong_pairs(losses, wrong):
    """The mean over the pairs ``wrong`` selects, or over all when it selects none (a replayed
    mistake: a filter on the pairs that still have something to learn)."""
    return losses[wrong].mean() if bool(wrong.any()) else losses.mean()


_DPO_NAMES = ("model_chosen_logprobs", "model_rejected_logprobs", "reference_chosen_logprobs",
              "reference_rejected_logprobs")


def _dpo_term_slips(pc, pr, rc, rr, beta):
    """Copy-paste slips: one input used where another belongs, in the logits or in a reward.
    Slips that give the same numbers here are named together."""
    values = (pc, pr, rc, rr)
    right = (-F.logsigmoid(beta * ((pc - pr) - (rc - rr))).mean(), (pc - rc).mean(),
             (pr - rr).mean())
    groups = []  # [output, [(used, belongs), ...], what]
    for what, slots in (("logits", (0, 1, 2, 3)), ("chosen reward", (0, 2)),
                        ("rejected reward", (1, 3))):
        for slot in slots:
            for other in range(4):
                if other == slot:
                    continue
                v = list(values)
                v[slot] = values[other]
                logits = (v[0] - v[1]) - (v[2] - v[3])
                slipped = (-F.logsigmoid(beta * logits).mean(), (v[0] - v[2]).mean(),
                           (v[1] - v[3]).mean())
                k = ("logits", "chosen reward", "rejected reward").index(what)
                out = tuple(slipped[k] if j == k else right[j] for j in range(3))
                same = next((g for g in groups if g[2] == what and all(
                    torch.equal(a, b) for a, b in zip(g[0], out))), None)
                if same:
                    same[1].append((other, slot))
                else:
                    groups.append([out, [(other, slot)], what])
    formulas = {"logits": "logits = (model_chosen - model_rejected) - (reference_chosen - "
                "reference_rejected)",
                "chosen reward": "chosen_rewards = mean(model_chosen - reference_chosen)",
                "rejected reward": "rejected_rewards = mean(model_rejected - "
                "reference_rejected)"}
    slips = {}
    for out, pairs, what in groups:
        where = ", or ".join(f"{_DPO_NAMES[o]} where {_DPO_NAMES[s]} belongs" for o, s in pairs)
        verb = "use" if what == "logits" else "uses"
        slips[f"the {what} {verb} {where} (a copy-paste slip?): {formulas[what]}"] = out
    return slips


def _dpo_case(impl, batch, beta, seed, scale=5.0, lead=0.0):
    """``lead``: the policy's rejected log-probabilities of every second pair lowered by this
    much, so that those pairs' beta * logits are large and positive (the policy far ahead)."""
    gen = torch.Generator().manual_seed(seed)
    inputs = [-torch.rand(batch, generator=gen) * scale for _ in range(4)]
    if lead:
        inputs[1] = inputs[1] - lead * (torch.arange(batch) % 2)
    policy = [t.clone().requires_grad_(True) for t in inputs[:2]]
    got = _dpo(impl, *policy, *inputs[2:], beta=beta)
    expected = llmscratch.compute_dpo_loss(*inputs, beta=beta)
    where = f"batch {batch}, beta {beta}, log-probabilities down to {-scale - lead:g}"
    # float32 holds values near 2,000 only to about 1e-4, so a right answer that orders its
    # steps otherwise (mean(model_chosen) - mean(reference_chosen), or every step in float64)
    # differs from ours by that much on the extreme batch: allow a few roundings of the
    # largest input on top of 1e-5 (1.2e-5 for the batches down to -5)
    tol = 1e-5 + 4 * torch.finfo(inputs[0].dtype).eps * max(t.abs().max().item() for t in inputs)
    mistakes = _dpo_mistakes(*inputs, beta)
    if not torch.isfinite(got[0]):
        naive = -torch.log(torch.sigmoid(beta * ((inputs[0] - inputs[1])
                                                 - (inputs[2] - inputs[3])))).mean()
        low = min(t.min().item() for t in inputs)
        if torch.isnan(got[0]):  # 0/0 or inf - inf: exp() of the log-probabilities
            hint = (f"nan comes from 0/0 or inf - inf: the log-probabilities here reach "
                    f"{low:.0f}, and exp() of them underflows to 0 (exp(a) / exp(b) = 0/0, "
                    "log(0) - log(0) = -inf + inf); never leave log space: subtract the "
                    "log-probabilities as they are, then F.logsigmoid")
        elif not torch.isfinite(naive):
            hint = ("log(sigmoid(x)) underflows to log(0) = -inf for very negative x (and "
                    "log1p(exp(-x)) overflows to inf): use F.logsigmoid, which stays finite")
        elif lead:
            x = beta * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
            big = math.log(torch.finfo(x.dtype).max)
            hint = (f"here the policy is far ahead of the reference on every second pair: "
                    f"beta * logits reaches {x.max().item():.0f}, above {big:.1f}, where exp(x) "
                    f"overflows {x.dtype} to inf, while the earlier cases, whose beta * logits "
                    "stay below 30, pass: a step of yours takes exp() of a "
                    "large positive x (log1p(exp(x)) - x or log(1 + exp(x)) - x for "
                    "-logsigmoid(x) gives inf - x = inf); use -F.logsigmoid(beta * logits) "
                    "(or F.softplus(-beta * logits)), which stays finite for any x")
        else:
            hint = (f"the loss must be a finite number; the log-probabilities here reach "
                    f"{low:.0f}, while the batches down to -5 pass: a step in yours overflows "
                    "or underflows for large values; F.logsigmoid of the difference of "
                    "log-ratios stays finite")
        raise CheckFailure(f"{where}: the loss is {got[0].item()} where "
                           f"{expected[0].item():.4f} is expected: {hint}")
    for k, name in enumerate(("loss", "chosen reward", "rejected reward")):
        mistake_k = {cause: values[k] for cause, values in mistakes.items()
                     if not torch.allclose(values[k], expected[k], atol=tol)}
        # built only when the values differ: several hints call the answer again
        assert_close(got[k].detach(), expected[k], what=f"the {name} ({where})", atol=tol,
                     hint=lambda k=k, name=name, mistake_k=mistake_k:
                     _input_order(got, inputs, beta) or likely_cause(got[k].detach(),
                                                                     mistake_k) or (
                         (k == 0 and not torch.allclose(got[0].detach(), expected[0], atol=tol)
                          and _pair_floor_note(impl, inputs, beta))
                         or _extreme_contrast(inputs, beta, name) if scale > 5 else
                         (_dpo_linear_form(impl, k, inputs, beta, got[k].detach()) if k
                          else _dpo_weights_hint(impl, beta))
                         or _batch_or_beta(impl, inputs, k, batch, beta, name,
                                           got[k].detach())))
    if got[1].requires_grad or got[2].requires_grad:
        which = ("the rewards are" if got[1].requires_grad and got[2].requires_grad else
                 "the chosen reward is still attached (the rejected one is detached)"
                 if got[1].requires_grad else
                 "the rejected reward is still attached (the chosen one is detached)")
        raise CheckFailure(
            (f"{which} still attached to the graph: .detach() them" if which.endswith("are")
             else f"{which}: .detach() it too") + " (they are for monitoring, not for the "
            "gradient)")
    if not got[0].requires_grad:
        raise CheckFailure("the loss is detached from the policy's log-probabilities, so it "
                           "cannot train the policy; detach only the rewards")
    called = [name for name, t in zip(_DPO_NAMES, policy) if t.grad is not None]
    if called:  # gradients before our backward(): the answer ran a backward pass itself
        raise CheckFailure(
            f"{where}: {' and '.join(called)} already hold a gradient when your function "
            "returns, before any backward() of ours: yours calls loss.backward() (or "
            "torch.autograd.backward) itself, so every training step would add the gradient "
            "twice (once in yours, once in the training loop); return the loss and leave "
            "backward() to the caller")
    got[0].backward()
    ref_policy = [t.clone().requires_grad_(True) for t in inputs[:2]]
    llmscratch.compute_dpo_loss(*ref_policy, *inputs[2:], beta=beta)[0].backward()
    for name, mine, ref in zip(_DPO_NAMES, policy, ref_policy):
        if mine.grad is None or not torch.allclose(mine.grad, ref.grad, atol=1e-6):
            grad = "none" if mine.grad is None else [round(v, 4) for v in mine.grad.tolist()]
            x = beta * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
            bad = [] if mine.grad is None else (~torch.isfinite(mine.grad)).nonzero().flatten()
            if len(bad):
                big = math.log(torch.finfo(x.dtype).max)  # exp() overflows past this
                raise CheckFailure(
                    f"{where}: the loss has the right value, but its gradient with respect to "
                    f"{name} is {grad}, expected {[round(v, 4) for v in ref.grad.tolist()]}: "
                    f"nan or inf at the pairs {bad.tolist()}, whose beta * logits are "
                    f"{[round(v, 1) for v in x[bad].tolist()]}"
                    + (f" (|x| above {big:.1f}, where exp(x) overflows {x.dtype})"
                       if bool((x[bad].abs() > big).all()) else "")
                    + ": a step of yours overflows there though its value is not used (a "
                    "branch of torch.where, or a mask times exp(...)): the gradient of the "
                    "unused inf branch is 0 * inf = nan; use F.logsigmoid(beta * logits), which "
                    "has no overflowing branch")
            raise CheckFailure(
                f"{where}: the loss has the right value, but its gradient with respect to "
                f"{name} is {grad}, expected {[round(v, 4) for v in ref.grad.tolist()]}: a "
                "right value with a wrong gradient means part of the loss is cut from the graph "
                "(a .detach(), .item(), .data or torch.tensor(...) on a policy term); detach "
                "only the rewards")


def _batch_or_beta(impl, inputs, k, batch, beta, name, got):
    """What sets this batch apart from the one-pair example (beta 0.1) that passed: the beta or
    the number of pairs, told by running the same pairs again with beta 0.1."""
    head = (f"the one-pair example (beta 0.1) and the equal case pass, but with {batch} pairs "
            f"and beta {beta} the {name} differs")
    try:
        again = _dpo(impl, *inputs, beta=0.1)[k].detach()
    except Exception:  # the probe only shapes the hint; the case's own failure stands
        return f"{head}: {_DPO_FORMULAS[k]}"
    want = llmscratch.compute_dpo_loss(*inputs, beta=0.1)[k]
    expected = llmscratch.compute_dpo_loss(*inputs, beta=beta)[k]
    head = f"{head} ({_dpo_pattern(got, expected, beta, batch).rstrip('. ')})"
    if torch.allclose(again, want, atol=1e-5):
        return (f"{head}; the same {batch} pairs with beta 0.1 give the right {name} "
                f"({again.item():.5g}), so beta is the cause: yours ignores or fixes it (0.1 "
                "written in the formula?) or uses it other than as a factor of the logits: "
                + _DPO_FORMULAS[k])
    head = f"{head}, and also with beta 0.1 ({again.item():.5g}, expected {want.item():.5g})"
    pairs = _per_pair_note(impl, inputs, beta) if k == 0 else None
    if pairs:
        return f"{head}, so yours goes wrong within a pair: {pairs}"
    note = _pair_count_note(impl, k, 0.1)
    return (f"{head}, so the pairs are combined wrongly " + (f"({note})" if note else
            "(the mean taken over something other than the pairs, one pair's value used for "
            "all, or a term that cancels out when there is a single pair): "
            + _DPO_FORMULAS[k]))

def _extreme_contrast(inputs, beta, name):
    """What sets the extreme case apart from the small batches that passed before it."""
    x = beta * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
    return (f"the batches of 6 and 4 pairs with log-probabilities down to -5 pass; here they "
            f"reach {min(t.min().item() for t in inputs):.0f}, so beta * logits runs from "
            f"{x.min().item():.0f} to {x.max().item():.0f}, and only the {name} for these large "
            "values differs: something in yours caps them (a clamp, an eps as in "
            "log(sigmoid(x) + eps), a float16 step); F.logsigmoid(beta * logits) is exact for "
            "any size")


def _input_order(got, inputs, beta):
    """The order in which the answer reads its four inputs, when all three of its outputs are
    ours on the inputs in another order (parameters declared in another order than the
    stub's), as a hint; None otherwise."""
    for perm in itertools.permutations(range(4)):
        if perm == (0, 1, 2, 3):
            continue
        want = llmscratch.compute_dpo_loss(*(inputs[p] for p in perm), beta=beta)
        if all(torch.allclose(g.detach().to(w.dtype), w, atol=1e-5) for g, w in zip(got, want)):
            declared = [""] * 4
            for k, p in enumerate(perm):
                declared[p] = _DPO_NAMES[k]
            short = [n.replace("_logprobs", "") for n in _DPO_NAMES]
            chosen = f"mean({short[perm[0]]} - {short[perm[2]]})"
            rejected = f"mean({short[perm[1]]} - {short[perm[3]]})"
            return ("all three outputs are ours with the four inputs taken in another order: "
                    f"yours reads the arguments as ({', '.join(declared)}), but they are "
                    f"passed as ({', '.join(_DPO_NAMES)}); so your chosen reward is {chosen} "
                    f"and your rejected reward {rejected}: either declare the parameters in "
                    "the stub's order, or, if they are, the rewards are built from the wrong "
                    "inputs (chosen_rewards = mean(model_chosen - reference_chosen), "
                    "rejected_rewards = mean(model_rejected - reference_rejected))")
    return None


def _settled(impl, k, hint, refutable=False):
    """The cause that a batch of 4 distinct pairs shows for output ``k``, when it shows one
    other than ``hint``: this case's equal or one-pair values cannot tell apart mistakes such
    as the policy's margin as chosen reward and the reference's rejected log-probabilities in
    its place. With ``refutable`` (``hint`` named by replays of one pair), None when the batch
    differs from ours and matches no replay, which refutes ``hint``, so that the caller's
    fallback reads the answer instead. ``hint`` otherwise."""
    gen = torch.Generator().manual_seed(21)
    inputs = [-torch.rand(4, generator=gen) * 5 for _ in range(4)]
    try:
        got = _dpo(impl, *inputs, beta=0.1)
    except Exception:  # the probe is only for the hint; the case's own failure stands
        return hint
    expected = llmscratch.compute_dpo_loss(*inputs, beta=0.1)
    order = _input_order(got, inputs, 0.1)
    if order is not None:
        return f"{order} (seen on a batch of 4 pairs with distinct log-probabilities)"
    table = _dpo_mistakes(*inputs, 0.1)
    probed = likely_cause(got[k].detach(), {
        c: v[k] for c, v in table.items() if not torch.allclose(v[k], expected[k], atol=1e-5)})
    if probed is None and refutable and not torch.allclose(got[k].detach(), expected[k],
                                                           atol=1e-5):
        return None
    if probed is None or probed == hint:
        return hint
    return f"{probed} (seen on a batch of 4 pairs with distinct log-probabilities)"


def _dpo_pattern(got, want, beta, pairs):
    """What differs between a DPO output and ours, as a factor or an offset, with what such a
    pattern usually means; for the hints when no replayed mistake matches."""
    got, want = float(got), float(want)
    head = f"yours is {got:.6g} where {want:.6g} is expected"
    if abs(want) < 1e-8:
        return f"{head} (an offset of {got:+.4g} from zero). "
    ratio, rel = got / want, abs(got - want) / abs(want)
    if rel < 5e-3:
        return (f"{head}, {rel:.1e} apart relative: a rounding-size difference, as from a "
                "step in lower precision (float16 or bfloat16) or an eps added somewhere. ")
    factors = {"-1": (-1.0, "the sign is flipped"),
               f"beta = {beta:g}": (beta, "beta applied to it (once too often)"),
               f"1 / beta = {1 / beta:g}": (1 / beta, "divided by beta (or beta missing "
                                            "where it divides)"),
               f"the {pairs} pairs": (float(pairs), "a sum where a mean belongs"),
               f"1 / {pairs} pairs": (1 / pairs, "the mean taken twice (divided by the number "
                                      "of pairs once too often)"),
               "2": (2.0, "a term counted twice"), "1/2": (0.5, "halved")}
    for name, (factor, meaning) in factors.items():
        if factor != 1.0 and abs(ratio - factor) < 1e-3 * abs(factor):
            return f"{head}: exactly {name} times ours, so {meaning}? "
    fixed = pairs / ratio if ratio > 0 else 0.0
    if pairs > 1 and 1.5 < fixed < 257 and abs(ratio * round(fixed) / pairs - 1) < 1e-5:
        return (f"{head}: exactly {pairs}/{round(fixed)} times ours, so the sum over the "
                f"{pairs} pairs divided by a fixed {round(fixed)} (a hard-coded batch size?) "
                "where the mean divides by the number of pairs (.mean())? ")
    return f"{head} ({ratio:.4g} times ours, off by {got - want:+.4g}). "


def _dpo_weights_hint(impl, beta):
    """How the answer weights the policy's and the reference's log-ratios in its loss, read as
    -logsigmoid(w * logits) from two one-pair batches whose logits are 2 (the policy's
    log-ratio alone, then the reference's alone); a hint when the two weights differ (ours
    gives beta for both), None otherwise. First, when each input's own weight (read by moving
    it alone) does not pair up as two log-ratios, those four weights are named instead."""
    terms = _dpo_term_weights(impl, beta)
    if terms is not None:
        return terms
    weights = []
    for args in ((-1.0, -3.0, -2.0, -2.0), (-2.0, -2.0, -3.0, -1.0)):
        try:
            loss = float(_dpo(impl, *(torch.tensor([v]) for v in args), beta=beta)[0])
        except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
            return None
        s = math.exp(-loss) if math.isfinite(loss) else 0.0
        if not 0.0 < s < 1.0:
            return None
        weights.append(math.log(s / (1 - s)) / 2)
    if abs(weights[0] - weights[1]) < 1e-3 * max(abs(w) for w in weights):
        return None
    names = {beta * beta: "beta squared: beta applied twice", 1.0: "no beta",
             1 / beta: "divided by beta", -beta: "beta with the sign flipped", 0.0: "left out"}

    def said(w):
        for value, name in names.items():
            if abs(w - value) < 1e-3 * max(abs(value), 1e-3):
                return f"{w:.4g} ({name})"
        return f"{w:.4g}"
    return (f"the policy's log-ratio and the reference's enter your loss with different "
            f"weights: read as -logsigmoid(w * logits), a pair whose policy log-ratio alone is 2 "
            f"(policy (-1, -3), reference (-2, -2), beta {beta:g}) gives w = {said(weights[0])} "
            f"and a pair whose reference log-ratio alone is -2 (policy (-2, -2), reference "
            f"(-3, -1)) gives w = {said(weights[1])}; both must be beta = {beta:g}: logits = "
            "(model_chosen - model_rejected) - (reference_chosen - reference_rejected), "
            "multiplied by beta once, as a whole")


def _dpo_term_weights(impl, beta):
    """Each input's weight in the answer's logits, read as -logsigmoid(z) of one pair at
    (-2, -2, -2, -2) with that input moved by 1 and 2; a hint when the answer is linear in the
    inputs but its weights are not two log-ratios (w1 = -w2 and w3 = -w4), else None."""
    def logit(args):
        loss = float(_dpo(impl, *(torch.tensor([v]) for v in args), beta=beta)[0])
        s = math.exp(-loss)
        return math.log(s / (1 - s))
    try:
        z0 = logit((-2.0,) * 4)
        steps = [[logit(tuple(-2.0 + d * (i == j) for j in range(4))) - z0 for d in (1, 2)]
                 for i in range(4)]
    except Exception:  # noqa: BLE001 - a probe only (a crash, a saturated sigmoid)
        return None
    if any(abs(two - 2 * one) > 1e-4 * max(1.0, abs(two)) for one, two in steps):
        return None
    w = [one / beta for one, _ in steps]
    if abs(w[0] + w[1]) < 1e-3 and abs(w[2] + w[3]) < 1e-3:
        return None
    names = ["model_chosen", "model_rejected", "reference_chosen", "reference_rejected"]
    said = ", ".join(f"{n} {x:+.3g}" for n, x in zip(names, w))
    off = [f"{n} has weight {x:+.3g} (expected {e:+d}){' (left out)' if abs(x) < 1e-3 else ''}"
           for n, x, e in zip(names, w, (1, -1, -1, 1)) if abs(x - e) > 1e-3]
    return (f"read term by term (one input moved at a time), your logits weigh the inputs, in "
            f"units of beta: {said}; expected +1, -1, -1, +1: {'; '.join(off)}: logits = "
            "(model_chosen - model_rejected) - (reference_chosen - reference_rejected)")


def _dpo_linear_form(impl, k, inputs, beta, got):
    """Reward ``k`` (1 chosen, 2 rejected) of the answer as a mix of the four inputs' means,
    found by giving it one-pair batches with one input 1 and the rest 0, and confirmed on
    ``inputs``; a hint naming the mix and how it differs from ours, or None."""
    short = [n.replace("_logprobs", "") for n in _DPO_NAMES]
    try:
        base = float(_dpo(impl, *(torch.zeros(1) for _ in range(4)), beta=beta)[k])
        coef = [float(_dpo(impl, *(torch.ones(1) if i == j else torch.zeros(1)
                                   for i in range(4)), beta=beta)[k]) - base for j in range(4)]
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    predicted = base + sum(c * t.mean().item() for c, t in zip(coef, inputs))
    if not abs(predicted - float(got)) < 1e-4 * max(1.0, abs(float(got))):
        return None
    try:  # a mix read from one-pair batches must hold for 5 pairs too (not a count slip)
        five = float(_dpo(impl, *_COUNT_BATCH, beta=beta)[k])
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    if not abs(base + sum(c * t.mean().item() for c, t in zip(coef, _COUNT_BATCH)) - five) \
            < 1e-4 * max(1.0, abs(five)):
        return None
    ours = [1.0, 0.0, -1.0, 0.0] if k == 1 else [0.0, 1.0, 0.0, -1.0]
    mix = " ".join(f"{'-' if c < 0 else '+'} {abs(c):.4g} * {n}"
                   for c, n in zip(coef, short) if abs(c) > 1e-6)
    mix = mix[2:] if mix.startswith("+ ") else mix.replace("- ", "-", 1) if mix else "0"
    if abs(base) > 1e-6:
        mix += f" {'-' if base < 0 else '+'} {abs(base):.4g}"
    main = coef[ours.index(1.0)]
    why = ""
    if all(abs(c - main * o) < 1e-5 for c, o in zip(coef, ours)) and abs(base) < 1e-6:
        for value, name in ((-1.0, "reversed (reference - policy)"), (beta, "scaled by beta"),
                            (-beta, "scaled by beta and reversed (beta * (reference - "
                             "policy))"), (2.0, "doubled"), (0.5, "halved")):
            if abs(main - value) < 1e-5:
                why = f": ours times {main:.4g}, so {name}"
        why = why or f": ours times {main:.4g}"
    else:
        extra = [n for c, n, o in zip(coef, short, ours) if o == 0.0 and abs(c) > 1e-6]
        why = (f": it mixes in {' and '.join(extra)}, which the {short[k - 1].split('_')[1]} "
               "reward does not use" if extra else "")
    name = "chosen" if k == 1 else "rejected"
    return (f"your {name} reward is mean({mix}) (found by giving your function one input "
            f"at a time, then confirmed on this batch){why}; it must be "
            f"mean({short[k - 1]} - {short[k + 1]})")


# Five pairs whose rewards and losses are far from zero (a ratio to ours is always defined).
_COUNT_BATCH = (torch.tensor([-1.0, -2.0, -1.5, -0.5, -3.0]),
                torch.tensor([-2.6, -2.2, -4.0, -1.8, -3.5]),
                torch.tensor([-1.7, -3.1, -1.9, -1.4, -4.3]),
                torch.tensor([-2.0, -1.0, -3.7, -1.0, -2.5]))


def _pair_count_note(impl, k, beta):
    """Output ``k`` of the answer against ours on the first 1, 2, 3 and 5 pairs of
    ``_COUNT_BATCH``: when the factor changes with the number of pairs, say so, naming a count
    off by a constant (n / (n + c)); None when the factor is constant (or a probe fails)."""
    name = ("loss", "chosen reward", "rejected reward")[k]
    ratios = []
    for n in (1, 2, 3, 5):
        part = [t[:n] for t in _COUNT_BATCH]
        try:
            got = float(_dpo(impl, *part, beta=beta)[k])
        except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
            return None
        ratios.append((n, got / float(llmscratch.compute_dpo_loss(*part, beta=beta)[k])))
    if not all(math.isfinite(r) for _, r in ratios) or \
            max(r for _, r in ratios) - min(r for _, r in ratios) < 1e-4:
        return None
    if k == 0 and abs(ratios[0][1] - 1) > 1e-4:  # one pair alone is wrong already
        return _margin_note(impl, beta)
    shown = ", ".join(f"{n} pair{'s' * (n > 1)}: {r:.4g}x" for n, r in ratios)
    head = (f"your {name} against ours on the first 1, 2, 3 and 5 pairs of one batch is "
            f"{shown}: the factor changes with the number of pairs")
    for c in (1, -1, 2, -2):
        if all(n + c > 0 and abs(r - n / (n + c)) < 1e-4 for n, r in ratios):
            return (f"{head}, always n / (n {'+' if c > 0 else '-'} {abs(c)}): the sum over "
                    f"the n pairs divided by n {'+' if c > 0 else '-'} {abs(c)} (a count "
                    f"such as len(...) {'+' if c > 0 else '-'} {abs(c)}?) where the mean "
                    "divides by n (.mean())")
    return (f"{head}, so yours combines the pairs otherwise than a plain mean (a count that "
            "is off, a sum divided by something else, one pair weighted more): "
            + _DPO_FORMULAS[k])


def _margin_note(impl, beta):
    """The loss of single pairs with logits -20, -2, 0.5, 2 and 20, read back as the value z
    that yours passes to -logsigmoid (z = -log(expm1(loss))) against beta * logits: where the
    loss of one pair is already wrong, the margin reaching the log-sigmoid shows how (scaled,
    shifted, squashed or clamped); None when a probe fails."""
    logits = torch.tensor([-20.0, -2.0, 0.5, 2.0, 20.0])
    rest = torch.tensor([-2.0])
    try:
        got = torch.stack([_dpo(impl, (v - 2.0).reshape(1), rest, rest, rest, beta=beta)[0]
                           .detach().float() for v in logits])
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    x = beta * logits
    if not (got > 0).all() or not torch.isfinite(got).all():
        shown = ", ".join(f"{a:.4g} -> {b:.4g}" for a, b in zip(x.tolist(), got.tolist()))
        return (f"for one pair at a time, beta * logits -> your loss: {shown}; expected "
                f"-logsigmoid(beta * logits), which is positive for every value: "
                + _DPO_FORMULAS[0])
    excess = got.double() + F.logsigmoid(x.double())  # yours minus ours, pair by pair
    for name, term in (("|logits|", logits.abs()), ("logits ** 2", logits ** 2)):
        k = excess / term.double()
        if excess.abs().min() > 1e-4 and torch.allclose(k, k[0], rtol=1e-2):
            return (f"for one pair at a time (logits {', '.join(f'{v:g}' for v in logits.tolist())}"
                    f"), yours is -logsigmoid(beta * logits) plus {k[0].item():.4g} * {name}: an "
                    "extra term added to each pair's loss (a penalty or regulariser that DPO's "
                    "loss does not have): " + _DPO_FORMULAS[0])
    z = -torch.log(torch.expm1(got))
    shown = ", ".join(f"{a:.4g} -> {b:.4g}" for a, b in zip(x.tolist(), z.tolist()))
    big = logits.abs() >= 1  # a pair's logits divided by their own size keep their sign alone
    if beta > 0 and torch.allclose(z[big], beta * torch.sign(logits[big]), atol=1e-4):
        return (f"for one pair at a time, your loss is -logsigmoid(z) with beta * logits -> z: "
                f"{shown}: z is beta * sign(logits) = {beta:g} * (+-1) whatever the size of "
                "logits, so the logits were divided by their own size on the way (a "
                "normalisation such as logits / logits.abs().max(), F.normalize, or a division "
                "by the batch's largest log-ratio), which leaves a single pair only its sign: "
                "use the difference of the log-ratios as it is: " + _DPO_FORMULAS[0])
    relation = describe_difference(z, x, where=False)
    return (f"for one pair at a time, your loss is -logsigmoid(z) with beta * logits -> z: "
            f"{shown} (z should equal beta * logits): the margin reaching the log-sigmoid is "
            "not beta * logits" + (f". {relation}" if relation else
                                   " (transformed on the way: a tanh, clamp or extra term?)")
            + ": " + _DPO_FORMULAS[0])


def _floor_of(got, want, bad, good):
    """The words for pair losses held at a floor (a clamp from below): every pair that differs
    gives one value in yours where ours is below it, and every pair at or above it is right;
    None otherwise."""
    floor = got[bad[0]].item()
    if not (floor > 0 and all(abs(got[i].item() - floor) < 1e-6 and want[i].item() < floor
                              for i in bad) and all(want[i].item() >= floor - 1e-6 for i in good)):
        return None
    return (f"every pair whose loss is below {floor:.4g} gives exactly {floor:.4g} in yours, and "
            "every pair above it is right, so each pair's loss is held at a floor "
            f"((...).clamp(min={floor:.4g}), max(loss, {floor:.4g})): a pair the policy already "
            "ranks well has a loss near 0 and a gradient near 0; keep -logsigmoid(beta * "
            "logits) as it is")


def _pair_floor_note(impl, inputs, beta):
    """``_floor_of`` for the answer's loss of each pair of ``inputs`` alone, or None."""
    x = beta * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
    try:
        got = torch.stack([_dpo(impl, *(t[i:i + 1].detach() for t in inputs), beta=beta)[0]
                           .detach().float() for i in range(len(x))])
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    want = -F.logsigmoid(x.detach().float())
    bad = [i for i in range(len(x)) if not abs(got[i] - want[i]) < 1e-5]
    good = [i for i in range(len(x)) if i not in bad]
    note = _floor_of(got, want, bad, good) if bad else None
    return note and (f"called on each of the {len(x)} pairs alone, yours differs on pairs "
                     f"{bad}: {note}")


def _per_pair_note(impl, inputs, beta):
    """The answer's loss for each pair of ``inputs`` alone against ours: which pairs differ,
    with the sign of their beta * logits (a branch on the sign) and a shared offset per unit
    of beta * logits; None when every pair alone is right (the pairs are then combined
    wrongly) or a probe fails."""
    x = beta * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
    try:
        got = torch.stack([_dpo(impl, *(t[i:i + 1].detach() for t in inputs), beta=beta)[0]
                           .detach().float() for i in range(len(x))])
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    want = -F.logsigmoid(x.detach().float())
    bad = [i for i in range(len(x)) if not abs(got[i] - want[i]) < 1e-5]
    if not bad:
        return None
    good = [i for i in range(len(x)) if i not in bad]
    shown = "; ".join(f"pair {i}: beta * logits {x[i].item():+.3g}, yours {got[i].item():.4g}, "
                      f"expected {want[i].item():.4g}" for i in bad[:3])
    head = (f"called on each of the {len(x)} pairs alone, yours differs on pairs {bad} "
            f"({shown})" + (f" and is right on pairs {good}" if good else ""))
    floor = _floor_of(got, want, bad, good)
    if floor is not None:
        return f"{head}: {floor}"
    signs = {i for i in range(len(x)) if x[i] < 0}
    offset = (got - want)[bad] / x[bad]
    per_unit = (f"; on those pairs yours is off by {offset[0].item():.4g} * beta * logits"
                if len(bad) > 1 and torch.allclose(offset, offset[0], rtol=1e-3) else "")
    if good and set(bad) in (signs, set(range(len(x))) - signs):
        side = "negative" if set(bad) == signs else "positive"
        return (f"{head}: exactly the pairs whose beta * logits is {side} differ{per_unit}, so "
                f"a branch for {side} values is wrong (torch.where or an if on the sign, as in "
                "a hand-written stable softplus or logsigmoid); F.logsigmoid(beta * logits) is "
                "right for both signs")
    return (f"{head}{per_unit}. " + (describe_difference(got[bad], want[bad], where=False)
                                     or _DPO_FORMULAS[0]))


def _exact_or(pattern, why):
    """A pattern that names an exact factor alone; any other followed by ``why``."""
    return pattern if pattern.startswith("yours") and ": exactly " in pattern else pattern + why


_DPO_FORMULAS = (
    "loss = mean over the pairs of -logsigmoid(beta * ((model_chosen - model_rejected) - "
    "(reference_chosen - reference_rejected)))",
    "chosen_rewards = mean(model_chosen - reference_chosen), over the pairs",
    "rejected_rewards = mean(model_rejected - reference_rejected), over the pairs",
)


def _dpo_equal_case(impl):
    same_c, same_r = torch.tensor([-1.5, -0.7, -3.0]), torch.tensor([-2.0, -0.2, -0.9])
    loss, *rewards = _dpo(impl, same_c, same_r, same_c, same_r)
    mistakes = {cause: values[0] for cause, values
                in _dpo_mistakes(same_c, same_r, same_c, same_r, 0.1).items()
                if abs(values[0].item() - math.log(2)) > 1e-5}
    assert_close(loss.detach(), torch.tensor(math.log(2)), what="the loss when the policy "
                 "equals the reference (3 pairs, beta 0.1)", atol=1e-5,
                 hint=_settled(impl, 0, likely_cause(loss.detach(), mistakes))
                 or _logit_offset_hint(impl, loss.detach().double().item())
                 or _dpo_weights_hint(impl, 0.1)
                 or _exact_or(_dpo_pattern(loss.detach(), math.log(2), 0.1, 3),
                              "here the reference's log-probabilities equal the policy's (chosen "
                 "(-1.5, -0.7, -3.0), rejected (-2.0, -0.2, -0.9)), so the logits, the "
                 "difference of the two log-ratios, are 0 and each pair's loss is "
                 "-logsigmoid(0) = ln 2 = 0.6931: yours depends on more than that difference "
                 "(a log-probability used where another belongs, or a term left out), or the "
                 "loss is not -logsigmoid(beta * logits) averaged over the pairs"))
    for k, name in ((1, "chosen"), (2, "rejected")):
        mistakes = {cause: values[k] for cause, values
                    in _dpo_mistakes(same_c, same_r, same_c, same_r, 0.1).items()
                    if abs(values[k].item()) > 1e-5}
        got = rewards[k - 1].detach().float()
        assert_close(got, torch.tensor(0.0), what=f"the {name} reward when the policy equals "
                     "the reference (3 pairs, beta 0.1)", atol=1e-5,
                     hint=_settled(impl, k, likely_cause(got, mistakes))
                     or _dpo_linear_form(impl, k, [same_c, same_r, same_c, same_r], 0.1, got)
                     or _dpo_pattern(got, 0.0, 0.1, 3)
                     + "here the reference's log-probabilities equal the policy's, so "
                     "each reward, mean(policy - reference) of its own answers, is 0: yours "
                     "mixes in another input or leaves the reference out")


def _logit_offset_hint(impl, loss):
    """The loss of the equal case (logits 0) read as -logsigmoid(c): a constant c, or a margin
    inside beta * (logits - m), added where the loss is -logsigmoid(beta * logits), confirmed
    on a batch of 5 pairs with beta 0.3; None when neither reproduces that batch."""
    if not 0 < loss < 30:
        return None
    c = -math.log(math.expm1(loss))  # -logsigmoid(c) = loss
    gen = torch.Generator().manual_seed(15)
    inputs = [-torch.rand(5, generator=gen, dtype=torch.float64) * 10 for _ in range(4)]
    logits = (inputs[0] - inputs[1]) - (inputs[2] - inputs[3])
    try:
        got = impl(*inputs, beta=0.3)[0].detach().double()
    except Exception:  # noqa: BLE001 - a probe only; the equal case's failure is reported
        return None
    for offset, form in ((c, f"beta * logits {c:+.4g}"),
                         (c * 3, f"beta * (logits {c / 0.1:+.4g})")):
        if torch.allclose(got, (-F.logsigmoid(0.3 * logits + offset)).mean(), atol=1e-6):
            return (f"yours is -logsigmoid({form}) averaged over the pairs (read from this "
                    "case, where the logits are 0, and confirmed on a batch of 5 pairs with "
                    "beta 0.3): a constant is added inside the log-sigmoid (a margin, as in "
                    "SimPO or a hinge variant, or a stray term?); the DPO loss has none, "
                    "-logsigmoid(beta * logits)")
    return None


# Fallbacks of the one-pair case; the equal case (logits 0, rewards 0) has passed before it.
_HAND_WHY = (
    "the equal case passes (logits 0, loss ln 2), but here the logits are (-1 - -3) - (-2 - -2) "
    "= 2 and the loss must be -logsigmoid(0.1 * 2) = 0.5981: the loss goes wrong once the "
    "logits are not zero; beta must multiply the logits inside -logsigmoid, and the logits are "
    "(model_chosen - model_rejected) - (reference_chosen - reference_rejected)",
    "the equal case passes (rewards 0), but here the chosen reward must be -1 - (-2) = 1.0: "
    "chosen_rewards = mean(model_chosen - reference_chosen), with no beta and no other input",
    "the equal case passes (rewards 0), but here the rejected reward must be -3 - (-2) = -1.0: "
    "rejected_rewards = mean(model_rejected - reference_rejected), with no beta and no other "
    "input",
)


def _label_smoothing(impl, excess, x):
    """A loss with label smoothing (conservative DPO): -(1 - e) * logsigmoid(x) - e *
    logsigmoid(-x) exceeds ours by e * x; ``excess`` at ``x = beta * logits`` gives e, which a
    batch of 4 distinct pairs must confirm. The hint, or None."""
    eps = excess / x
    if not 0.001 < eps < 0.5:
        return None
    gen = torch.Generator().manual_seed(22)
    inputs = [-torch.rand(4, generator=gen) * 5 for _ in range(4)]
    try:
        got = _dpo(impl, *inputs, beta=0.3)[0].detach()
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return None
    z = 0.3 * ((inputs[0] - inputs[1]) - (inputs[2] - inputs[3]))
    smoothed = (-(1 - eps) * F.logsigmoid(z) - eps * F.logsigmoid(-z)).mean()
    if not torch.allclose(got, smoothed, atol=1e-5):
        return None
    return (f"yours is the loss with label smoothing {eps:.3g} (conservative DPO, -(1 - "
            f"{eps:.3g}) * logsigmoid(x) - {eps:.3g} * logsigmoid(-x), also on a batch of 4 "
            "pairs with beta 0.3): the book's DPO loss has no smoothing, -logsigmoid(beta * "
            "logits)")


def _dpo_hand_case(impl):
    pc, pr, rc, rr = (torch.tensor([v]) for v in (-1.0, -3.0, -2.0, -2.0))
    got = _dpo(impl, pc, pr, rc, rr, beta=0.1)
    mistakes = _dpo_mistakes(pc, pr, rc, rr, 0.1)
    for k, (name, want) in enumerate((("loss", math.log1p(math.exp(-0.2))),
                                      ("chosen reward", 1.0), ("rejected reward", -1.0))):
        hint = _settled(impl, k, likely_cause(got[k].detach(), {
            c: v[k] for c, v in mistakes.items() if abs(v[k].item() - want) > 1e-5}),
            refutable=True)
        if k == 0 and hint is None:
            hint = _label_smoothing(impl, got[0].item() - want, 0.2) or _dpo_weights_hint(
                impl, 0.1) or _pair_count_note(impl, 0, 0.1)
        if k > 0 and hint is None:
            hint = _dpo_linear_form(impl, k, [pc, pr, rc, rr], 0.1, got[k].detach()) or \
                _pair_count_note(impl, k, 0.1)
        if k > 0 and abs(got[k].item() + want) < 1e-5:
            # with one pair the chosen and rejected rewards are 1 and -1: a reversed sign and
            # a swapped order give the same numbers; a batch of 4 distinct pairs tells them apart
            hint = _settled(impl, k, None) or (
                "the rewards are reversed (each is policy - reference, model_chosen - "
                "reference_chosen, not reference - policy) or returned in swapped order "
                "(return loss, chosen_rewards, rejected_rewards)")
        assert_close(got[k].detach(), torch.tensor(want), what=f"the {name} for policy (-1, -3),"
                     " reference (-2, -2), beta 0.1", atol=1e-5,
                     hint=hint or _dpo_pattern(got[k].detach(), want, 0.1, 1) + _HAND_WHY[k])
    default = _dpo(impl, pc, pr, rc, rr)[0].detach()
    if not abs(default.item() - math.log1p(math.exp(-0.2))) < 1e-5:
        raise CheckFailure(f"called without beta, the loss for policy (-1, -3), reference "
                           f"(-2, -2) is {default.item():.6g}, expected 0.598139: the default "
                           "beta is 0.1, as in the stub's signature")


def check_dpo_loss(impl):
    check_cases(state_probed(impl, [
        ("policy equals reference", _dpo_equal_case),
        ("one pair by hand", _dpo_hand_case),
        ("batch 6, beta 0.3", lambda f: _dpo_case(f, 6, 0.3, seed=5)),
        ("batch 4, beta 0.5", lambda f: _dpo_case(f, 4, 0.5, seed=6)),
        ("batch 7, beta 0.2, extreme log-probabilities",
         lambda f: _dpo_case(f, 7, 0.2, seed=9, scale=2000.0)),
        ("batch 5, beta 0.5, the policy far ahead of the reference",
         lambda f: _dpo_case(f, 5, 0.5, seed=15, lead=400.0)),
        ("batch 5, beta 0.25, float64 log-probabilities", _dpo_float64_case),
        ("batch 4, beta 0", _dpo_beta_zero_case),
        ("batch 3 on the 'meta' device", _dpo_meta_case),
    ]))


def _dpo_meta_case(impl):
    """Inputs on the stand-in 'meta' device: the loss and the rewards must stay there."""
    inputs = tuple(torch.empty(3, device="meta") for _ in range(4))
    shown = "with the four inputs on the 'meta' device (a stand-in for a GPU)"
    why = ("a tensor made without device= (torch.empty(n), torch.zeros(n) or torch.tensor(...) "
           "are on the CPU whatever the inputs) or a fixed .cpu() / .to('cpu'): make new "
           "tensors on the inputs' device (torch.zeros_like(x), or device=x.device)")
    try:
        out = impl(*inputs)
    except (RuntimeError, NotImplementedError) as err:
        if "meta" not in str(err):
            call_answer(impl, inputs, shown)
        raise CheckFailure(f"{shown} your code raised {type(err).__name__}: {err}, while every "
                           f"CPU case passes: it mixes the inputs with a CPU tensor, {why}"
                           ) from err
    wrong = tensors_not_on(list(out), "meta")
    if wrong:
        raise CheckFailure(f"{shown} {', '.join(wrong)}, while every CPU case passes: {why}")


def _dpo_beta_zero_case(impl):
    """beta=0 given on purpose: the loss is ln 2 for any log-probabilities."""
    gen = torch.Generator().manual_seed(14)
    inputs = [-torch.rand(4, generator=gen) * 20 for _ in range(4)]
    got = _dpo(impl, *inputs, beta=0.0)
    want = llmscratch.compute_dpo_loss(*inputs, beta=0.0)
    if torch.allclose(got[0].detach(), want[0], atol=1e-6):
        return
    hint = next((f"with beta=0 yours gives the loss of beta={b} ({got[0].item():.4f}, "
                 f"expected ln 2 = {want[0].item():.4f}): a test such as `beta or {b}` or "
                 "`if not beta:` takes an explicit 0 for a missing beta; use beta as given "
                 "(test `beta is None` if you need a default)" for b in (0.1, 0.5, 1.0)
                 if torch.allclose(got[0].detach(), llmscratch.compute_dpo_loss(
                     *inputs, beta=b)[0], atol=1e-6)), None)
    assert_close(got[0].detach(), want[0], what="the loss with beta=0 (batch 4)", atol=1e-6,
                 hint=hint or "every case with beta > 0 passes; with beta = 0 every pair's "
                 "loss is -logsigmoid(0) = ln 2, whatever the log-probabilities: yours "
                 "treats beta = 0 otherwise (a default taken, or a division by beta?)")


def _dpo_float64_case(impl):
    gen = torch.Generator().manual_seed(12)
    inputs = [-torch.rand(5, generator=gen, dtype=torch.float64) * 50 for _ in range(4)]
    got = _dpo(impl, *inputs, beta=0.25)
    expected = llmscratch.compute_dpo_loss(*inputs, beta=0.25)
    for name, g in zip(("loss", "chosen reward", "rejected reward"), got):
        if g.dtype != torch.float64:
            raise CheckFailure(f"with float64 log-probabilities (batch 5, beta 0.25) the {name} "
                               f"is {g.dtype}, while every float32 case passes: your code "
                               "casts (.float(), dtype=torch.float32), or writes into a tensor "
                               "made with the default dtype (torch.zeros(n), torch.empty(n) or "
                               "torch.tensor(0.0) are float32 whatever the inputs): compute in "
                               "the inputs' own dtype (torch.zeros_like(x), or "
                               "dtype=x.dtype)")
    for name, g, want in zip(("loss", "chosen reward", "rejected reward"), got, expected):
        assert_close(g.detach(), want, what=f"the {name} with float64 log-probabilities (batch "
                     "5, beta 0.25)", atol=1e-9, hint="every float32 case passes: keep the "
                     "computation in the inputs' dtype")


# --- ex7_7: LoRA on a whole model ---------------------------------------------------------------

ADAPTER_CONFIGS = [
    # pairwise distinct sizes within each config; qkv_bias on in one, off in the other
    {"vocab_size": 60, "context_length": 12, "emb_dim": 16, "n_heads": 4, "n_layers": 2,
     "drop_rate": 0.0, "qkv_bias": True},
    {"vocab_size": 50, "context_length": 20, "emb_dim": 24, "n_heads": 3, "n_layers": 1,
     "drop_rate": 0.1, "qkv_bias": False},
]


def _adapter_case(impl, cfg, rank, alpha, train_steps, arrive_training=False):
    torch.manual_seed(123)
    model = llmscratch.GPTModel(cfg).train(arrive_training)
    original = copy.deepcopy(model)
    linears = {n for n, m in model.named_modules() if isinstance(m, nn.Linear)}
    where = f"rank {rank}, alpha {alpha}, {cfg['n_layers']} layers, qkv_bias {cfg['qkv_bias']}"
    modes_set = []  # a spy on model.train (model.eval() calls it too)

    def train_spy(mode=True):
        modes_set.append(mode)
        return nn.Module.train(model, mode)
    model.train = train_spy
    try:
        result = impl(model, rank, alpha)
    except AttributeError as err:
        found = re.search(r"'(\w+)' object has no attribute '(in_features|out_features)'",
                          str(err))
        if not found or found.group(1) == "Linear":
            raise
        raise CheckFailure(f"{where}: your code raised AttributeError: {err}. LinearWithLoRA "
                           f"was given the {found.group(1)} layer, which has no "
                           f"{found.group(2)} (only nn.Linear has): wrap only the children "
                           "that are isinstance(child, nn.Linear), not every module with a "
                           "weight") from err
    except RecursionError as err:
        raise CheckFailure(f"{where}: your code raised RecursionError ({err}): it wraps without "
                           "end: a LinearWithLoRA just added is visited again (iterating "
                           "model.modules() while replacing, or recursing into the new "
                           "wrapper) and the Linear inside it, its .linear, is wrapped anew. "
                           "Recurse over each module's named_children() and do not descend "
                           "into a child you have just wrapped") from err
    except (ValueError, TypeError) as err:
        if "rank" in str(err) and f"got {alpha}" in str(err):
            raise CheckFailure(f"{where}: your code raised {type(err).__name__}: {err}. "
                               f"LinearWithLoRA got alpha ({alpha}) as its rank: rank and alpha "
                               "are swapped; call LinearWithLoRA(linear, rank, alpha) in that "
                               "order") from err
        raise
    finally:
        vars(model).pop("train", None)
    if result is not model:
        raise CheckFailure(f"{where}: return the model you were given, changed in place (you "
                           f"returned {'None' if result is None else 'another object'}; a copy "
                           "leaves the caller's model without adapters)")
    if model.training != arrive_training:
        modes = ("training mode", "eval mode")
        arrived, left = modes[not arrive_training], modes[not model.training]
        raise CheckFailure(f"{where}: the model arrived in {arrived} and left in {left}: adding "
                           "adapters must not change the mode (no model.train() or "
                           "model.eval() here; the caller decides)")
    wrapped = {n: m for n, m in model.named_modules() if isinstance(m, llmscratch.LinearWithLoRA)}
    if set(wrapped) != linears:
        missing = sorted(linears - set(wrapped))
        inside = sorted(n for n in set(wrapped) - linears if n.rsplit(".", 1)[0] in missing)
        if inside:
            top = inside[0].rsplit(".", 1)[0]
            raise CheckFailure(
                f"{where}: a LinearWithLoRA sits at {inside[0]!r}, inside the Linear {top!r} "
                f"it should replace, which stays in the forward pass unwrapped: it was set as "
                f"an attribute of that Linear instead of its parent (the parent of a top-level "
                f"layer is the model itself, but name.rsplit('.', 1)[0] of {top!r} is {top!r}"
                f"): setattr on the module that holds the Linear, e.g. recurse over "
                f"named_children()")
        strays = sorted(n for n in set(wrapped) - linears
                        if any(m.rsplit(".", 1)[-1] == n.rsplit(".", 1)[-1] for m in missing))
        if strays:
            holder = (f"the module {strays[0].rsplit('.', 1)[0]!r}" if "." in strays[0] else
                      "the top-level model")
            namesake = next(m for m in missing
                            if m.rsplit(".", 1)[-1] == strays[0].rsplit(".", 1)[-1])
            raise CheckFailure(
                f"{where}: a LinearWithLoRA sits at {strays[0]!r}, on {holder}, while the Linear "
                f"{namesake!r} it should replace stays unwrapped in the forward pass (wrappers "
                f"set elsewhere: {strays[:6]}): setattr was called on the wrong module "
                "(setattr(model, name, ...) inside the recursion?); set each wrapper on the "
                "module that holds the Linear, the parent whose named_children() gave it")
        if _skips_biasless(impl, cfg, rank, alpha):
            raise CheckFailure(f"{where}: not wrapped: {missing[:4]}, and in a model built with "
                               "qkv_bias False the Linear layers left unwrapped are exactly "
                               "those without a bias (W_query, W_key, W_value and out_head): "
                               "your test skips a Linear whose bias is None; wrap every "
                               "isinstance(child, nn.Linear), with or without a bias")
        if _skips_biasless(impl, cfg, rank, alpha, with_bias=True):
            raise CheckFailure(f"{where}: not wrapped: {missing[:4]}, and in a model built with "
                               "qkv_bias False the Linear layers left unwrapped are exactly "
                               "those with a bias (the feed-forward layers): your test skips a "
                               "Linear whose bias is set (child.bias is None?); wrap every "
                               "isinstance(child, nn.Linear), with or without a bias")
        by_parent = {}  # each module's Linear children (wrapped or not), in their order
        for n in sorted(linears, key=list(dict(model.named_modules())).index):
            by_parent.setdefault(n.rpartition(".")[0], []).append(n)
        firsts = {names[0] for names in by_parent.values()}
        if set(wrapped) <= firsts and any(len(names) > 1 and names[0] in wrapped
                                          for names in by_parent.values()):
            shared = next(names for names in by_parent.values() if len(names) > 1)
            raise CheckFailure(f"{where}: only the first Linear layer of a module is wrapped "
                               f"({shared[0]!r} but not {shared[1:3]}): a return or break right "
                               "after the first setattr stops the loop over named_children(); "
                               "keep looping, so every Linear child (and every submodule after "
                               "it) is handled")
        kinds = sorted({n.rsplit(".", 1)[-1] for n in missing})
        done = sorted({n.rsplit(".", 1)[-1] for n in wrapped})
        raise CheckFailure(f"{where}: {len(wrapped)} of the model's {len(linears)} Linear layers "
                           f"are wrapped in LinearWithLoRA; not wrapped: {missing[:4]} (names "
                           f"left unwrapped: {kinds}; wrapped: {done or 'none'}): yours skips "
                           "those (a test that leaves them out, or no recursion). Recurse into "
                           "every submodule (blocks, attention, feed-forward) and include "
                           "out_head, wrapping every isinstance(child, nn.Linear).")
    in_place = {n for n in linears
                if isinstance(model.get_submodule(n), llmscratch.LinearWithLoRA)}
    if in_place != linears:
        missing = sorted(linears - in_place)
        raise CheckFailure(f"{where}: the forward pass still calls the original Linear at "
                           f"{missing[:3]}: a wrapper registered on the top model under a dotted "
                           "name (setattr(model, 'trf_blocks.0.att.W_query', ...)) is never "
                           "called; setattr on the parent module with the child's own name")
    for name, m in wrapped.items():
        if tuple(m.lora.A.shape) != (m.linear.in_features, rank) or m.lora.alpha != alpha:
            raise CheckFailure(f"{where}: {name} has an adapter of rank {m.lora.A.shape[1]} and "
                               f"alpha {m.lora.alpha}; pass rank and alpha as given")
    def adapters_a(probe):  # the adapters' A comes from the caller's generator
        impl(probe, rank, alpha)
        return [m.lora.A.detach().clone() for m in probe.modules()
                if isinstance(m, llmscratch.LinearWithLoRA)]

    def fresh_model():
        torch.manual_seed(123)
        return (llmscratch.GPTModel(cfg),)

    if same_under_two_seeds(adapters_a, prepare=fresh_model, seeds=(31, 32),
                            same=lambda a, b: bool(a) and same_results(a, b)):
        raise CheckFailure(f"{where}: two calls made after different seeds drew the same "
                           "adapters: your code reseeds the global generator (torch.manual_seed)"
                           ", which resets the caller's random numbers; leave the seeding to "
                           "the caller")
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    lora_names = {n for n, _ in model.named_parameters() if ".lora." in n}
    if names != lora_names:
        all_names = {n for n, _ in model.named_parameters()}
        not_weights = {n for n in all_names if not n.endswith("weight")}
        causes = {
            "nothing is trainable, the adapters' A and B included: either the model was frozen "
            "after the adapters were added (freeze the original weights first, then wrap), or a "
            "name test after wrapping matched no parameter (the adapters' parameters are named "
            "like 'out_head.lora.A' and 'out_head.lora.B', not PEFT's 'lora_A'/'lora_B')": set(),
            "the whole model trains: freeze the original weights (requires_grad = False) so "
            "only the adapters train": all_names,
            "only the weights are frozen, so the biases and the LayerNorm scale and shift "
            "still train: freeze every parameter": lora_names | not_weights,
            "only the Linear layers were frozen, so the embeddings (tok_emb, pos_emb) and the "
            "LayerNorm scale and shift still train: freeze every parameter of the model "
            "(for p in model.parameters()), not only the Linear layers'":
            all_names - {n for n in all_names if ".linear." in f".{n}"},
            "only the transformer blocks were frozen (model.trf_blocks.parameters()), so the "
            "embeddings, final_norm and out_head still train: freeze every parameter of the "
            "model; only the adapters' A and B should train":
            lora_names | {n for n in all_names if not n.startswith("trf_blocks.")},
            "the wrapped Linear layers train again (their weight and bias inside each "
            "LinearWithLoRA, e.g. requires_grad_(True) on the whole wrapper) while the other "
            "weights stay frozen: leave the wrapped layer frozen; only lora.A and lora.B train":
            lora_names | {n for n in all_names if ".linear." in f".{n}"},
        }
        hint = _matching_cause(names, causes) or _trainable_kinds(names, lora_names, model)
        flagged = [n or "model" for n, m in model.named_modules()
                   if isinstance(vars(m).get("requires_grad"), bool)]
        if flagged and names == all_names:
            hint = (f"requires_grad = False was set on the module ({flagged[0]}), where it is a "
                    "plain attribute that freezes nothing: set it on each parameter (for p in "
                    "model.parameters(): p.requires_grad = False) or call "
                    "model.requires_grad_(False)")
        elif False in modes_set and names == all_names:
            hint = ("the whole model trains: model.eval() was called, but it only switches "
                    "dropout off and freezes nothing; freeze the original weights with "
                    "requires_grad = False on each parameter so only the adapters train")
        if any(not callable(getattr(p, "requires_grad_", None)) for p in model.parameters()):
            hint = ("requires_grad_ = False was assigned, which only sets a new attribute named "
                    "requires_grad_ and freezes nothing: write p.requires_grad = False (no "
                    "underscore) or call p.requires_grad_(False)")
        extra, missing = sorted(names - lora_names), sorted(lora_names - names)
        raise CheckFailure(f"{where}: wrongly trainable {extra[:3]}, wrongly frozen "
                           f"{missing[:3]}: {hint}")
    gen = torch.Generator().manual_seed(1)
    idx = torch.randint(0, cfg["vocab_size"], (3, cfg["context_length"] - 2), generator=gen)
    model.eval()  # compare without dropout
    original.eval()
    with torch.no_grad():
        assert_close(model(idx), original(idx), what=f"{where}: the logits after adding the "
                     "adapters", atol=1e-6, hint=_changed_weights_hint(model, original))
    if not train_steps:
        return
    frozen = {k: v.clone() for k, v in model.state_dict().items() if ".lora." not in k}
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=0.05)
    model.train()
    losses = []
    for _ in range(train_steps):
        logits = model(idx[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), idx[:, 1:].flatten())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # A tiny model fits these 3 rows quickly: our answer moves the loss by more than 1.
    if not losses[-1] < losses[0] - 0.1:
        raise CheckFailure(f"{where}: training the adapters for {train_steps} steps moved the "
                           f"loss from {losses[0]:.3f} to {losses[-1]:.3f}; it should fall.")
    changed = [k for k, v in frozen.items() if not torch.equal(model.state_dict()[k], v)]
    if changed:
        raise CheckFailure(f"{where}: training changed frozen weights, e.g. {changed[0]}")


def _param_kind(name):
    """The role of a parameter of a GPT with adapters, from its name."""
    for test, kind in ((lambda n: n.endswith("lora.A"), "the adapters' A"),
                       (lambda n: n.endswith("lora.B"), "the adapters' B"),
                       (lambda n: ".linear." in f".{n}", "the wrapped Linear weights and biases"),
                       (lambda n: "emb" in n, "the embeddings"),
                       (lambda n: n.endswith(("scale", "shift")), "the LayerNorm scale and shift")):
        if test(name):
            return kind
    return "other parameters"


def _whole_modules(model, extra, lora_names):
    """The largest modules whose every original (non-adapter) parameter is in ``extra``, when
    together they hold all of ``extra``: e.g. ['trf_blocks.1', 'final_norm'] for a freeze that
    was undone on whole modules. None when ``extra`` is not made of whole modules."""
    found = []
    for name, module in model.named_modules():
        own = {f"{name}.{n}" if name else n for n, _ in module.named_parameters()} - lora_names
        if name and own and own <= extra and not any(name.startswith(f"{f}.") for f in found):
            found.append(name)
    covered = {n for n in extra if any(n.startswith(f"{f}.") for f in found)}
    return found if found and covered == extra else None


def _trainable_kinds(names, lora_names, model):
    """The fallback when no known freezing mistake matches: which kinds of parameters train
    wrongly or are frozen wrongly, counted, and what such a pattern usually comes from."""
    def counted(found):
        kinds = [_param_kind(n) for n in sorted(found)]
        return ", ".join(f"{kinds.count(k)} of {k}" for k in dict.fromkeys(kinds)) or "none"
    extra, missing = names - lora_names, lora_names - names
    whole = _whole_modules(model, extra, lora_names) if extra and not missing else None
    if whole:
        return (f"every original parameter of {whole} trains (their {len(extra)} weights, "
                "biases and norms), every other one is frozen: requires_grad was set back to "
                "True on these whole modules after freezing (chapter 6 unfreezes the last "
                "transformer block and final_norm for its classifier; LoRA does not): leave "
                "every original parameter frozen, only the adapters' A and B train")
    pattern = ("part of the adapters is frozen: a name test that keeps only some of them "
               "trainable (the adapters' parameters are named '<layer>.lora.A' and "
               "'<layer>.lora.B'), or A or B created with requires_grad=False?"
               if missing else "a freeze that skips these kinds of parameters (a name or "
               "type test that misses them)?")
    return (f"only the adapters' A and B should train; trainable that should be frozen: "
            f"{counted(extra)}; frozen that should train: {counted(missing)}: {pattern}")


def _skips_biasless(impl, cfg, rank, alpha, with_bias=False):
    """Whether ``impl`` leaves exactly the bias-less Linear layers (``with_bias``: those with a
    bias) unwrapped in a model built with qkv_bias False (where the bias-less ones are the
    query, key, value and output layers, and the ones with a bias the feed-forward layers)."""
    torch.manual_seed(0)
    probe = llmscratch.GPTModel({**cfg, "qkv_bias": False})
    linears = [n for n, m in probe.named_modules() if isinstance(m, nn.Linear)]
    no_bias = {n for n in linears if (probe.get_submodule(n).bias is None) != with_bias}
    try:
        impl(probe, rank, alpha)
    except Exception:  # noqa: BLE001 - a probe only; the case's own failure stands
        return False
    left = {n for n in linears
            if not isinstance(probe.get_submodule(n), llmscratch.LinearWithLoRA)}
    return left == no_bias


def _changed_weights_hint(model, original):
    """Why the logits changed when the adapters were added, read from the weights: a wrapped
    Linear that is not the model's own, an adapter whose B is not zero, or another weight."""
    before = dict(original.named_modules())
    for name, m in model.named_modules():
        linear, lora = getattr(m, "linear", None), getattr(m, "lora", None)
        old = before.get(name)
        if not (isinstance(linear, nn.Linear) and isinstance(old, nn.Linear)):
            continue
        if not (torch.equal(linear.weight, old.weight) and (
                old.bias is None or linear.bias is not None and torch.equal(linear.bias,
                                                                            old.bias))):
            return (f"the Linear wrapped at {name!r} holds other weights than the model's Linear "
                    "there (a new nn.Linear of the same size?): the pretrained weights are lost; "
                    "wrap the existing layer, LinearWithLoRA(child, rank, alpha)")
        B = getattr(lora, "B", None)
        if torch.is_tensor(B) and torch.count_nonzero(B):
            return (f"the adapter at {name!r} has a B that is not zero: B must start at zero "
                    "so the model is unchanged")
    old_params = dict(original.named_parameters())
    changed = [n for n, p in model.named_parameters()
               if n.replace(".linear.", ".") in old_params and not torch.equal(
                   p, old_params[n.replace(".linear.", ".")])]
    if changed:
        return (f"weights changed while the adapters were added: {changed[:3]}; only wrap the "
                "Linear layers, leave every weight as it is")
    return ("every wrapped Linear keeps its weights and every B is zero, yet the outputs "
            "changed: something else in the forward pass differs from the model's")


def check_add_lora_adapters(impl):
    check_cases(state_probed(impl, [
        ("config 1, rank 2", lambda f: _adapter_case(f, ADAPTER_CONFIGS[0], 2, 4.0, 8)),
        ("config 2, rank 5, a model in training mode",
         lambda f: _adapter_case(f, ADAPTER_CONFIGS[1], 5, 1.5, 0, arrive_training=True)),
        ("config 1 on the 'meta' device", _adapter_meta_case),
        ("a model that is not a GPTModel", _adapter_other_model_case),
    ]))


def _adapter_other_model_case(impl):
    """A model that is not a GPTModel: Linear layers in a Sequential, a ModuleDict and a
    ModuleList and one at the top, under names GPTModel does not use. Every Linear must be
    wrapped and only the adapters may train."""
    torch.manual_seed(5)
    model = nn.Module()
    model.encoder = nn.Sequential(nn.Linear(6, 8), nn.GELU(),
                                  nn.ModuleDict({"proj": nn.Linear(8, 8)}))
    model.norm = nn.LayerNorm(8)
    model.heads = nn.ModuleList([nn.Linear(8, 3), nn.Linear(8, 2, bias=False)])
    model.out = nn.Linear(8, 4)
    linears = sorted(n for n, m in model.named_modules() if isinstance(m, nn.Linear))
    where = (f"a model that is not a GPTModel (Linear layers at {', '.join(linears)}; the "
             "GPT models of the other cases pass)")
    by_type = ("find the Linear layers by type, not by GPTModel's names: recurse over each "
               "module's named_children() and wrap every child that is an nn.Linear, whatever "
               "its name or container (Sequential, ModuleList, ModuleDict)")
    try:
        impl(model, 3, 2.0)
    except (AttributeError, IndexError, KeyError) as err:
        raise CheckFailure(f"{where}: your code raised {type(err).__name__}: {err}. It looks "
                           "for GPTModel's own attributes (trf_blocks, att.W_query, ff.layers, "
                           f"out_head, ...), which this model does not have: {by_type}") from err
    wrapped = sorted(n for n, m in model.named_modules()
                     if isinstance(m, llmscratch.LinearWithLoRA))
    if wrapped != linears:
        missing = sorted(set(linears) - set(wrapped))
        raise CheckFailure(f"{where}: after your call {', '.join(missing) or 'none'} stay "
                           f"unwrapped (wrapped: {', '.join(wrapped) or 'none'}), though every "
                           f"Linear of the GPT models is wrapped: {by_type}")
    trainable = sorted(n for n, p in model.named_parameters() if p.requires_grad)
    want = sorted(f"{n}.lora.{x}" for n in linears for x in "AB")
    if trainable != want:
        raise CheckFailure(f"{where}: the trainable parameters are {trainable}; expected the "
                           f"adapters alone, {want}: freeze every parameter of the model first, "
                           "then wrap")


def _adapter_meta_case(impl):
    """The model on the stand-in 'meta' device: its Linear layers must stay where they are."""
    torch.manual_seed(123)
    model = llmscratch.GPTModel(ADAPTER_CONFIGS[0]).to("meta")
    where = ("a model on the 'meta' device (a stand-in for a GPU; the CPU models of the other "
             "cases pass)")
    fixed = ("your code moves a layer to a device of its own choosing (.to('cpu'), .cuda(), or "
             ".to(device) with a device set in your file, such as 'cuda' if available else "
             "'cpu'): leave every layer on the model's device; LinearWithLoRA wraps the Linear "
             "as it is")
    try:
        impl(model, 2, 4.0)
    except (NotImplementedError, RuntimeError) as err:
        raise CheckFailure(f"{where}: your code raised {type(err).__name__}: "
                           f"{str(err).rstrip('.')}. {fixed}") from err
    moved = sorted({f"{n} on {m.weight.device}" for n, m in model.named_modules()
                    if isinstance(m, nn.Linear) and m.weight.device.type != "meta"})
    if moved:
        raise CheckFailure(f"{where}: after your call {len(moved)} Linear layer(s) left the "
                           f"model's device ({', '.join(moved[:3])}): {fixed}")


# --- ex7_8: another instruction file ------------------------------------------------------------

_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

FINETUNE_CONFIGS = {
    # name: (number of records, GPT config, keyword arguments); pairwise distinct sizes. The
    # vocabulary is GPT-2's (the loaders pad with 50256), so the output head dominates the time:
    # few, short batches keep each run near a second.
    "16 records, 2 epochs": (16, {"vocab_size": 50257, "context_length": 72, "emb_dim": 8,
                                  "n_heads": 2, "n_layers": 1, "drop_rate": 0.2,
                                  "qkv_bias": False},
                             {"num_epochs": 2, "batch_size": 4, "lr": 1e-2,
                              "allowed_max_length": 64, "seed": 123}),
    "17 records, 3 epochs": (17, {"vocab_size": 50257, "context_length": 48, "emb_dim": 6,
                                  "n_heads": 3, "n_layers": 2, "drop_rate": 0.1,
                                  "qkv_bias": True},
                             {"num_epochs": 3, "batch_size": 5, "lr": 5e-3,
                              "allowed_max_length": 40, "seed": 7}),
    # 11 training batches: more than the book's eval_iter of 5, so evaluating only the first
    # batches of the loader shows; 3 validation records in 2 batches (the only run whose
    # validation loader has more than one), so num_batches on the validation loader shows too
    "27 records, 2 epochs, 11 batches": (27, {"vocab_size": 50257, "context_length": 56,
                                              "emb_dim": 10, "n_heads": 5, "n_layers": 1,
                                              "drop_rate": 0.15, "qkv_bias": False},
                                         {"num_epochs": 2, "batch_size": 2, "lr": 2e-3,
                                          "allowed_max_length": 32, "seed": 11}),
}


def _other_records(n):
    records = []
    for i in range(n):
        a, b = i % 10, (3 * i + 1) % 10
        if i % 2:
            records.append({"instruction": "Write the number in words.", "input": str(a),
                            "output": f"The number {a} is written '{_NUMBERS[a]}'."})
        else:
            records.append({"instruction": f"Add {a} and {b}.", "input": "",
                            "output": f"{a} plus {b} is {a + b}."})
    return records


class _GivenTokenizer:
    """The tokenizer the check passes: GPT-2's, under an identity of its own, so that a loader
    built with a tokenizer the answer made itself is told apart."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _own_generators(loaders):
    """Give the unshuffled loaders a generator of their own and return the loaders.

    Every ``iter(DataLoader)`` draws its base seed from the loader's generator, or from the
    global one (dropout's) when it has none, even with shuffle=False. With their own, a right
    loop that makes an extra iterator (peeks at a validation batch, evaluates the test loader,
    counts ``len(list(loader))``) leaves the dropout masks, and so the losses, as ours."""
    if isinstance(loaders, (tuple, list)):
        for loader in loaders:
            if isinstance(loader, torch.utils.data.DataLoader) and loader.generator is None:
                loader.generator = torch.Generator()
    return loaders


class _CountingSampler:
    """Yields what ``inner`` yields and records each pass in ``passes``."""

    def __init__(self, inner, passes):
        self.inner, self.passes = inner, passes

    def __iter__(self):
        self.passes.append(1)
        return iter(self.inner)

    def __len__(self):
        return len(self.inner)


def _count_passes(loaders, passes):
    """Count the passes over the training loader (the first of ``loaders``); return them."""
    if isinstance(loaders, (tuple, list)) and loaders and isinstance(
            loaders[0], torch.utils.data.DataLoader) and loaders[0].batch_sampler is not None:
        loaders[0].batch_sampler.sampler = _CountingSampler(
            loaders[0].batch_sampler.sampler, passes)
    return loaders


def _reference_finetune(n, cfg, kwargs, mistake=None, torch_seed=321):
    """Our answer's (train_losses, val_losses), or with one mistake, from the same start.

    ``torch_seed`` seeds the global generator (dropout's) before training: the check seeds it
    with 321 before calling the answer, which may also call torch.manual_seed(seed) itself."""
    model = _fresh_model(cfg)
    data = _other_records(n)
    train_data, val_data, test_data = llmscratch.split_instruction_data(data)
    train_loader, val_loader, test_loader = llmscratch.create_instruction_dataloaders(
        train_data, val_data, test_data, llmscratch.get_gpt2_tokenizer(),
        batch_size=kwargs["batch_size"], allowed_max_length=kwargs["allowed_max_length"],
        seed=kwargs["seed"])
    _own_generators((train_loader, val_loader, test_loader))
    lr = 1e-3 if mistake == "lr" else kwargs["lr"]
    decay = 0.01 if mistake == "weight decay" else 0.1
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=decay)
    train_losses, val_losses = [], []
    if mistake == "zero_grad":  # zeroed once, before the epochs, then never again
        optimizer.zero_grad()
    torch.manual_seed(torch_seed)  # dropout draws the same masks as the answer's run
    for _ in range(kwargs["num_epochs"]):
        model.train()
        if mistake == "optimizer per epoch":
            optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=decay)
        batch_losses = []
        for input_batch, target_batch in train_loader:
            if mistake not in ("zero_grad", "zero_grad never", "zero_grad after step"):
                optimizer.zero_grad()
            logits = model(input_batch)
            if mistake == "last token":
                loss = F.cross_entropy(logits[:, -1, :], target_batch[:, -1])
            else:
                loss = F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
            loss.backward()
            optimizer.step()
            if mistake == "zero_grad after step":
                optimizer.zero_grad()
            batch_losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            if mistake in ("last batch", "running mean"):
                train_losses.append(batch_losses[-1] if mistake == "last batch"
                                    else sum(batch_losses) / len(batch_losses))
            elif mistake == "token mean":
                train_losses.append(_token_mean_loss(train_loader, model))
            else:
                train_losses.append(llmscratch.calc_loss_loader(train_loader, model, "cpu"))
            if mistake == "token mean":
                val_losses.append(_token_mean_loss(val_loader, model))
            else:
                val_losses.append(llmscratch.calc_loss_loader(
                    {"test split": test_loader, "val on train": train_loader}.get(
                        mistake, val_loader), model, "cpu"))
    return train_losses, val_losses


def _token_mean_loss(loader, model):
    """The loss averaged over every target token of the loader (not over its batches)."""
    total, count = 0.0, 0
    for input_batch, target_batch in loader:
        logits = model(input_batch)
        total += F.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                 reduction="sum").item()
        count += int((target_batch != -100).sum())
    return total / count


@functools.cache  # about 40 runs of a few seconds each, kept for the session
def _reference_losses(name, mistake=None, answer_seeds=False):
    n, cfg, kwargs = FINETUNE_CONFIGS[name]
    torch_seed = kwargs["seed"] if answer_seeds else 321
    return _reference_finetune(n, cfg, kwargs, mistake, torch_seed)


def _fresh_model(cfg):
    """The starting model, with gradients left over from earlier work (as after an evaluation
    with backward, or another run): zeroing before each batch clears them."""
    torch.manual_seed(123)
    model = llmscratch.GPTModel(cfg)
    for p in model.parameters():
        p.grad = torch.full_like(p, 0.05)
    return model


_FINETUNE_CAUSES = {
    "last batch": "the training loss is the last batch's, not the average over the whole "
    "training loader: after each epoch, call calc_loss_loader(train_loader, ...) in eval mode",
    "test split": "the validation loss is computed on the test split: use the validation loader",
    "zero_grad": "the gradients are never reset, so they pile up from batch to batch: call "
    "optimizer.zero_grad() before each loss.backward()",
    "running mean": "the training loss is the mean of the batch losses seen while training "
    "(in train mode, each before its update); after each epoch, evaluate the whole training "
    "loader with calc_loss_loader in eval mode",
    "lr": "the learning rate is 1e-3 whatever lr says: pass lr to AdamW",
    "weight decay": "AdamW's weight decay is its default 0.01; the book uses weight_decay=0.1",
    "val on train": "the validation loss is computed on the training loader: use the "
    "validation loader",
    "optimizer per epoch": "AdamW is created anew every epoch, so its moment estimates restart: "
    "create the optimizer once, before the epoch loop",
    "zero_grad never": "the gradients are never reset, so they pile up from batch to batch "
    "(on top of those already on the model): call optimizer.zero_grad() before each "
    "loss.backward()",
    "zero_grad after step": "optimizer.zero_grad() runs after each step instead of before each "
    "batch, so the gradients already on the model when it arrives are added to the first "
    "batch's: zero them before each loss.backward()",
    "last token": "the loss is chapter 6's, on the last position only; instruction finetuning "
    "predicts every next token: cross_entropy over logits.flatten(0, 1) and "
    "target_batch.flatten()",
    "token mean": "the evaluation averages over all target tokens of a loader (a sum of token "
    "losses divided by the token count); calc_loss_loader averages the batches' mean losses, "
    "each batch counting once: use calc_loss_loader(train_loader, ...) and (val_loader, ...)",
}
# found by spies (cheaper than a replay each): cross_entropy's rows, zero_grad and step counts
_DOUBLE_SHIFT = ("the logits and targets were shifted again (logits[:, :-1] against "
                 "target_batch[:, 1:]): the collate function already shifted the targets by one, "
                 "so compare logits.flatten(0, 1) with target_batch.flatten() as they are")
_ZERO_GRAD_PER_EPOCH = ("optimizer.zero_grad() runs once per epoch, so the gradients pile up "
                        "over the epoch's batches: call it before every batch's "
                        "loss.backward()")


def _finetune_case(impl, name):
    _finetune_defaults(impl)
    n, cfg, kwargs = FINETUNE_CONFIGS[name]
    model = _fresh_model(cfg)
    if name in ARRIVES_IN_EVAL:  # as after an evaluation: model.train() each epoch matters
        model.eval()
    calls = []
    model.register_forward_pre_hook(
        lambda module, args: calls.append((module.training, torch.is_grad_enabled())))
    shapes, ce_rows, counts, events = [], [], {"zero_grad": 0, "step": 0}, []
    model.register_forward_hook(lambda module, args, out: shapes.append(tuple(out.shape[:2])))
    real_ce = F.cross_entropy

    ce_ignored = []  # an ignore_index other than -100 given to cross_entropy

    summed = []  # a training loss whose gradient is 1 for every token: a sum, not a mean
    smoothed = []  # a label_smoothing given to cross_entropy
    mean_scaled = []  # the gradient reaching a mean loss, when it is not 1 (loss / k)

    def ce_spy(inp, *args, **kw):
        if torch.is_grad_enabled() and shapes and torch.is_tensor(inp):
            ce_rows.append((inp.shape[0], shapes[-1]))
        if kw.get("ignore_index", -100) != -100:
            ce_ignored.append(kw["ignore_index"])
        if kw.get("label_smoothing"):
            smoothed.append(kw["label_smoothing"])
        out = real_ce(inp, *args, **kw)
        reduction = kw.get("reduction", "mean")
        if reduction == "mean" and torch.is_tensor(out) and out.requires_grad:
            out.register_hook(lambda g: mean_scaled.append(g.item()) if g.numel() == 1 and not
                              math.isclose(g.item(), 1.0, rel_tol=1e-6) else None)
        if reduction in ("sum", "none") and torch.is_tensor(out) and out.requires_grad:
            out.register_hook(lambda g, r=reduction: summed.append((r, 1.0)) if bool(
                (g == 1).all()) else None)
        target = args[0] if args else kw.get("target")
        if reduction == "sum" and torch.is_tensor(out) and out.requires_grad and torch.is_tensor(
                target) and shapes:
            # a sum divided by anything but the count of target tokens is no token mean
            tokens = int((target != kw.get("ignore_index", -100)).sum())
            rows, cells = shapes[-1][0], target.numel()

            def scaled(g, rows=rows, tokens=tokens, cells=cells):
                if g.numel() == 1 and g.item() != 1 and not math.isclose(
                        g.item() * tokens, 1, rel_tol=1e-4):
                    summed.append(("sum", g.item(), tokens, rows, cells))
            out.register_hook(scaled)
        return out
    loader_devices, loader_args, loader_data, loader_options = [], [], [], []
    loader_tokenizers, eval_devices, eval_lens = [], [], []  # a spy's records: the tokenizer
    # each loader call got, the device and the loader length each calc_loss_loader call got
    train_passes = []  # one entry per iter() of a training loader the answer built
    spy_name = "create_instruction_dataloaders"
    learner_globals = getattr(impl, "__globals__", {})
    real_loaders = learner_globals.get(spy_name)

    def loaders_spy(*args, **kw):
        bound = inspect.signature(real_loaders).bind(*args, **kw)
        loader_devices.append(bound.arguments.get("device", "cpu"))
        loader_tokenizers.append(bound.arguments.get("tokenizer"))
        loader_data.append([bound.arguments.get(k) for k in ("train_data", "val_data")])
        bound.apply_defaults()
        loader_options.append({k: bound.arguments[k] for k in ("prompt_style",
                                                                 "mask_instructions")
                               if k in bound.arguments})
        loader_args.append({k: bound.arguments[k] for k in
                            ("batch_size", "allowed_max_length", "seed") if k in bound.arguments})
        return _count_passes(_own_generators(real_loaders(*args, **kw)), train_passes)
    if real_loaders is not None:
        learner_globals[spy_name] = loaders_spy
    real_eval = learner_globals.get("calc_loss_loader")

    def eval_spy(*args, **kw):  # the device calc_loss_loader is given
        bound = inspect.signature(real_eval).bind(*args, **kw)
        eval_devices.append(bound.arguments.get("device"))
        loader = bound.arguments.get("data_loader")
        eval_lens.append(len(loader) if hasattr(loader, "__len__") else None)
        return real_eval(*args, **kw)
    if real_eval is llmscratch.calc_loss_loader:
        learner_globals["calc_loss_loader"] = eval_spy
    real_load = learner_globals.get("download_and_load_file")
    given_path = []  # the file this call hands the answer (set once it is written)

    def load_spy(*args, **kw):  # stops at once an answer that loads another file than its own
        bound = inspect.signature(real_load).bind(*args, **kw)
        asked = bound.arguments.get("file_path")
        if given_path and (asked is None or Path(asked).resolve() != given_path[0].resolve()):
            raise CheckFailure(
                "download_and_load_file was called "
                + ("without file_path, so it loaded chapter 7's own instruction data (1,100 "
                   "records)" if asked is None else f"with file_path={str(asked)!r}")
                + f", not the file the call gave ({given_path[0].name}): load the records "
                "from file_path, download_and_load_file(file_path)")
        return real_load(*args, **kw)
    if real_load is llmscratch.download_and_load_file:
        learner_globals["download_and_load_file"] = load_spy
    adamw_args, rescaled, cleared, step_lrs = [], [], [], []
    real_adamw = torch.optim.AdamW

    class SpyAdamW(real_adamw):
        """Trains as AdamW does; records lr, weight_decay, betas and eps, and whether a
        gradient changed between loss.backward() and step() (clipping, scaling)."""

        def __init__(self, params, *args, **kw):
            bound = inspect.signature(real_adamw.__init__).bind(None, params, *args, **kw)
            bound.apply_defaults()
            adamw_args.append({k: bound.arguments[k]
                               for k in ("lr", "weight_decay", "betas", "eps", "amsgrad")})
            super().__init__(params, *args, **kw)
            adamw_args[-1]["groups"] = [(len(g["params"]), g["weight_decay"])
                                        for g in self.param_groups]
            self.backward_norms = {}
            for group in self.param_groups:
                for p in group["params"]:
                    p.register_post_accumulate_grad_hook(self._record)

        def _record(self, p):
            self.backward_norms[p] = p.grad.norm().item()

        def zero_grad(self, *args, **kw):
            counts["zero_grad"] += 1
            events.append("zero_grad")
            return super().zero_grad(*args, **kw)

        def step(self, *args, **kw):
            counts["step"] += 1
            events.append("step")
            step_lrs.append(self.param_groups[0]["lr"])
            if self.backward_norms and all(p.grad is None or not bool(p.grad.any())
                                           for p in self.backward_norms):
                cleared.append(counts["step"])  # backward ran, but no gradient is left
            for p, norm in self.backward_norms.items():
                if p.grad is not None and not math.isclose(p.grad.norm().item(), norm,
                                                           rel_tol=1e-6, abs_tol=1e-12):
                    rescaled.append((norm, p.grad.norm().item()))
                    break
            self.backward_norms = {}
            return super().step(*args, **kw)
    torch.optim.AdamW = SpyAdamW
    F.cross_entropy = ce_spy
    adam_made = []
    real_adam = torch.optim.Adam

    class SpyAdam(real_adam):
        """Records that plain Adam (not AdamW, its subclass) was created."""

        def __init__(self, *args, **kw):
            adam_made.append(True)
            super().__init__(*args, **kw)
    torch.optim.Adam = SpyAdam
    clipped, clip_patches = [], []
    for clip_name in ("clip_grad_norm_", "clip_grad_value_"):
        real = getattr(torch.nn.utils, clip_name)

        def clip_spy(*args, real=real, **kw):
            clipped.append(real.__name__)
            return real(*args, **kw)
        for owner in (torch.nn.utils, torch.nn.utils.clip_grad):
            clip_patches.append((owner, clip_name, getattr(owner, clip_name)))
            setattr(owner, clip_name, clip_spy)
        if learner_globals.get(clip_name) is real:
            clip_patches.append((learner_globals, clip_name, real))
            learner_globals[clip_name] = clip_spy
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "numbers.json"
            path.write_text(json.dumps(_other_records(n)), encoding="utf-8")
            given_path.append(path)
            torch.manual_seed(321)
            given_tokenizer = _GivenTokenizer(llmscratch.get_gpt2_tokenizer())
            result = impl(path, model, given_tokenizer, device=STAND_IN_DEVICE, **kwargs)
    except (IndexError, RuntimeError) as err:
        if not ce_ignored:
            raise
        raise CheckFailure(f"your code raised {type(err).__name__}: {err} after passing "
                           f"ignore_index={ce_ignored[0]} to cross_entropy: the collate "
                           "function marks the padding targets with -100, which cross_entropy "
                           "skips only with its default ignore_index=-100 (and 50256 is also "
                           "the end-of-text target the model must learn); leave ignore_index "
                           "out") from err
    finally:
        torch.optim.AdamW = real_adamw
        F.cross_entropy = real_ce
        torch.optim.Adam = real_adam
        for owner, clip_name, real in reversed(clip_patches):
            if isinstance(owner, dict):
                owner[clip_name] = real
            else:
                setattr(owner, clip_name, real)
        if real_loaders is not None:
            learner_globals[spy_name] = real_loaders
        if real_eval is llmscratch.calc_loss_loader:
            learner_globals["calc_loss_loader"] = real_eval
        if real_load is llmscratch.download_and_load_file:
            learner_globals["download_and_load_file"] = real_load
    if not isinstance(result, dict):
        raise CheckFailure("return a dict with n_train, n_val, n_test, train_losses, val_losses")
    missing = {"n_train", "n_val", "n_test", "train_losses", "val_losses"} - set(result)
    if missing:
        raise CheckFailure(f"the returned dict lacks {sorted(missing)}")
    n_train, n_test = int(n * 0.85), int(n * 0.10)
    expected_split = (n_train, n - n_train - n_test, n_test)
    split = (result["n_train"], result["n_val"], result["n_test"])
    if split != expected_split:
        hint = ("validation and test are swapped: split_instruction_data returns (train, val, "
                "test), and the test part is the 10%" if split == (n_train, n_test,
                                                                    n - n_train - n_test)
                else "use split_instruction_data and train on the training part only")
        for portions in ((0.85, 0.05), (0.85, 0.15), (0.8, 0.1), (0.9, 0.05), (0.8, 0.05)):
            parts = llmscratch.split_instruction_data(list(range(n)), *portions)
            if split == (len(parts[0]), len(parts[1]), len(parts[2])):
                hint = (f"the split is split_instruction_data's with train_portion={portions[0]}"
                        f" and test_portion={portions[1]}: keep its defaults, 85% training and "
                        "10% test (validation is the rest, about 5%)")
        want_train, want_val, want_test = llmscratch.split_instruction_data(_other_records(n))
        if loader_data and loader_data[0][1] == want_test != want_val:
            hint = ("validation and test are swapped (your loaders got the test part as the "
                    "validation data): split_instruction_data returns (train, val, test) in "
                    "that order")
        elif loader_data and loader_data[0][1] == want_val and split == (
                n_train, n_test, n - n_train - n_test):
            hint = ("your loaders got the right parts, but the returned dict swaps n_val and "
                    "n_test: n_val is len(val_data), n_test is len(test_data)")
        n_val5 = int(n * 0.05)
        if split != (n_train, n - n_train - n_test, n_test) and split == (
                n_train, n_val5, n - n_train - n_val5):
            hint = ("the validation part was cut as int(len * 0.05) right after the training "
                    "part and the test part got the rest: the book cuts the test part, "
                    "int(len * 0.10), right after training, and validation is what is left; "
                    "use split_instruction_data")
        rounded = [(round(n * 0.85), round(n * 0.10)), (math.ceil(n * 0.85), math.ceil(n * 0.10))]
        if split[1] != n_test and any(split == (a, n - a - b, b) for a, b in rounded):
            hint = ("the sizes were rounded (round() or math.ceil) instead of cut down: "
                    "split_instruction_data takes int(len * 0.85) training and int(len * 0.10) "
                    "test records; use it")
        full = n_train // kwargs["batch_size"] * kwargs["batch_size"]
        if split[0] == full != n_train:
            hint = (f"n_train is {full}, the records in the training loader's full batches "
                    f"(len(train_loader) * batch_size, {n_train // kwargs['batch_size']} x "
                    f"{kwargs['batch_size']}: the loader drops its last, short batch): n_train "
                    "is len(train_data), every training record")
        if split[0] in (n_train // kwargs["batch_size"], -(-n_train // kwargs["batch_size"])):
            hint = ("you counted batches (len of a loader), not records: n_train is "
                    "len(train_data), the number of training records")
        if hint.startswith("use split_instruction_data") and loader_data and loader_data[0] == [
                want_train, want_val]:
            by_hand = {"n_val": int(n * 0.05), "n_test": int(n * 0.10),
                       "n_train": int(n * 0.85)}
            wrong = [k for k, got, want in zip(("n_train", "n_val", "n_test"), split,
                                               expected_split) if got != want]
            formula = [k for k in wrong if split[("n_train", "n_val", "n_test").index(k)]
                       == by_hand[k]]
            hint = (f"your loaders got the right parts ({len(want_train)} training and "
                    f"{len(want_val)} validation records), but the returned "
                    f"{' and '.join(wrong)} differ{'s' * (len(wrong) == 1)}"
                    + (f" ({' and '.join(formula)} computed by hand as int(len * portion): "
                       "validation is what is left after the training and test parts, not "
                       "int(len * 0.05))" if formula else "")
                    + ": return len(train_data), len(val_data) and len(test_data)")
        val_batches = -(-expected_split[1] // kwargs["batch_size"])
        if split[0] == n_train and split[1:] == (val_batches, -(-n_test // kwargs["batch_size"])):
            hint = ("n_val and n_test are the validation and test loaders' batch counts "
                    "(len(val_loader), len(test_loader)), not their records: n_val is "
                    "len(val_data) and n_test len(test_data)")
        raise CheckFailure(f"for {n} records your split is {split} (train, val, test); the "
                           f"85/10/5 split gives {expected_split}: {hint}")
    epochs = kwargs["num_epochs"]
    train, val = list(result["train_losses"]), list(result["val_losses"])
    if len(train) != epochs or len(val) != epochs:
        batches = n_train // kwargs["batch_size"]  # the training loader drops the last
        trained = sum(1 for c in calls if c[1])
        note = ""
        if len(train) == len(val) and trained == len(train) * batches:
            note = (f": your loop trained {len(train)} epoch{'s' * (len(train) != 1)} "
                    f"({trained} batches of "
                    f"{batches} an epoch) and recorded each; run num_epochs epochs, "
                    "for epoch in range(num_epochs) (range(1, num_epochs) runs one fewer)")
        elif trained == epochs * batches:
            note = (f": the training ran all {epochs} epochs ({trained} batches), but the "
                    f"losses were recorded {len(train)} and {len(val)} times: evaluate after "
                    "each epoch, inside the epoch loop")
        raise CheckFailure(f"num_epochs={epochs}: expected one train and one val loss per epoch "
                           f"({epochs} each); got {len(train)} and {len(val)}{note}")
    if not all(isinstance(x, (int, float)) and math.isfinite(x) for x in train + val):
        raise CheckFailure(f"the losses must be finite Python floats: {train}, {val}")
    for args in loader_args[:1]:
        wrong = {k: v for k, v in args.items() if v != kwargs[k]}
        if wrong:
            raise CheckFailure(
                f"the loaders were built with {wrong} though the call gave "
                f"{ {k: kwargs[k] for k in wrong} }: pass batch_size, allowed_max_length and "
                "seed on to create_instruction_dataloaders (their defaults differ)")
    if loader_tokenizers and loader_tokenizers[0] is not given_tokenizer:
        raise CheckFailure(
            f"the loaders were built with a tokenizer of your own "
            f"({type(loader_tokenizers[0]).__name__}), not the tokenizer argument the call "
            "gave: pass tokenizer on to create_instruction_dataloaders (the caller's model "
            "may use another vocabulary)")
    for options in loader_options[:1]:
        if options.get("mask_instructions", False) or options.get("prompt_style",
                                                                  "alpaca") != "alpaca":
            raise CheckFailure(
                f"the loaders were built with {options}: this exercise keeps chapter 7's "
                "recipe, the Alpaca prompt with every target token in the loss (the default "
                "prompt_style='alpaca', mask_instructions=False); masking the instructions or "
                "another prompt style are the other exercises' variations: leave both out")
    if summed and summed[0][1] != 1:
        _, factor, tokens, rows, cells = summed[0]
        by = (f"divided by the batch's {rows} rows (sequences)" if math.isclose(
            factor * rows, 1, rel_tol=1e-4) else
            f"divided by all {cells} targets, the {cells - tokens} masked ones (-100) too "
            "(target.numel() or len(target.flatten())?)" if math.isclose(
                factor * cells, 1, rel_tol=1e-4) else f"times {factor:.4g} (1/{1 / factor:.4g})")
        raise CheckFailure(
            f"the training loss is cross_entropy(..., reduction='sum') {by}, not by its "
            f"{tokens} target tokens: that is no mean over the tokens, and the tokens per row "
            "change from batch to batch, so the run differs from the recipe's; use "
            "cross_entropy's default reduction='mean' (as calc_loss_batch does)")
    if summed:
        raise CheckFailure(
            f"the training loss is summed over the target tokens (cross_entropy with "
            f"reduction={summed[0][0]!r}{', then .sum()' if summed[0][0] == 'none' else ''}): each "
            "step's gradient is as many times larger as the batch has tokens, which changes "
            "from batch to batch, so the run differs from the recipe's; backpropagate the mean "
            "over the tokens (cross_entropy's default reduction='mean', as calc_loss_batch "
            "does)")
    records = _other_records(n)
    for train_part, val_part in loader_data[:1]:
        want_train, want_val, _ = llmscratch.split_instruction_data(records)
        if (isinstance(train_part, list) and len(train_part) == n_train
                and train_part != want_train and all(r in records for r in train_part)):
            def counted(part):  # the records repeat: compare them as a multiset
                return sorted(json.dumps(r, sort_keys=True) for r in part)
            if counted(train_part) == counted(want_train) and val_part == want_val:
                raise CheckFailure(
                    f"for {n} records the loaders got the right training records (the file's "
                    "first 85%) in another order: they were reordered after the split "
                    "(random.shuffle on the training part?); pass the split's training part "
                    "as it is: the training loader shuffles it itself, with its seed")
            raise CheckFailure(f"for {n} records the loaders trained on records in another "
                               "order or selection than the file's first 85%: the records were "
                               "shuffled (or reordered) before the split; split_instruction_data "
                               "keeps the file's order (train = the first 85%)")
        if isinstance(val_part, list) and val_part != want_val and len(val_part) == len(
                want_val) and all(r in records for r in val_part):
            raise CheckFailure(f"for {n} records the validation loader holds other records than "
                               "the split's validation part (the last 5%): "
                               "the records were reordered before the split")
    steps = [c for c in calls if c[1]]
    expected_steps = epochs * (n_train // kwargs["batch_size"])  # the loader drops the last
    if len(steps) > expected_steps and any(not training for training, _ in steps):
        raise CheckFailure(f"the model ran {len(steps)} forward passes with gradients, "
                           f"{len(steps) - expected_steps} more than the {expected_steps} "
                           "training batches, some of them in eval mode: the evaluation ran "
                           "with gradients on; wrap calc_loss_loader in torch.no_grad()")
    if len(steps) != expected_steps:
        per_epoch = n_train // kwargs["batch_size"]
        short = (f": {len(steps) // epochs} of the {per_epoch} training batches in every epoch, "
                 "one too few (a loop over range(len(train_loader) - 1), or a break one batch "
                 "early?); train on every batch the loader gives" if epochs > 1 and per_epoch > 1
                 and len(steps) == epochs * (per_epoch - 1) else "")
        raise CheckFailure(f"the model ran {len(steps)} forward passes with gradients; expected "
                           f"{expected_steps} ({epochs} epochs x {per_epoch} training batches)"
                           + short + _trained_loader(calls, shapes, n, kwargs))
    per_epoch_steps = n_train // kwargs["batch_size"]
    modes = [training for training, _ in steps]
    if (name in ARRIVES_IN_EVAL and not any(modes[:per_epoch_steps])
            and all(modes[per_epoch_steps:])):
        raise CheckFailure(f"the model arrived in eval mode, and the first epoch's "
                           f"{per_epoch_steps} training batches ran in it (dropout off) while "
                           "the later epochs trained in training mode: model.train() is "
                           "called after the first epoch's batches (at the end of the epoch?); "
                           "call it at the start of every epoch")
    if not all(modes):
        raise CheckFailure("some training batches ran in eval mode (dropout off): call "
                           "model.train() at the start of every epoch, since the evaluation "
                           "switched the model to eval mode")
    if any(training for training, grad in calls if not grad):
        raise CheckFailure("the losses were evaluated in training mode, so dropout was on: "
                           "call model.eval() before calc_loss_loader")
    n_val = n - n_train - n_test
    # the training loader drops its last, short batch; the validation loader keeps it
    val_batches = -(-n_val // kwargs["batch_size"])
    per_epoch = n_train // kwargs["batch_size"] + val_batches
    evaluated = sum(1 for _, grad in calls if not grad)
    if epochs > 1 and evaluated == per_epoch and len(set(train)) == len(set(val)) == 1:
        raise CheckFailure(f"the evaluation ran {evaluated} forward passes, one pass over the "
                           f"training and validation loaders ({per_epoch} batches) for "
                           f"{epochs} epochs, and each list repeats one loss ({train[0]:.4f}, "
                           f"{val[0]:.4f}): the loaders were evaluated once, after the "
                           "training; evaluate them after every epoch, inside the epoch loop")
    # both loaders read, but not in full (an answer that never evaluates the training loader
    # is judged by its losses below: the last batch's loss or the running mean)
    if epochs * (val_batches + 1) <= evaluated < epochs * per_epoch:
        train_batches = n_train // kwargs["batch_size"]
        short = ""  # which loader was cut short, told by the count of passes an epoch
        if evaluated % epochs == 0 and train_batches <= evaluated // epochs < per_epoch:
            short = (f": the training loader was read in full ({train_batches} batches), so "
                     f"the validation loader ({n_val} records, {val_batches} batches of "
                     f"{kwargs['batch_size']}) gave only {evaluated // epochs - train_batches} "
                     "of its batches an epoch")
        elif evaluated % epochs == 0 and val_batches < evaluated // epochs < train_batches:
            read = evaluated // epochs - val_batches
            short = (f": {evaluated // epochs} passes an epoch, fewer than the training "
                     f"loader's {train_batches} batches ({n_train} records in batches of "
                     f"{kwargs['batch_size']}), so the training loader was cut short (to "
                     f"{read} batches, if the {val_batches} of the validation loader were "
                     "all read" + (": the book's eval_iter=5 given as num_batches?"
                                   if read == 5 else "") + ")")
        if train == val and evaluated == epochs * 2 * val_batches:
            raise CheckFailure(
                f"your train and val losses are equal in every epoch ({train[0]:.4f} first), and "
                f"the evaluation ran {evaluated} forward passes, two passes over the validation "
                f"loader ({val_batches} batch{'es' * (val_batches != 1)}) an epoch and none over "
                "the training loader: the training losses were computed on the validation "
                "loader; use calc_loss_loader(train_loader, ...) for train_losses")
        if len(eval_lens) == epochs and set(eval_lens) == {val_batches} != {train_batches}:
            extra = evaluated // epochs - val_batches
            raise CheckFailure(
                f"calc_loss_loader ran {epochs} times, once an epoch on the validation loader "
                f"({val_batches} batch{'es' * (val_batches != 1)}), and the training loss came "
                f"from {extra} forward pass{'es' * (extra != 1)} of your own an epoch, not from "
                f"the {train_batches} batches of the training loader: one batch's loss (the "
                "last training batch's, evaluated again?) is not the training loss; record "
                "calc_loss_loader(train_loader, model, device), the mean over the whole loader")
        raise CheckFailure(f"the evaluation ran {evaluated} forward passes; averaging the whole "
                           f"training and validation loaders after each of the {epochs} epochs "
                           f"takes at least {epochs * per_epoch} ({per_epoch} batches an epoch)"
                           f"{short}: call calc_loss_loader without num_batches")
    if real_loaders is not None and not any(
            torch.device(d) == STAND_IN_DEVICE for d in loader_devices):
        raise CheckFailure(f"the loaders were built for {loader_devices} though device was "
                           f"{STAND_IN_DEVICE} (a stand-in the check uses): pass device on")
    hard_coded = [d for d in eval_devices if isinstance(d, str)
                  and torch.device(d) != STAND_IN_DEVICE]
    if hard_coded:
        raise CheckFailure(f"calc_loss_loader was given device={hard_coded[0]!r} though the "
                           f"call gave device={STAND_IN_DEVICE} (a stand-in the check uses): "
                           "the evaluation would move every batch off a GPU while the model "
                           "stays on it; pass device on to calc_loss_loader")
    if clipped:
        raise CheckFailure(f"your loop calls {clipped[0]}: gradient clipping is not part of "
                           "this recipe (it changes the run whenever the gradient norm exceeds "
                           "the limit); step right after backward, as train_model_simple does")
    if rescaled:
        before, after = rescaled[0]
        raise CheckFailure(f"a gradient changed between loss.backward() and optimizer.step() "
                           f"(its norm went from {before:.4g} to {after:.4g}): gradient "
                           "clipping or scaling is not part of this recipe; step right after "
                           "backward, as train_model_simple does")
    if all(torch.equal(v, model.state_dict()[k]) for k, v in _fresh_model(cfg).state_dict()
           .items()):
        if adamw_args and counts["step"] == 0:
            cause = ("optimizer.step() was never called: call it after each loss.backward()")
        elif cleared and len(cleared) == counts["step"]:
            cause = (f"at each of the {counts['step']} optimizer.step() calls the gradients "
                     "that loss.backward() had just made were gone, so no step moved a weight "
                     "(optimizer.zero_grad() between loss.backward() and optimizer.step() "
                     "clears the gradients before the step?): zero them before the backward")
        else:
            cause = ("did you call optimizer.step() (after loss.backward()) on the model you "
                     "were given? optimizer.zero_grad() between loss.backward() and "
                     "optimizer.step() clears the gradients before the step")
        raise CheckFailure(f"the model's weights did not change: {cause}")
    def small_changes():  # what the spies saw but the losses may not show: changes of the run
        if adamw_args and adamw_args[0]["amsgrad"]:
            raise CheckFailure("AdamW got amsgrad=True: the recipe is plain AdamW, as the book's "
                               "train_model_simple makes it (lr and weight_decay=0.1, nothing "
                               "else); AMSGrad keeps the largest second moment seen, which "
                               "changes the steps once that moment falls: leave amsgrad out")
        if mean_scaled:
            raise CheckFailure(
                f"the training loss was scaled by {mean_scaled[0]:.4g} before loss.backward() "
                f"(the gradient reaching cross_entropy's mean was {mean_scaled[0]:.4g}, not 1"
                + (f": loss / {1 / mean_scaled[0]:.4g}, as gradient accumulation divides, "
                   "though a step follows every batch" if 0 < mean_scaled[0] < 1 else "")
                + "): backpropagate the batch's mean loss itself, loss.backward()")
    got = torch.tensor([train, val], dtype=torch.float64)
    want = torch.tensor(_reference_losses(name), dtype=torch.float64)
    if not torch.allclose(got, want, atol=LOSS_ATOL, rtol=0):
        # the same run when the answer seeds torch with its seed argument before training
        reseeded = torch.tensor(_reference_losses(name, answer_seeds=True), dtype=torch.float64)
        if torch.allclose(got, reseeded, atol=LOSS_ATOL, rtol=0):
            small_changes()
            return
        hint = likely_cause(got, {"the train and val losses are swapped": want.flip(0)},
                            atol=LOSS_ATOL)
        for digits in (1, 2, 3, 4):
            if hint is None and torch.allclose(got, torch.round(want, decimals=digits),
                                               atol=1e-6, rtol=0):
                hint = (f"your losses are ours rounded to {digits} decimals: return the floats "
                        "as calc_loss_loader gives them (round only when printing)")
        if hint is None and calls and not calls[0][1]:
            hint = ("the losses were evaluated before the epoch's training (the first forward "
                    "pass ran without gradients): record them after each epoch's batches")
        # the AdamW spy's record is direct evidence, and cheaper than replaying mistakes
        made = adamw_args[0] if adamw_args else None
        if hint is None and adam_made and made is None:
            hint = ("you trained with torch.optim.Adam: its weight_decay adds an L2 term to the "
                    "gradient, unlike AdamW's decoupled decay; use torch.optim.AdamW(model."
                    "parameters(), lr=lr, weight_decay=0.1)")
        if hint is None and made is not None and (made["lr"], made["weight_decay"]) == (
                0.1, kwargs["lr"]):
            hint = (f"AdamW got lr={made['lr']:g} and weight_decay={made['weight_decay']:g}: "
                    "the two are swapped; AdamW(model.parameters(), lr=lr, weight_decay=0.1)")
        if hint is None and made is not None and made["lr"] != kwargs["lr"]:
            hint = (f"AdamW got lr={made['lr']:g} though the call gave lr={kwargs['lr']:g}: "
                    + ("the learning rate is 1e-3 whatever lr says: " if made["lr"] == 1e-3
                       else "") + "pass lr to AdamW")
        elif hint is None and made is not None and len({d for _, d in made["groups"]}) > 1:
            groups = ", ".join(f"{d:g} for {n} tensors" for n, d in made["groups"])
            hint = (f"AdamW got parameter groups with different weight decay ({groups}): the "
                    "recipe decays every parameter alike (biases and norms too), "
                    "AdamW(model.parameters(), lr=lr, weight_decay=0.1)")
        elif hint is None and made is not None and any(
                not math.isclose(lr, made["lr"]) for lr in step_lrs):
            changed = next(k for k, lr in enumerate(step_lrs) if not math.isclose(lr, made["lr"]))
            hint = (f"the learning rate changed during training: AdamW was made with "
                    f"lr={made['lr']:g}, but step {changed + 1} ran with {step_lrs[changed]:.4g} "
                    f"and the last of {len(step_lrs)} with {step_lrs[-1]:.4g} (a learning-rate "
                    "scheduler, or a changed param_groups lr): the recipe keeps lr constant")
        elif hint is None and made is not None and made["weight_decay"] != 0.1:
            hint = (f"AdamW got weight_decay={made['weight_decay']:g}"
                    + (": AdamW's weight decay is its default 0.01"
                       if made["weight_decay"] == 0.01 else "")
                    + "; the book uses weight_decay=0.1")
        elif hint is None and made is not None and (tuple(made["betas"]), made["eps"]) != (
                (0.9, 0.999), 1e-8):
            hint = (f"AdamW got betas={tuple(made['betas'])}, eps={made['eps']:g}; the recipe "
                    "keeps AdamW's defaults (betas=(0.9, 0.999), eps=1e-8): pass only lr and "
                    "weight_decay=0.1")
        if hint is None and smoothed:
            hint = (f"cross_entropy got label_smoothing={smoothed[0]:g} (a Hugging Face "
                    "Trainer habit, label_smoothing_factor): the recipe's loss is the plain "
                    "next-token cross-entropy, as calc_loss_batch computes it; leave it out")
        if hint is None and any(rows == b * (t - 1) for rows, (b, t) in ce_rows):
            hint = _DOUBLE_SHIFT
        if hint is None and counts["zero_grad"] == epochs < counts["step"]:
            hint = _ZERO_GRAD_PER_EPOCH
        trained = sum(1 for c in calls if c[1])
        if hint is None and adamw_args and 0 < counts["step"] < trained <= counts["zero_grad"]:
            # zeroed before every batch, so nothing adds up: each step sees one batch's gradient
            hint = (f"optimizer.step() ran {counts['step']} times for {trained} training "
                    f"batches ({epochs} epochs), though zero_grad ran before every batch "
                    f"({counts['zero_grad']} times): "
                    + ("optimizer.step() sits after the batch loop (indented one level too "
                       "little?), once an epoch, " if counts["step"] == epochs else
                       "most batches end without a step, ")
                    + "so each step uses only the gradients of the last batch before it and "
                    "the other batches train nothing; take one step after each batch's "
                    "loss.backward(), inside the batch loop")
        if hint is None and adamw_args and 0 < counts["step"] != trained:
            hint = (f"optimizer.step() ran {counts['step']} times for {trained} training "
                    f"batches ({epochs} epochs), and zero_grad {counts['zero_grad']} times: "
                    + ("the gradients of several batches are added up before a step "
                       "(gradient accumulation?)" if counts["step"] < trained else
                       "more than one step per batch")
                    + "; take one step after each batch's loss.backward(), zeroing the "
                    "gradients before every batch")
        if hint is None and len(loader_args) > 1:
            hint = (f"create_instruction_dataloaders was called {len(loader_args)} times (once "
                    "per epoch?): a training loader rebuilt with the same seed shuffles every "
                    "epoch the same way, while one loader's shuffle goes on from epoch to "
                    "epoch; build the loaders once, before the epoch loop")
        if hint is None and events[:2] == ["step", "zero_grad"] and counts["zero_grad"] == \
                counts["step"]:  # the first step adds the gradients the model arrived with
            hint = _FINETUNE_CAUSES["zero_grad after step"]
        if hint is None and not loader_args and any(
                v is torch.utils.data.DataLoader or v is llmscratch.InstructionDataset
                for v in learner_globals.values()):
            hint = ("create_instruction_dataloaders was never called: you built the loaders "
                    "yourself, and a DataLoader with shuffle=True and no seeded generator takes "
                    "its order from the global generator, so its batches differ from the "
                    "seeded loader's; build them with create_instruction_dataloaders(..., "
                    "batch_size, allowed_max_length, device, seed), which seeds the training "
                    "loader's own generator")
        for key, cause in _FINETUNE_CAUSES.items():  # each costs a run: stop at the first match
            if hint:
                break
            mistake = torch.tensor(_reference_losses(name, key), dtype=torch.float64)
            hint = likely_cause(got, {cause: mistake}, atol=LOSS_ATOL)
        assert_close(got, want, what="the [train, val] losses per epoch "
                     f"{[[round(x, 4) for x in row] for row in got.tolist()]} against ours "
                     f"{[[round(x, 4) for x in row] for row in want.tolist()]}", atol=LOSS_ATOL,
                     hint=hint or (_loss_contrast(got, want) + (
                         f" (what the spies saw: AdamW created {len(adamw_args)} time(s), "
                         f"{counts['step']} steps and {counts['zero_grad']} zero_grad calls "
                         f"for {trained} training batches, each as expected)"
                         if len(adamw_args) == 1 and counts["step"] == trained
                         == counts["zero_grad"] else "") + (
                         f"; your training loader was iterated {len(train_passes)} times "
                         f"where ours is {2 * kwargs['num_epochs']} (one training and one "
                         "evaluation pass per epoch): every extra pass (a peek with "
                         "next(iter(train_loader)), an evaluation before training) moves its "
                         "seeded shuffle, so later epochs see other batches than ours; leave "
                         "the training loader to the epochs and their evaluation"
                         if len(loader_args) == 1
                         and len(train_passes) > 2 * kwargs["num_epochs"] else "")))
    small_changes()


def _trained_loader(calls, shapes, n, kwargs):
    """Which loader the training passes came from, told by their batch sizes (the rows of
    each batch the model saw with gradients on), when they are another loader's; "" if not."""
    if len(shapes) != len(calls):
        return ""
    sizes = [rows for (_, grad), (rows, _) in zip(calls, shapes) if grad]
    bs, n_train, n_test = kwargs["batch_size"], int(n * 0.85), int(n * 0.10)

    def batches(count):  # the validation and test loaders keep their last, short batch
        return [bs] * (count // bs) + ([count % bs] if count % bs else [])
    found = [(label, count) for label, count in (("validation", n - n_train - n_test),
                                                  ("test", n_test))
             if sizes == batches(count) * kwargs["num_epochs"]]
    if not found:
        return ""
    label, count = found[0]
    which = " or ".join(f"the {f[0]} loader's ({f[1]} records)" for f in found)
    return (f": each epoch's training batches had {batches(count)} rows, as {which} do, not "
            f"the training loader's ({n_train} records, {n_train // bs} full batches of {bs}): "
            f"the training loop iterates the {label} loader; iterate train_loader")


def _loss_contrast(got, want):
    """Where the answer's losses first part from ours (epoch by epoch, training before
    validation), and what that points to."""
    for epoch in range(got.shape[1]):
        for row, label in ((0, "training"), (1, "validation")):
            if abs(got[row, epoch] - want[row, epoch]) <= LOSS_ATOL:
                continue
            numbers = f"(yours {got[row, epoch]:.4f}, ours {want[row, epoch]:.4f})"
            if epoch:
                return (f"the losses of epoch 1 agree; the first difference is the {label} "
                        f"loss after epoch {epoch + 1} {numbers}. What changes from epoch 2 on: "
                        "one AdamW kept across the epochs, model.train() at the start of "
                        "every epoch, and one training loader whose shuffle goes on")
            if row:
                return (f"after epoch 1 the training loss agrees but the validation loss "
                        f"differs {numbers}: the training matches ours; evaluate the whole "
                        "validation loader (the split's last 5%) with calc_loss_loader in "
                        "eval mode")
            return (f"the training loss differs already after epoch 1 {numbers}: check the "
                    "steps (AdamW(lr, weight_decay=0.1) made once, zero_grad before each "
                    "batch, the loss over every position) and the evaluation "
                    "(calc_loss_loader over the whole loader, in eval mode, after the epoch)")
    return "train with AdamW(lr, weight_decay=0.1), then average over the whole loaders"


# Two correct answers differ only by rounding: the fused, foreach and plain AdamW give losses
# within 1e-6 of each other here. The kept mutants move them by 0.014 (the test split's loss)
# to 0.2 (the last batch's loss), at least 47 times this tolerance; AdamW's default weight
# decay (0.01 instead of 0.1) moves them by 0.005.
LOSS_ATOL = 3e-4
# this run's model arrives in eval mode, so an answer that calls model.train() after the first
# epoch's batches (not at the start of each epoch) trains that epoch without dropout
ARRIVES_IN_EVAL = {"17 records, 3 epochs"}
STAND_IN_DEVICE = torch.device("cpu", 0)  # a real device that differs from a hard-coded "cpu"


_FINETUNE_DEFAULTS = {"num_epochs": 2, "batch_size": 4, "lr": 1e-3, "allowed_max_length": 64,
                      "device": "cpu", "seed": 123}


def _finetune_defaults(impl):
    """A call that leaves an argument out trains with its default: keep the stub's defaults."""
    try:
        params = inspect.signature(impl).parameters
    except (TypeError, ValueError):
        return
    for key, want in _FINETUNE_DEFAULTS.items():
        got = params[key].default if key in params else want
        if got is not inspect.Parameter.empty and got != want:
            raise CheckFailure(f"the default {key} is {got!r}; the stub's signature has "
                               f"{key}={want!r}: keep the stub's defaults (a call that leaves "
                               f"{key} out would train with yours)")


def _until_first_failure(cases):
    """``check_cases``' cases, each skipped once an earlier one has failed (an unfinished stub's
    NotImplementedError aside). check_cases reports the first failure whatever the later cases
    do, so skipping them leaves the message as it is; here each case trains three small models
    (with its hint's replays and the state probe), so a wrong answer is judged in a third of the
    time when the first configuration already fails."""
    failed = []

    def wrap(run):
        def case():
            if failed:
                return
            try:
                run()
            except Exception as err:
                if not raised_not_implemented(err):
                    failed.append(err)
                raise
        return case
    return [(name, wrap(run)) for name, run in cases]


@one_thread
def check_finetune_on_file(impl):
    check_cases(_until_first_failure(state_probed(
        impl, [(name, functools.partial(_finetune_case, name=name)) for name in FINETUNE_CONFIGS],
        probe_first=False)))


EXERCISES = [
    Exercise(id="ex7_1", file="ex7_1_format_input.py", entry="format_input",
             title="Format a record as an Alpaca prompt", check=check_format_input),
    Exercise(id="ex7_2", file="ex7_2_phi3_prompt.py", entry="format_input_phi3",
             title="The Phi-3 prompt style", check=check_format_input_phi3),
    Exercise(id="ex7_3", file="ex7_3_collate.py", entry="custom_collate_fn",
             title="Pad, shift and mask a batch", check=check_custom_collate_fn),
    Exercise(id="ex7_4", file="ex7_4_mask_instructions.py", entry="custom_collate_with_masking",
             title="Leave the instruction out of the loss",
             check=check_custom_collate_with_masking),
    Exercise(id="ex7_5", file="ex7_5_lora_layer.py", entry="LoRALayer",
             title="The LoRA layer", check=check_lora_layer),
    Exercise(id="ex7_6", file="ex7_6_dpo_loss.py", entry="compute_dpo_loss",
             title="The DPO loss", check=check_dpo_loss),
    Exercise(id="ex7_7", file="ex7_7_lora_finetune.py", entry="add_lora_adapters",
             title="Prepare a model for LoRA finetuning", check=check_add_lora_adapters),
    # Three short training runs, plus one replayed run per likely mistake when an answer is
    # wrong (up to about 45 s on a 2-core laptop): more than the default minute leaves room.
    Exercise(id="ex7_8", file="ex7_8_other_instruction_file.py", entry="finetune_on_file",
             title="Finetune on another instruction file", check=check_finetune_on_file,
             timeout=180.0),
]
