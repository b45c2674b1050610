# MUTANT: ham index reset
"""Exercise 6.1 (solution): balance the SMS data by sampling ham."""

import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123).reset_index(drop=True)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "ham rows' index was reset"
