# MUTANT: concat with keys gives a MultiIndex instead of the original index
"""Exercise 6.1 (solution): balance the SMS data by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]], keys=["ham", "spam"])


EXPECTED_CAUSE = 'MultiIndex'
