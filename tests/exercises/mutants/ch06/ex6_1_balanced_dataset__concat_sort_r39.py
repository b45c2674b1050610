# MUTANT: pd.concat(..., sort=True) sorts the columns (a Text, Label frame comes back Label, Text)
import pandas as pd


def create_balanced_dataset(df):
    """Return all spam rows plus an equal number of ham rows sampled with ``random_state=123``.

    ``df`` has columns ``Label`` ("ham" or "spam") and ``Text``. The result holds the sampled
    ham rows first, then every spam row, each with its original index.
    """
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]], sort=True)

EXPECTED_CAUSE = 'pd.concat(..., sort=True) sorts them'
