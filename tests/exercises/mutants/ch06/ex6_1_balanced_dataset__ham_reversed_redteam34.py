# MUTANT: the sampled ham rows reversed ([::-1])
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset[::-1], df[df["Label"] == "spam"]])

EXPECTED_CAUSE = 'in REVERSED order'
