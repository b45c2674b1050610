# MUTANT: the spam count read from .shape[1], the number of columns
"""Exercise 6.1 (solution): balance the SMS data by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    num_spam = df[df["Label"] == "spam"].shape[1]
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "number of COLUMNS"
