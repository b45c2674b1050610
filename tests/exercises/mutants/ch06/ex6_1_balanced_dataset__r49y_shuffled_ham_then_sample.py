# MUTANT: the ham rows shuffled with seed 42, then sampled with seed 123 from that order
"""Exercise 6.1 (wrong answer): balance the SMS data set by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].sample(frac=1, random_state=42)  # mix them up first
    ham = ham.sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "shuffled the ham rows first"
