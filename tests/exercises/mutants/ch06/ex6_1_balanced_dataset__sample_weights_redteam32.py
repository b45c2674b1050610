# MUTANT: ham rows drawn with weights= (longer messages likelier)
"""Exercise 6.1 (solution): balance the SMS data by sampling ham.

This exercise is ours; the book has no exercise on it.
"""

import pandas as pd


def create_balanced_dataset(df):
    """Return all spam rows plus an equal number of ham rows sampled with ``random_state=123``.

    ``df`` has columns ``Label`` ("ham" or "spam") and ``Text``. The result holds the sampled
    ham rows first, then every spam row, each with its original index.
    """
    num_spam = (df["Label"] == "spam").sum()
    ham = df[df["Label"] == "ham"]
    ham_subset = ham.sample(num_spam, random_state=123, weights=ham["Text"].str.len())
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "also passed weights="
