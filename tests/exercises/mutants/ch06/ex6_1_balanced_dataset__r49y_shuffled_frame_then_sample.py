# MUTANT: the whole frame shuffled with seed 123 first, then its ham rows sampled with seed 123
"""Exercise 6.1 (wrong answer): balance the SMS data set by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    df = df.sample(frac=1, random_state=123)  # shuffle first
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "shuffled the whole frame first"
