# MUTANT: the spam count read from value_counts(normalize=True): a share, not a number of rows
import pandas as pd

EXPECTED_CAUSE = "spam's share of the"


def create_balanced_dataset(df):
    num_spam = df["Label"].value_counts(normalize=True)["spam"]
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])
