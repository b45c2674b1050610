# MUTANT: takes the LAST num_spam ham rows (.tail) instead of a seeded random sample
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].tail(num_spam)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'the LAST 6 ham rows'
