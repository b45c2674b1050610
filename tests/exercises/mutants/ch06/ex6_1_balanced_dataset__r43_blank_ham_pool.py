# MUTANT: blank ham messages left out of the ham pool before sampling
# (the spam rows all kept): the seeded draw picks other rows
import pandas as pd

EXPECTED_CAUSE = 'was the pool filtered?'


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham = df[(df["Label"] == "ham") & (df["Text"].fillna("").str.strip() != "")]
    ham_subset = ham.sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])
