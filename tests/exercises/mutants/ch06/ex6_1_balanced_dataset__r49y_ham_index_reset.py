# MUTANT: the ham rows' index reset before sampling: the right rows, numbered from 0
"""Exercise 6.1 (wrong answer): balance the SMS data set by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].reset_index(drop=True).sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "but the index is renumbered"
