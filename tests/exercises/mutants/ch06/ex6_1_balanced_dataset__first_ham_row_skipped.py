# MUTANT: the first ham row skipped before sampling (iloc[1:]); the fallback names the pool size
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].iloc[1:].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "1 missing from the pool"
