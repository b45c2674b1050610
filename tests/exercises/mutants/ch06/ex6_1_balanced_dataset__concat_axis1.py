# MUTANT: pd.concat(..., axis=1) joins ham and spam side by side (columns) instead of stacking rows
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]], axis=1)


EXPECTED_CAUSE = 'BESIDE the ham rows'
