# MUTANT: the whole frame sorted by Label (unstable quicksort) before sampling
"""Exercise 6.1 (wrong answer): balance the SMS data set by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    df = df.sort_values("Label")  # ham rows, then spam rows
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "the whole frame was sorted by Label before sampling"
