# MUTANT: the whole frame shuffled with seed 123, then its first n ham rows kept
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    shuffled = df.sample(frac=1, random_state=123)
    ham_subset = shuffled[shuffled["Label"] == "ham"].head(num_spam)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'shuffled the WHOLE frame'
