# MUTANT: the caller's index renamed in place (df.index.name = 'row')
import pandas as pd


def create_balanced_dataset(df):
    df.index.name = "row"
    spam = df[df["Label"] == "spam"]
    ham_subset = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([ham_subset, spam])

EXPECTED_CAUSE = "its index is now named"
