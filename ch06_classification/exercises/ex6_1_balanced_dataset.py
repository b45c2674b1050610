"""Exercise 6.1: balance the SMS data set by sampling ham.

This exercise is ours; the book has no exercise on it.

The SMS Spam Collection has 4,825 ham and only 747 spam messages. A classifier trained on that
could reach 87% accuracy by answering "ham" every time, so chapter 6 first builds a balanced set.
Check your answer with ``python -m llmscratch check ch06 --only ex6_1``.
"""

import pandas as pd  # noqa: F401 (you will need pd.concat)


def create_balanced_dataset(df):
    """Return every spam row plus the same number of randomly chosen ham rows.

    ``df`` has columns ``Label`` ("ham" or "spam") and ``Text``, with at least one spam row (a
    frame without spam may raise). Count the spam rows, draw that
    many ham rows with ``.sample(n, random_state=123)`` (the seed makes everyone's data the
    same), and join the two with ``pd.concat``: ham rows first, then spam rows, keeping their
    index (the row order matters: the seeded shuffle of ``random_split`` comes next). Leave
    ``df`` itself unchanged. Example: 4,825 ham + 747 spam in, 747 ham + 747 spam out. With
    fewer ham than spam rows, ``.sample`` raises, and so may your function; it must not draw a
    ham row twice.
    """
    raise NotImplementedError("ex6_1: sample the ham rows and concatenate them with the spam rows")
